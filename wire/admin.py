"""The editors' wire: sources, subject → section, importing a file, and each draft's origin.

The article admin is extended from here (re-registered with an inline and a
review page), so articles/ knows nothing of the wire.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin import extend_article_admin
from articles.models import Article, Section
from wire.ingest import (
    CREATED,
    KEPT_FOR_REVIEW,
    REFUSED,
    SKIPPED,
    UPDATED,
    IngestReport,
    ItemResult,
    apply_pending_update,
    dismiss_pending_update,
    item_from_json,
    pending_comparison,
)
from wire.items import WireError
from wire.models import SubjectSection, WireSource, WireStory
from wire.sources import ingest_content

MESSAGE_LEVELS = {
    CREATED: messages.SUCCESS,
    UPDATED: messages.SUCCESS,
    KEPT_FOR_REVIEW: messages.WARNING,
    REFUSED: messages.ERROR,
}
# What became of an item, as the editor reads it (the command prints ingest's English).
OUTCOME_LABELS = {
    CREATED: _("Created"),
    UPDATED: _("Updated"),
    SKIPPED: _("Skipped"),
    KEPT_FOR_REVIEW: _("Kept for review"),
    REFUSED: _("Refused"),
}


def when(moment) -> str:
    """A time as the admin shows times: local, in the site's language ("1 Des. 2026, 14.14")."""
    return date_format(localtime(moment), "DATETIME_FORMAT") if moment else "—"


def version_text(version, version_time) -> str:
    """A version as the editor reads it: its number and its time, whichever the agency gave."""
    parts = []
    if version is not None:
        parts.append(gettext("version %(number)s") % {"number": version})
    if version_time is not None:
        parts.append(when(version_time))
    return ", ".join(parts) or gettext("no version")


def result_message(result: ItemResult):
    """One item's outcome for the editor, its article linked (HTML)."""
    if result.outcome == KEPT_FOR_REVIEW:
        reason = gettext("the article is published: review the update from the agency")
    else:
        reason = result.reason  # the readers' (English) reasons of ingest and the formats
    details = [reason] if reason else []
    details += result.problems
    article = ""
    if result.article_id:
        article = format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[result.article_id]),
            gettext("article %(id)s") % {"id": result.article_id},
        )
    return format_html(
        "{}: {}{}{}{}",
        OUTCOME_LABELS.get(result.outcome, result.outcome),
        result.guid,
        format_html(" “{}”", Truncator(result.headline).chars(80)) if result.headline else "",
        format_html(" ({})", article) if article else "",
        format_html(" — {}", "; ".join(details)) if details else "",
    )


def summary_message(report: IngestReport) -> str:
    counts = {outcome: len(report.of(outcome)) for outcome in OUTCOME_LABELS}
    return gettext(
        "%(created)s created, %(updated)s updated, %(skipped)s skipped, "
        "%(kept)s kept for review, %(refused)s refused"
    ) % {
        "created": counts[CREATED],
        "updated": counts[UPDATED],
        "skipped": counts[SKIPPED],
        "kept": counts[KEPT_FOR_REVIEW],
        "refused": counts[REFUSED],
    }


