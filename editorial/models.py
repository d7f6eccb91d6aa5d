"""The desk's records of its own work: revisions, review alerts, corrections, presence."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

# --- Revisions (editorial/revisions.py) -------------------------------------


class Revision(models.Model):
    """What readers would see of an article after one save, with who saved it and when."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when a script or a service saved the article."),
    )
    # See editorial.revisions.snapshot_of() for its shape.
    snapshot = models.JSONField(_("text"), encoder=DjangoJSONEncoder)
    changed_fields = models.JSONField(_("changed"), default=list, blank=True)
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("restored from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        indexes = [models.Index(fields=["article", "-id"], name="revision_article_newest_idx")]

    def __str__(self):
        return f"{self.article_id} @ {self.created_at:%Y-%m-%d %H:%M:%S}"


# --- Workflow (editorial/workflow.py) -------------------------------------------------


class ReviewAlert(models.Model):
    """When the editors were last e-mailed that articles wait for review: one row.

    Shared by every process and server through the database, so the e-mails
    keep their interval however many workers submit at once.
    """

    sent_at = models.DateTimeField()

    class Meta:
        # Bookkeeping of the e-mails, with no admin page: nobody is given rights on it.
        default_permissions = ()

    def __str__(self):
        return f"review alert sent at {self.sent_at:%Y-%m-%d %H:%M}"


# --- Corrections and withdrawals (editorial/corrections.py) -----------------------------
# Public accountability: neither record can be deleted with its article (PROTECT), so an
# article once corrected or withdrawn stays, and so does its address.


class CorrectionQuerySet(models.QuerySet):
    def of_published_articles(self):
        """Corrections readers may see: those of articles they may see."""
        return self.filter(article__in=Article.objects.published())

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class Correction(models.Model):
    """A correction of a published article, shown under it and on the corrections page."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="corrections"
    )
    text = models.TextField(
        _("correction"),
        help_text=_(
            "What was wrong and what is right, as readers will read it under the article, "
            "e.g. “An earlier version of this article gave the wrong date for the summit.”"
        ),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [
            models.Index(fields=["article", "created_at"], name="correction_article_idx"),
            models.Index(fields=["-created_at", "-id"], name="correction_newest_idx"),
        ]

    def __str__(self):
        return f"{self.article}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#koreksi-{self.pk}"


class Withdrawal(models.Model):
    """An article taken back after publication: who, when and why; and its undoing, if undone."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="withdrawals"
    )
    reason = models.TextField(
        _("reason"), help_text=_("Why the article is withdrawn. Kept for the desk, not shown.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), default=timezone.now, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True, editable=False)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    undo_note = models.TextField(_("why it was undone"), blank=True)

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(undone_at__isnull=True),
                name="one_standing_withdrawal_per_article",
                violation_error_message=_("This article is withdrawn already."),
            ),
            models.CheckConstraint(
                condition=Q(undone_at__isnull=True, undone_by__isnull=True)
                | Q(undone_at__isnull=False, undone_by__isnull=False),
                name="withdrawal_undone_with_who_and_when",
            ),
        ]

    def __str__(self):
        return str(self.article)

    @property
    def is_standing(self) -> bool:
        return self.undone_at is None


# --- end of corrections and withdrawals ---------------------------------------------------


# --- Presence: who has an article's change page open (editorial/presence.py) ---


class Presence(models.Model):
    """A person with an article's change page open, as of their page's last heartbeat."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("editing presence")
        verbose_name_plural = _("editing presences")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], name="one_presence_per_article_user"
            )
        ]

    def __str__(self):
        return f"{self.user_id} on {self.article_id} at {self.seen_at:%H:%M:%S}"
