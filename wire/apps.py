from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    """Agency stories in (ninjs, RSS/Atom with Media RSS, NewsML-G2), drafts out.

    It creates articles through articles/, never the reverse.
    """

    name = "wire"
    verbose_name = _("Wire")

    def ready(self):
        from wire.roles import sync_wire_editors

        post_migrate.connect(sync_wire_editors, sender=self, dispatch_uid="wire.sync_editors")
