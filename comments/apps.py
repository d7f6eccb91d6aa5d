from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from articles.article_page import also_fetch
        from comments.roles import sync_moderators
        from comments.templating import APPROVED_COMMENTS_JSON_SQL

        # The comments come with the article, in the article page's one query.
        also_fetch("approved_comments", APPROVED_COMMENTS_JSON_SQL)
        post_migrate.connect(sync_moderators, sender=self, dispatch_uid="comments.sync_moderators")
