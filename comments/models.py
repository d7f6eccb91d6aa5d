"""Reader comments, held for moderation, and the record of what the defences refused."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

BODY_MAX_LENGTH = 3000


def fingerprint(*, email: str, body: str) -> str:
    """The same text from the same e-mail address gives the same fingerprint.

    A repeat is refused per article (constraint "comment_not_repeated"): the same
    reader may say the same thing under two articles.
    """
    normalized = " ".join(body.split()).casefold()
    return hashlib.sha256(f"{email.strip().casefold()}\n{normalized}".encode()).hexdigest()


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Comments readers may see."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail"), help_text=_("Never shown to readers."))
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            models.Index(fields=["email", "status"], name="comment_email_idx"),
        ]
        constraints = [
            # The same text twice from the same person under one article, even
            # sent at the same instant (a double click).
            models.UniqueConstraint(fields=["article", "fingerprint"], name="comment_not_repeated"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="comment_body_length",
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        self.fingerprint = fingerprint(email=self.email, body=self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#komentar-{self.pk}"


class Refusal(models.Model):
    """A comment the defences turned away: kept so moderators see what they stop."""

    class Reason(models.TextChoices):
        HONEYPOT = "honeypot", _("Hidden field filled in (a robot)")
        TOO_FAST = "too_fast", _("Sent too fast after the page loaded")
        EXPIRED = "expired", _("Form too old")
        BAD_TOKEN = "bad_token", _("Form not from this site")
        RATE_LIMITED = "rate_limited", _("Too many comments from one address")
        DUPLICATE = "duplicate", _("Same text sent twice")
        CLOSED = "closed", _("Comments closed")
        INVALID = "invalid", _("Form errors")

    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    count = models.PositiveIntegerField(
        _("times"),
        default=1,
        help_text=_("Posts turned away again from the same address within the hour."),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("refused comment")
        verbose_name_plural = _("refused comments")
        indexes = [models.Index(fields=["reason", "-created_at"], name="refusal_reason_idx")]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class RateLimit(models.Model):
    """What one address (an IPv6 /64) posted lately: the comment limits every process shares.

    Written only by comments/defences.py, in one atomic upsert per post, so the
    limits hold across workers and servers whether or not Redis is up.
    """

    key = models.CharField(max_length=80, primary_key=True)
    window_start = models.DateTimeField()  # the start of the current hour
    posts = models.PositiveIntegerField(default=0)  # let through in that hour
    last_post_at = models.DateTimeField()  # the last post let through
    turned_away = models.PositiveIntegerField(default=0)  # refused by the limit in that hour
    allowed = models.BooleanField(default=True)  # the verdict on the latest post
    refusal = models.ForeignKey(Refusal, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField()  # after this the row limits nothing

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="ratelimit_expires_idx")]
        # Bookkeeping of the defences, with no admin page: nobody is given rights on it.
        default_permissions = ()

    def __str__(self):
        return self.key
