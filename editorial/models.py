"""The editorial app's records."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
