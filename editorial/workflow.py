"""The review workflow: reporters write and submit, editors publish.

Who holds articles.publish_article (the Editors) publishes, schedules, withdraws
and corrects any article. Everyone else who may change articles (the Reporters)
works on their own articles only, those they created or whose author is linked
to their account, while those are drafts or in review; they move them between
draft and review and nowhere else. The admin's side of it is in
editorial/workflow_admin.py.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article
from editorial.models import ReviewAlert

logger = logging.getLogger(__name__)

PUBLISH_PERMISSION = "articles.publish_article"
# What a reporter may set, and the only states in which their article is theirs to change.
WRITER_STATUSES = (Article.Status.DRAFT, Article.Status.REVIEW)
LISTED_IN_ALERT = 20  # articles named in one e-mail; the rest are counted


def may_publish(user) -> bool:
    """Whether the user publishes, schedules, withdraws and corrects articles (an editor)."""
    return user.has_perm(PUBLISH_PERMISSION)


def writes_only_own(user) -> bool:
    """Whether the user is limited to their own articles (a reporter: may not publish)."""
    return not may_publish(user)


def is_own(user, article) -> bool:
    """Whether the user created the article or is one of its authors."""
    if article.pk is None:
        return True  # being created by them
    return Article.objects.filter(pk=article.pk).written_by(user).exists()


def waiting_for_review():
    """The review queue: articles submitted and not yet published or sent back."""
    return Article.objects.filter(status=Article.Status.REVIEW)


def submit_for_review(*, articles) -> int:
    """Send the drafts among `articles` to review; the editors are told after commit."""
    count = articles.filter(status=Article.Status.DRAFT).update(
        status=Article.Status.REVIEW, updated_at=timezone.now()
    )
    # Neither a draft nor an article in review is on any reader's page: nothing
    # to announce to the HTTP cache (articles/caching.py), neither changed nor relisted.
    if count:
        submitted_for_review()
    return count


def submitted_for_review() -> None:
    """An article entered review: tell the editors once the transaction commits."""
    # An e-mail that cannot be sent never turns a saved article into an error page.
    transaction.on_commit(notify_editors, robust=True)


def editors_to_notify() -> list[str]:
    """The e-mail addresses of the active users who may publish."""
    editors = get_user_model().objects.with_perm(
        PUBLISH_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
    )
    return sorted(set(editors.exclude(email="").values_list("email", flat=True)))


def notify_editors() -> bool:
    """E-mail the editors what waits for review, at most once per the setting's interval."""
    waiting = (
        waiting_for_review()
        .select_related("created_by")
        .prefetch_related("authors")
        .order_by("updated_at", "pk")
    )
    count = waiting.count()
    recipients = editors_to_notify()
    if not count or not recipients:
        return False
    if not take_alert_turn(settings.EDITORIAL_REVIEW_NOTIFY_INTERVAL):
        return False
    site = settings.NEWSROOM_SITE_URL.rstrip("/")
    queue = site + reverse("admin:articles_article_changelist") + "?status__exact=review"
    # In the newsroom's language, as the admin is, whoever's request this runs after.
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("%(headline)s (by %(user)s): %(url)s")
            % {
                "headline": article.headline,
                "user": whose(article),
                "url": site + reverse("admin:articles_article_change", args=[article.pk]),
            }
            for article in waiting[:LISTED_IN_ALERT]
        ]
        if count > LISTED_IN_ALERT:
            lines.append(_("… and %(count)d more.") % {"count": count - LISTED_IN_ALERT})
        send_mail(
            subject=ngettext(
                "%(count)d article waits for review",
                "%(count)d articles wait for review",
                count,
            )
            % {"count": count},
            message="\n".join([*lines, "", _("Open the review queue: %(url)s") % {"url": queue}]),
            from_email=None,
            recipient_list=recipients,
        )
    logger.info("Told %d editors of %d articles waiting for review", len(recipients), count)
    return True


def whose(article) -> str:
    """Who wrote the article, as editors know them: its authors, else who created it."""
    authors = [author.name for author in article.authors.all()]
    if authors:
        return ", ".join(authors)
    creator = article.created_by
    if creator is None:
        return _("unknown")
    return creator.get_full_name() or creator.get_username()


def take_alert_turn(seconds: int) -> bool:
    """True at most once per `seconds`, across every process and server.

    The last sending time is one row; a process takes its turn with one
    UPDATE … WHERE sent_at is old enough, which PostgreSQL runs one at a time
    on the row, so two processes never both see the turn as theirs. The
    database's clock decides, not each server's.
    """
    _alert, created = ReviewAlert.objects.get_or_create(pk=1, defaults={"sent_at": Now()})
    if created:
        return True
    due = ReviewAlert.objects.filter(pk=1, sent_at__lte=Now() - timedelta(seconds=seconds))
    return due.update(sent_at=Now()) == 1
