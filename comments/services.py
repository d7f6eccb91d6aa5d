"""Writes that touch comments: a reader's submission, moderation, telling moderators."""

import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.caching import articles_changed
from comments.defences import address_bucket, looks_like_spam, once_per, record_refusal
from comments.models import Comment, Refusal, fingerprint

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Moderators"


def comments_are_open(article) -> bool:
    """Open unless closed on the article, or older than COMMENTS_CLOSE_AFTER_DAYS."""
    if not article.comments_open:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if days and article.published_at:
        return timezone.now() < article.published_at + timedelta(days=days)
    return True


def submit_comment(*, article, name, email, body, parent=None, ip_address=None, user_agent=""):
    """Store a reader's comment before answering them; pending unless spam or trusted.

    The same text from the same e-mail under the same article is kept once,
    and the sender is answered as if it were new: an answer that differed
    would tell a stranger which e-mail wrote a public comment.
    """
    if Comment.objects.filter(
        article=article, fingerprint=fingerprint(email=email, body=body)
    ).exists():
        return repeated(article, ip_address)
    status = Comment.Status.PENDING
    if looks_like_spam(body):
        status = Comment.Status.SPAM
    elif settings.COMMENTS_TRUST_APPROVED_EMAILS and is_trusted(email, ip_address):
        status = Comment.Status.APPROVED
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                article=article,
                parent=parent,
                name=name,
                email=email,
                body=body,
                status=status,
                ip_address=ip_address,
                user_agent=user_agent[:300],
            )
    except IntegrityError:  # the same comment sent twice at the same instant (a double click)
        return repeated(article, ip_address)
    if status == Comment.Status.APPROVED:  # a trusted reader's: public at once
        articles_changed([article.pk])
    if status == Comment.Status.PENDING:
        # An e-mail that cannot be sent never turns a stored comment into an error page.
        transaction.on_commit(notify_moderators, robust=True)
    return comment


def repeated(article, ip_address) -> None:
    record_refusal(reason=Refusal.Reason.DUPLICATE, article=article, ip_address=ip_address)


def is_trusted(email: str, ip_address: str | None) -> bool:
    """Whether this e-mail had a comment approved from this address (an IPv6 /64).

    An e-mail alone is guessable: a stranger would need the reader's address too.
    """
    if not ip_address:
        return False
    network = ipaddress.ip_network(address_bucket(ip_address))
    return (
        Comment.objects.approved()
        .filter(
            email__iexact=email,
            ip_address__range=(str(network.network_address), str(network.broadcast_address)),
        )
        .exists()
    )


@transaction.atomic
def moderate_comments(*, comments, status, moderator) -> int:
    """Set the status of the comments, recording who moderated them and when.

    The pages of the articles whose public comments change are announced after commit.
    """
    changing = comments.exclude(status=status)
    shown_or_hidden = changing if status == Comment.Status.APPROVED else changing.approved()
    articles_changed(set(shown_or_hidden.values_list("article_id", flat=True)))
    return changing.update(status=status, moderated_by=moderator, moderated_at=timezone.now())


def notify_moderators() -> bool:
    """E-mail the moderators that comments wait, at most once per COMMENTS_NOTIFY_INTERVAL."""
    # Counted in PostgreSQL, as the comment limits are: it holds with Redis down.
    if not once_per("moderators-notified", settings.COMMENTS_NOTIFY_INTERVAL):
        return False
    waiting = Comment.objects.pending().count()
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__name=MODERATORS_GROUP)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not waiting or not recipients:
        return False
    queue = settings.NEWSROOM_SITE_URL.rstrip("/") + reverse("admin:comments_comment_changelist")
    # In the newsroom's language, as the admin is: not in the language of the
    # page the comment came from (this runs on commit, in the reader's request).
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=ngettext(
                "%(count)d comment awaits moderation",
                "%(count)d comments await moderation",
                waiting,
            )
            % {"count": waiting},
            message=_("Open the moderation queue: %(url)s") % {"url": queue},
            from_email=None,
            recipient_list=recipients,
        )
    logger.info("Told %d moderators of %d pending comments", len(recipients), waiting)
    return True
