"""The editors' admin: articles with their photos, sections and authors."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.forms import ArticleAdminForm, PhotoInlineFormSet
from articles.models import Article, Author, Photo, Section, TaggedArticle


def photo_thumbnail(photo, width=120):
    if photo is None or not photo.image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" style="height:auto;border-radius:4px">',
        photo.url_for_width(320),
        photo.alt_text,
        width,
    )


class PhotoInline(admin.StackedInline):
    model = Photo
    formset = PhotoInlineFormSet
    extra = 1
    fields = [("image", "preview"), "caption", "credit", "alt_text", ("order", "is_lead")]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return photo_thumbnail(photo, width=240)


class TagListFilter(admin.SimpleListFilter):
    """Filter by one of the most used tags (all tags would be thousands of links)."""

    title = _("tag")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        popular = (
            TaggedArticle.objects.values("tag__slug", "tag__name")
            .annotate(uses=Count("id"))
            .order_by("-uses", "tag__name")[:30]
        )
        return [(row["tag__slug"], row["tag__name"]) for row in popular]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [PhotoInline]
    list_display = [
        "headline",
        "section",
        "status",
        "published_at",
        "is_published",
        "is_featured",
        "lead_thumbnail",
    ]
    list_display_links = ["headline"]
    list_filter = ["status", "section", "is_featured", "authors", TagListFilter]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "authors"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "section", "authors", "tags"]}),
        (_("Dateline"), {"fields": [("dateline_place", "source_agencies")]}),
        (None, {"fields": ["body"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    ("status", "published_at"),
                    ("is_featured", "comments_open"),
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("photos")

    @admin.display(description=_("lead photo"))
    def lead_thumbnail(self, article):
        return photo_thumbnail(article.lead_photo, width=80)

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        # Keep a time an editor has set (it may schedule the article); date the rest now.
        untimed = queryset.filter(published_at__isnull=True).update(
            status=Article.Status.PUBLISHED, published_at=now, updated_at=now
        )
        timed = queryset.exclude(status=Article.Status.PUBLISHED).update(
            status=Article.Status.PUBLISHED, updated_at=now
        )
        count = untimed + timed
        self.message_user(
            request,
            ngettext("%d article published.", "%d articles published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected articles (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = queryset.exclude(status=Article.Status.DRAFT).update(
            status=Article.Status.DRAFT, updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%d article unpublished.", "%d articles unpublished.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
