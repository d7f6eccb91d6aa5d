"""The editorial app's parts of the admin."""

from django.contrib import admin

from articles.admin import ArticleAdmin
from articles.models import Article

# --- Revisions (editorial/revisions_admin.py) --------------------------------
from editorial.revisions_admin import RevisionHistoryMixin

admin.site.unregister(Article)


@admin.register(Article)
class EditorialArticleAdmin(RevisionHistoryMixin, ArticleAdmin):
    """The articles' admin, with the history of their revisions."""
