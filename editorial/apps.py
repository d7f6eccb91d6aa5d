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

        # --- Corrections and withdrawals ---
        self.show_corrections()

    def show_corrections(self):
        """Corrections on the article page, in its JSON-LD, and announced when saved."""
        from django.db.models.signals import post_delete, post_save

        from articles.article_page import also_fetch, also_fetch_updated_at, show_below_body
        from articles.structured_data import add_to_news_article
        from editorial import corrections
        from editorial.models import Correction

        also_fetch("corrections", corrections.CORRECTIONS_JSON_SQL)
        also_fetch_updated_at("latest_correction_at", corrections.LATEST_CORRECTION_SQL)
        show_below_body("editorial/article_corrections.html")
        add_to_news_article(corrections.corrections_json_ld)
        post_save.connect(
            corrections.correction_saved,
            sender=Correction,
            dispatch_uid="editorial.correction_saved",
        )
        post_delete.connect(
            corrections.correction_saved,
            sender=Correction,
            dispatch_uid="editorial.correction_deleted",
        )