class ImportWireFileForm(forms.Form):
    file = forms.FileField(
        label=_("Wire file"),
        help_text=_("A ninjs (JSON), RSS, Atom or NewsML-G2 file, e.g. received by e-mail."),
    )
    section = forms.ModelChoiceField(
        Section.objects.all(),
        label=_("Section"),
        required=False,
        help_text=_("For stories whose subjects map to no section."),
    )
    agency = forms.CharField(
        label=_("Agency"),
        max_length=80,
        required=False,
        help_text=_('Credited in the stories, e.g. "Xinhua". Left empty, the one the file names.'),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.WIRE_MAX_DOCUMENT_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; wire files may be at most %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        return upload


@admin.register(WireSource)
class WireSourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "location",
        "agency",
        "default_section",
        "active",
        "poll_interval_minutes",
        "last_polled_at",
        "last_result_line",
    ]
    list_filter = ["active", "default_section"]
    list_select_related = ["default_section"]
    search_fields = ["name", "location", "agency"]
    autocomplete_fields = ["default_section"]
    readonly_fields = ["last_polled_at", "last_result"]
    change_list_template = "admin/wire/wiresource/change_list.html"

    @admin.display(description=_("last result"))
    def last_result_line(self, source):
        return Truncator(source.last_result.partition("\n")[0]).chars(80) or "—"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_file_view),
                name="wire_import_file",
            ),
            *super().get_urls(),
        ]

    def import_file_view(self, request):
        """Ingest a wire file an editor uploads; what became of each item shows as messages."""
        if not request.user.has_perm("articles.add_article"):
            raise PermissionDenied
        form = ImportWireFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            report = ingest_content(
                upload.read(),
                content_type=upload.content_type or "",
                source_name=upload.name,
                section=form.cleaned_data["section"],
                agency=form.cleaned_data["agency"].strip() or None,
                user=request.user,
            )
            for result in report.results:
                level = MESSAGE_LEVELS.get(result.outcome, messages.INFO)
                self.message_user(request, result_message(result), level)
            self.message_user(request, summary_message(report), messages.INFO)
            return redirect("admin:wire_import_file")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a wire file"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/wire/import_file.html", context)


@admin.register(SubjectSection)
class SubjectSectionAdmin(admin.ModelAdmin):
    list_display = ["subject", "section"]
    list_editable = ["section"]
    list_filter = ["section"]
    list_select_related = ["section"]
    search_fields = ["subject"]
    autocomplete_fields = ["section"]


@admin.register(WireStory)
class WireStoryAdmin(admin.ModelAdmin):
    """The stories received: read-only, each linked to its article."""

    list_display = [
        "guid",
        "agency",
        "article_link",
        "version",
        "version_time",
        "received_at",
        "has_pending_update",
        "alt_text_needs_check",
    ]
    list_filter = ["agency", "source", "alt_text_needs_check"]
    list_select_related = ["article", "source"]
    search_fields = ["guid", "agency", "article__headline"]
    date_hierarchy = "received_at"
    fields = [
        "article",
        "source",
        "agency",
        "guid",
        "version",
        "version_time",
        "format",
        "received_at",
        "alt_text_needs_check",
    ]
    readonly_fields = [field for field in fields if field != "alt_text_needs_check"]

    def has_add_permission(self, request):
        return False  # stories come from the agencies

    @admin.display(description=_("article"))
    def article_link(self, story):
        if story.article is None:
            return _("(deleted)")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[story.article_id]),
            story.article.headline,
        )

    @admin.display(boolean=True, description=_("update from the agency"))
    def has_pending_update(self, story):
        return bool(story.pending_update)


class WireStoryInline(admin.StackedInline):
    """Where a draft came from, on the article's page."""

    model = WireStory
    fk_name = "article"
    can_delete = False
    extra = 0
    max_num = 0  # never added by hand
    verbose_name = _("from the agency")
    verbose_name_plural = _("from the agency")
    fields = [
        ("agency", "guid"),
        ("version", "version_time", "received"),
        ("source", "format"),
        "alt_text_needs_check",
        "update_from_agency",
    ]
    readonly_fields = [
        "agency",
        "guid",
        "version",
        "version_time",
        "received",
        "source",
        "format",
        "update_from_agency",
    ]

    @admin.display(description=_("received"))
    def received(self, story):
        return when(story.received_at)

    @admin.display(description=_("update from the agency"))
    def update_from_agency(self, story):
        if not story.pending_update:
            return _("None: the article has the agency's latest version.")
        return format_html(
            '<a class="button" href="{}">{}</a> {}',
            reverse("admin:wire_article_agency_update", args=[story.article_id]),
            _("See what changes"),
            _("%(version)s, received %(time)s")
            % {
                "version": pending_version_text(story),
                "time": when(story.pending_received_at),
            },
        )


