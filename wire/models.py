"""Where agency stories come from, which section their subjects go to, and each story's origin."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section
from wire.fetch import looks_like_address


class WireSourceQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active sources never polled, or whose poll interval has passed since the last poll."""
        now = now or timezone.now()
        next_poll = ExpressionWrapper(
            F("last_polled_at") + F("poll_interval_minutes") * timedelta(minutes=1),
            output_field=models.DateTimeField(),
        )
        return (
            self.filter(active=True)
            .alias(next_poll=next_poll)
            .filter(Q(last_polled_at__isnull=True) | Q(next_poll__lte=now))
        )


class WireSource(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    location = models.CharField(
        _("address"),
        max_length=500,
        help_text=_(
            "The feed's http(s) address, or a file in the agency's drop folder on the server."
        ),
    )
    agency = models.CharField(
        _("agency"),
        max_length=80,
        blank=True,
        help_text=_(
            'Credited in the stories, e.g. "Xinhua". Left empty, the agency the feed names.'
        ),
    )
    default_section = models.ForeignKey(
        Section,
        verbose_name=_("default section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For stories whose subjects map to no section."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Polled by “ingest_wire --sources”.")
    )
    poll_interval_minutes = models.PositiveIntegerField(_("poll every (minutes)"), default=15)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    last_result = models.TextField(_("last result"), blank=True, editable=False)

    objects = WireSourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval_minutes__gte=1),
                name="wire_source_interval_positive",
                violation_error_message=_("Poll at most once a minute."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        location = self.location.strip()
        if looks_like_address(location):
            if not location.lower().startswith(("http://", "https://")):
                raise ValidationError(
                    {"location": _("Only http and https addresses can be polled.")}
                )
        elif not self.in_drop_folder(location):
            raise ValidationError(
                {
                    "location": _(
                        "Give an http(s) address, or a file inside the drop folder "
                        "set by WIRE_FILE_SOURCES_DIR."
                    )
                }
            )

    @staticmethod
    def in_drop_folder(path: str) -> bool:
        """Whether path is a file inside WIRE_FILE_SOURCES_DIR (none is, when it is not set)."""
        folder = settings.WIRE_FILE_SOURCES_DIR
        if not folder:
            return False
        return Path(path).resolve().is_relative_to(Path(folder).resolve())


class SubjectSection(models.Model):
    """A subject or keyword agencies use, and the section its stories go to."""

    subject = models.CharField(
        _("subject"),
        max_length=100,
        help_text=_("As the agency writes it, e.g. “economy”; capitals do not matter."),
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["subject"]
        verbose_name = _("subject → section")
        verbose_name_plural = _("subjects → sections")
        constraints = [
            models.UniqueConstraint(
                Lower("subject"),
                name="wire_subject_unique",
                violation_error_message=_("This subject already goes to a section."),
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.section}"


class WireStory(models.Model):
    """Where an article came from: the agency's item, its version, and any newer one pending.

    One story per agency and item id: the same item in two feeds of the agency
    is one article. It outlives its article (article set to NULL), so that an
    item an editor deleted is not made again at the next poll.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="wire_story",
    )
    source = models.ForeignKey(
        WireSource,
        verbose_name=_("wire source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    agency = models.CharField(_("agency"), max_length=80)
    guid = models.CharField(_("agency's item id"), max_length=500)
    # Big: some agencies number versions by a time stamp (20261201123456).
    version = models.BigIntegerField(_("version"), null=True, blank=True)
    version_time = models.DateTimeField(_("version time"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=20)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # The pictures taken from the item, by address: a newer version adds only new ones.
    picture_hrefs = models.JSONField(default=list, editable=False)
    alt_text_needs_check = models.BooleanField(
        _("alt text to check"),
        default=False,
        help_text=_(
            "The photos' alt text was copied from the agency's captions. Untick once "
            "it describes each photo for readers who cannot see it."
        ),
    )
    # A newer version of a published article, kept for an editor to apply.
    pending_update = models.JSONField(null=True, blank=True, editable=False)
    pending_received_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The version of an update an editor dismissed: sent again, it is not kept again.
    dismissed_update = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("wire story")
        verbose_name_plural = _("wire stories")
        constraints = [
            # Agencies are matched whatever their capitals: "Xinhua" and "XINHUA" are one.
            models.UniqueConstraint(Lower("agency"), "guid", name="wire_story_unique_item")
        ]

    def __str__(self):
        return f"{self.agency}: {self.guid}"
