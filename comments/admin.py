"""The moderators' queue: pending comments first, oldest first, with bulk decisions."""

from django.contrib import admin, messages
from django.db.models import Sum
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.caching import articles_changed
from comments.models import Comment, Refusal
from comments.services import moderate_comments


class QueueFilter(admin.SimpleListFilter):
    """Status, opening on the pending queue rather than on everything."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("All"))]

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        return queryset if value == self.ALL else queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or Comment.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "article_link",
        "name",
        "email",
        "ip_address",
        "status",
        "excerpt",
    ]
    list_display_links = ["created_at"]
    list_filter = [QueueFilter, ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "ip_address"]
    ordering = ["created_at"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "mark_as_spam"]
    list_per_page = 50
    fields = [
        "status",
        "article_link",
        "parent",
        ("name", "email"),
        "body",
        ("created_at", "ip_address"),
        "user_agent",
        ("moderated_by", "moderated_at"),
    ]
    readonly_fields = [
        "article_link",
        "parent",
        "name",
        "email",
        "body",
        "created_at",
        "ip_address",
        "user_agent",
        "moderated_by",
        "moderated_at",
    ]

    def has_add_permission(self, request):
        return False  # comments come from readers

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
            if Comment.Status.APPROVED in {form.initial.get("status"), obj.status}:
                articles_changed([obj.article_id])  # its page changes (after commit)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        if obj.status == Comment.Status.APPROVED:
            articles_changed([obj.article_id])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        articles_changed(set(queryset.approved().values_list("article_id", flat=True)))
        super().delete_queryset(request, queryset)

    @admin.display(description=_("article"), ordering="article__headline")
    def article_link(self, comment):
        return format_html(
            '<a href="{}">{}</a>', comment.article.get_absolute_url(), comment.article.headline
        )

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.body).chars(120)

    def _moderate(self, request, queryset, status, done_message):
        count = moderate_comments(comments=queryset, status=status, moderator=request.user)
        self.message_user(request, done_message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve the selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.APPROVED,
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        )

    @admin.action(description=_("Reject the selected comments"), permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.REJECTED,
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        )

    @admin.action(description=_("Mark the selected comments as spam"), permissions=["change"])
    def mark_as_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.SPAM,
            lambda n: ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n
            ),
        )


@admin.register(Refusal)
class RefusalAdmin(admin.ModelAdmin):
    """What the defences turned away: counted by reason, read-only."""

    list_display = ["created_at", "reason", "count", "article", "ip_address", "detail"]
    list_filter = ["reason"]
    list_select_related = ["article"]
    search_fields = ["ip_address", "detail"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # A flood from one address is one row an hour, with the posts it turned away.
        counts = Refusal.objects.values("reason").annotate(total=Sum("count")).order_by("-total")
        labels = dict(Refusal.Reason.choices)
        extra_context = {
            **(extra_context or {}),
            "subtitle": " · ".join(f"{labels[row['reason']]}: {row['total']}" for row in counts),
        }
        return super().changelist_view(request, extra_context)