def pending_version_text(story: WireStory) -> str:
    item = item_from_json(story.pending_update)
    return version_text(item.version, item.version_time)


class WireArticleAdminMixin:
    """The article admin's part from the wire: the story's origin, the agency's pending update."""

    def get_inlines(self, request, obj):
        """The origin only on an article from the agency (no empty form on the others).

        First of the inlines: right after the article's own fields, above the photos.
        """
        inlines = super().get_inlines(request, obj)
        if obj is not None and WireStory.objects.filter(article=obj).exists():
            return [WireStoryInline, *inlines]
        return inlines

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and str(object_id).isdigit():
            story = WireStory.objects.filter(article_id=object_id).first()
            if story is not None and story.pending_update:
                self.message_user(
                    request,
                    format_html(
                        '{} <a href="{}">{}</a>',
                        gettext("The agency sent a new version (%(version)s, received %(time)s):")
                        % {
                            "version": pending_version_text(story),
                            "time": when(story.pending_received_at),
                        },
                        reverse("admin:wire_article_agency_update", args=[story.article_id]),
                        gettext("see what changes"),
                    ),
                    messages.WARNING,
                )
            if story is not None and story.alt_text_needs_check:
                self.message_user(
                    request,
                    _(
                        "The photos' alt text is the agency's caption: check that it "
                        "describes each photo before publishing."
                    ),
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:article_id>/agency-update/",
                self.admin_site.admin_view(self.agency_update_view),
                name="wire_article_agency_update",
            ),
            *super().get_urls(),
        ]

    def agency_update_view(self, request, article_id):
        """Compare the agency's newer version with the article; apply or dismiss it on POST.

        Seeing it is for who may see the article; applying or dismissing it, for who may publish.
        """
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        story = get_object_or_404(WireStory, article=article)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        may_decide = request.user.has_perm("articles.publish_article")
        if not story.pending_update:
            self.message_user(request, _("There is no update from the agency."), messages.INFO)
            return redirect(change_url)
        if request.method == "POST":
            if not may_decide:
                raise PermissionDenied
            if "dismiss" in request.POST:
                return self.dismiss_agency_update(request, story, change_url)
            try:
                result = apply_pending_update(story, user=request.user)
            except WireError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect(request.path)
            applied = _("The update from the agency is applied.")
            self.message_user(request, applied, messages.SUCCESS)
            for problem in result.problems:
                self.message_user(request, problem, messages.WARNING)
            return redirect(change_url)
        try:
            fields, unusable = pending_comparison(story), ""
        except WireError as error:
            fields, unusable = [], str(error)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Update from the agency"),
            "article": article,
            "story": story,
            "current_version": version_text(story.version, story.version_time),
            "current_received": when(story.received_at),
            "new_version": pending_version_text(story),
            "new_received": when(story.pending_received_at),
            "fields": fields,
            "changed": any(field.changed for field in fields),
            "unusable": unusable,
            "may_decide": may_decide,
            "change_url": change_url,
            "opts": Article._meta,
        }
        return TemplateResponse(request, "admin/wire/article/agency_update.html", context)

    def dismiss_agency_update(self, request, story, change_url):
        """Drop the update (readers keep the article as it is); the admin log says who did."""
        try:
            item = dismiss_pending_update(story)
        except WireError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(change_url)
        version = version_text(item.version, item.version_time)
        self.log_change(
            request,
            story.article,
            gettext("Dismissed the update from the agency (%(version)s).") % {"version": version},
        )
        self.message_user(
            request,
            gettext("The update from the agency (%(version)s) is dismissed.")
            % {"version": version},
            messages.SUCCESS,
        )
        return redirect(change_url)


extend_article_admin(WireArticleAdminMixin)
