"""The editorial app's parts of the admin, composed into the article admin articles/ registers."""

# This app comes before the admin in INSTALLED_APPS (its admin/base_site.html), so
# before taggit and articles: register their admins first (articles' replaces taggit's).
import taggit.admin  # noqa: F401, I001

from articles.admin import extend_article_admin


# --- Workflow: reporters' limits, the review queue (editorial/workflow_admin.py) --------

from editorial.workflow_admin import ReviewWorkflowAdmin  # noqa: E402

extend_article_admin(ReviewWorkflowAdmin)


# --- Revisions: the history of an article, its comparisons, restore (editorial/revisions_admin.py)

from editorial.revisions_admin import RevisionHistoryMixin  # noqa: E402

extend_article_admin(RevisionHistoryMixin)


# --- Corrections and withdrawals (editorial/corrections_admin.py: also their own lists) --

from editorial.corrections_admin import CorrectionsArticleAdminMixin  # noqa: E402

extend_article_admin(CorrectionsArticleAdminMixin)


# --- Presence: who else has the article open (editorial/presence.py) ---------------------

from editorial.presence import PresenceAdminMixin  # noqa: E402

extend_article_admin(PresenceAdminMixin)
