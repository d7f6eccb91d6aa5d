"""The editorial admin: what editorial/ adds to the articles' admin, and its own records."""

from django.contrib import admin

from articles.admin import ArticleAdmin
from articles.models import Article

# --- Corrections and withdrawals (editorial/corrections_admin.py) ---
from editorial.corrections_admin import CorrectionsArticleAdminMixin

# --- end of corrections and withdrawals ---


# The articles' admin, with each editorial part's mixin composed in.
admin.site.unregister(Article)


@admin.register(Article)
class EditorialArticleAdmin(CorrectionsArticleAdminMixin, ArticleAdmin):
    pass
