from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The desk's trust in its own work: edit conflicts, revisions, roles, corrections.

    It depends on articles/ and never the reverse: it adds its parts to the
    article page and the admin through the hooks articles/ offers.
    """

    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        # --- Revisions: every save of an article keeps what readers see.
        from editorial.revisions import connect_signals as connect_revision_signals

        connect_revision_signals()

        # --- Workflow: the Reporters group, the Editors' rights here ---
        from editorial.roles import sync_editorial_roles

        post_migrate.connect(
            sync_editorial_roles, sender=self, dispatch_uid="editorial.sync_editorial_roles"
        )
