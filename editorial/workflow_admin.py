"""The review workflow in the article admin: reporters' limits, the review queue.

ReviewWorkflowAdmin is composed before the registered ArticleAdmin (see
editorial/admin.py). The bulk publishing actions themselves need
articles.publish_article in articles/admin.py, whether or not this is installed.
"""

from urllib.parse import urlsplit

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article
from editorial import workflow

PUBLISHING_REFUSED = _(
    "Only an editor publishes, schedules or withdraws an article. "
    "Save it as a draft, or submit it for review."
)
PUBLICATION_TIME_REFUSED = _("Only an editor sets the publication time.")


class StatusFilter(admin.ChoicesFieldListFilter):
    """The status filter, whose "All" says so in the address.

    The list opens on the review queue when something waits (see
    ReviewWorkflowAdmin.changelist_view): "All" must stay one click away, not
    lead back to the plain address that opens on the queue.
    """

    ALL = "all"

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        if self.used_parameters.get(self.lookup_kwarg) == [self.ALL]:
            del self.used_parameters[self.lookup_kwarg]
            self.lookup_val = None

    def choices(self, changelist):
        choices = super().choices(changelist)
        everything = next(choices)
        everything["query_string"] = changelist.get_query_string(
            {self.lookup_kwarg: self.ALL}, [self.lookup_kwarg_isnull]
        )
        yield everything
        yield from choices


def writer_form(base):
    """The article form of a reporter: the publication time is not theirs to send."""

    class WriterArticleForm(base):
        def clean(self):
            cleaned_data = super().clean()
            # The field is read-only for them: a browser sends nothing for it, so a
            # value posted is a crafted request, refused rather than quietly dropped.
            names = ["published_at", "published_at_0", "published_at_1"]
            if any(self.data.get(self.add_prefix(name)) for name in names):
                self.add_error(None, ValidationError(PUBLICATION_TIME_REFUSED))
            return cleaned_data

    return WriterArticleForm


def without_fields(fieldsets, *, drop=frozenset(), replace=None):
    """Admin fieldsets with the fields in `drop` left out and those in `replace` renamed."""
    replace = replace or {}

    def kept(names):
        return [replace.get(name, name) for name in names if name not in drop]

    result = []
    for title, options in fieldsets:
        fields = []
        for entry in options.get("fields", []):
            if isinstance(entry, list | tuple):
                line = kept(entry)
                if line:
                    fields.append(tuple(line) if len(line) > 1 else line[0])
            elif entry not in drop:
                fields.append(replace.get(entry, entry))
        result.append((title, {**options, "fields": fields}))
    return result


class ReviewWorkflowAdmin:
    """Reporters work on their own drafts and submit them; editors get the review queue."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = [*(self.actions or []), "submit_for_review"]

    # Whose articles: a reporter's own, and only while drafts or in review.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if workflow.writes_only_own(request.user):
            return queryset.written_by(request.user)
        return queryset

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or self.may_see(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or workflow.may_publish(request.user):
            return True
        # A published, scheduled (or withdrawn) article is the editors' alone.
        return obj.status in workflow.WRITER_STATUSES and self.may_see(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or self.may_see(request, obj)
        )

    def may_see(self, request, article) -> bool:
        """Whether the user may see this article here: any, for an editor; else their own."""
        if workflow.may_publish(request.user):
            return True
        # Asked several times a page: remember the answer for the request.
        known = request.__dict__.setdefault("_own_articles", {})
        if article.pk not in known:
            known[article.pk] = workflow.is_own(request.user, article)
        return known[article.pk]

    # What a reporter may set: draft or review, and no publication time.

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and workflow.writes_only_own(request.user):
            kwargs["choices"] = [
                (status.value, status.label) for status in workflow.WRITER_STATUSES
            ]
            field = super().formfield_for_choice_field(db_field, request, **kwargs)
            field.error_messages["invalid_choice"] = PUBLISHING_REFUSED
            return field
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if workflow.writes_only_own(request.user):
            readonly += ["published_at", "publication_time"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if workflow.may_publish(request.user):
            return fieldsets
        # Featuring is a publishing decision; the publication time is shown, without
        # the field's help on scheduling, which is not theirs to do.
        return without_fields(
            fieldsets, drop={"is_featured"}, replace={"published_at": "publication_time"}
        )

    @admin.display(description=_("publication time"))
    def publication_time(self, article):
        return article.published_at

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return form if workflow.may_publish(request.user) else writer_form(form)

    def save_model(self, request, obj, form, change):
        if workflow.writes_only_own(request.user) and (
            obj.status not in workflow.WRITER_STATUSES or not self.may_see(request, obj)
        ):
            raise PermissionDenied  # the form refuses it first; this holds if it did not
        super().save_model(request, obj, form, change)
        if obj.status == Article.Status.REVIEW and "status" in form.changed_data:
            workflow.submitted_for_review()

    # Bulk actions: a reporter submits; publishing needs the right to publish.

    def has_submit_permission(self, request):
        return self.has_change_permission(request) and workflow.writes_only_own(request.user)

    @admin.action(description=_("Submit the selected drafts for review"), permissions=["submit"])
    def submit_for_review(self, request, queryset):
        count = workflow.submit_for_review(articles=queryset)
        if count:
            message = (
                ngettext(
                    "%d article submitted for review.", "%d articles submitted for review.", count
                )
                % count
            )
            self.message_user(request, message, messages.SUCCESS)
        else:
            self.message_user(
                request, _("Only drafts are submitted; none was selected."), messages.WARNING
            )

    def response_action(self, request, queryset):
        name = request.POST.get("action", "")
        if name in (self.actions or []) and not workflow.may_publish(request.user):
            needs = getattr(getattr(self, name, None), "allowed_permissions", ())
            if "publish" in needs:
                # Django would only say "No action selected": say why.
                self.message_user(request, PUBLISHING_REFUSED, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    # The review queue: editors arrive on what waits.

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if workflow.may_publish(request.user) and "headline" in columns:
            columns.insert(columns.index("headline") + 1, "created_by")  # whose it is
        return columns

    def get_list_select_related(self, request):
        related = super().get_list_select_related(request)
        if isinstance(related, list | tuple):
            return [*related, "created_by"]
        return related

    def get_list_filter(self, request):
        return [
            ("status", StatusFilter) if name == "status" else name
            for name in super().get_list_filter(request)
        ]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # "Clear all filters" too shows everything, not the plain address (the queue).
        changelist.clear_all_filters_qs = changelist.get_query_string(
            {"status__exact": StatusFilter.ALL}, remove=changelist.get_filters_params()
        )
        return changelist

    def changelist_view(self, request, extra_context=None):
        # Arriving (from the index, the menu, a login) on the plain address. A link on
        # the list itself leading to the plain address ("3 total") means everything.
        came_from = urlsplit(request.headers.get("referer", "")).path
        if (
            request.method == "GET"
            and not request.GET
            and came_from != request.path
            and workflow.may_publish(request.user)
            and workflow.waiting_for_review().exists()
        ):
            return HttpResponseRedirect(f"{request.path}?status__exact={Article.Status.REVIEW}")
        return super().changelist_view(request, extra_context)
