"""The article admin is articles/' own, with every other app's part composed in."""

from django.contrib import admin

from articles.admin import ArticleAdmin
from articles.models import Article
from editorial.corrections_admin import CorrectionsArticleAdminMixin
from editorial.presence import PresenceAdminMixin
from editorial.revisions_admin import RevisionHistoryMixin
from editorial.workflow_admin import ReviewWorkflowAdmin
from wire.admin import WireArticleAdminMixin


def test_every_apps_part_is_in_the_registered_article_admin():
    registered = type(admin.site.get_model_admin(Article))

    for part in [
        ArticleAdmin,
        ReviewWorkflowAdmin,
        RevisionHistoryMixin,
        CorrectionsArticleAdminMixin,
        PresenceAdminMixin,
        WireArticleAdminMixin,
    ]:
        assert issubclass(registered, part), part.__name__
