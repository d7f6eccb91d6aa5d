from django.contrib import admin

from articles.admin import ArticleAdmin
from articles.models import Article
from editorial.presence import PresenceAdminMixin

# --- Presence (editorial/presence.py): the article admin shows who else has it open ---
admin.site.unregister(Article)


@admin.register(Article)
class EditorialArticleAdmin(PresenceAdminMixin, ArticleAdmin):
    pass
