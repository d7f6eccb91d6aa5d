"""The editorial app's parts of the admin, composed into the article admin articles/ registers."""

# This app comes before the admin in INSTALLED_APPS (its admin/base_site.html), so
# before taggit and articles: register their admins first (articles' replaces taggit's).
import taggit.admin  # noqa: F401, I001
from django.contrib import admin

import articles.admin  # noqa: F401
from articles.models import Article


def compose_into_article_admin(mixin) -> None:
    """Register the article admin again with `mixin` before the one registered now.

    Each part of editorial/ adds its mixin this way, so the parts compose in any order.
    """
    current = type(admin.site.get_model_admin(Article))
    admin.site.unregister(Article)
    admin.site.register(Article, type(current.__name__, (mixin, current), {}))


# --- Workflow: reporters' limits, the review queue (editorial/workflow_admin.py) --------

from editorial.workflow_admin import ReviewWorkflowAdmin  # noqa: E402

compose_into_article_admin(ReviewWorkflowAdmin)


# --- Revisions: the history of an article, its comparisons, restore (editorial/revisions_admin.py)

from editorial.revisions_admin import RevisionHistoryMixin  # noqa: E402

compose_into_article_admin(RevisionHistoryMixin)


# --- Corrections and withdrawals (editorial/corrections_admin.py: also their own lists) --

from editorial.corrections_admin import CorrectionsArticleAdminMixin  # noqa: E402

compose_into_article_admin(CorrectionsArticleAdminMixin)


# --- Presence: who else has the article open (editorial/presence.py) ---------------------

from editorial.presence import PresenceAdminMixin  # noqa: E402

compose_into_article_admin(PresenceAdminMixin)
