from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    """Agency stories in (ninjs, RSS/Atom with Media RSS, NewsML-G2), drafts out.

    It creates articles through articles/, never the reverse.
    """

    name = "wire"
    verbose_name = _("Wire")
