from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from articles.caching import connect_signals, fetch_with_article_page
        from articles.roles import sync_editors

        connect_signals()
        fetch_with_article_page()
        post_migrate.connect(sync_editors, sender=self, dispatch_uid="articles.sync_editors")
