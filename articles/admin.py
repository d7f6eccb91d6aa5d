"""The editors' admin: articles with their photos, sections and authors."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from articles.caching import articles_relisted
from articles.forms import ArticleAdminForm, PhotoInlineFormSet
from articles.models import (
    Article,
    Author,
    Photo,
    RelatedPin,
    Section,
    TaggedArticle,
    photos_lead_first,
)
from articles.related import explain_related_articles
from articles.tags import merge_tags, tag_article_count


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


class RelatedPinInline(admin.TabularInline):
    model = RelatedPin
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["pinned"]
    fields = ["pinned", "order"]
    verbose_name = _("pinned related article")
    verbose_name_plural = _("Related news: pinned articles (shown first, in this order)")


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
    inlines = [PhotoInline, RelatedPinInline]
    list_display = ["headline", "section", "state", "published_at", "lead_thumbnail"]
    list_display_links = ["headline"]
    list_filter = ["status", "section", "is_featured", "authors", TagListFilter]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "authors"]
    readonly_fields = ["created_at", "updated_at", "updated_by", "related_explained"]
    actions = ["publish", "unpublish"]
    list_per_page = 50
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "standfirst",
                    "section",
                    "authors",
                    "tags",
                    "based_on_version",  # hidden: the version the form was opened at
                ]
            },
        ),
        (_("Dateline"), {"fields": [("dateline_place", "source_agencies")]}),
        (None, {"fields": ["body"]}),
        (_("Related news, as readers see it"), {"fields": ["related_explained"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    ("status", "published_at"),
                    "is_featured",
                    "comments_open",
                    ("created_at", "updated_at", "updated_by"),
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/article_admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(photos_lead_first())

    def save_model(self, request, obj, form, change):
        # The form has locked the stored article and checked its version (ArticleAdminForm.clean).
        if not change:
            obj.created_by = request.user  # whose article it is (a reporter's own)
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def has_publish_permission(self, request):
        """Publishing, scheduling and taking back are the editors' (articles.publish_article)."""
        return self.has_change_permission(request) and request.user.has_perm(
            "articles.publish_article"
        )

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return self.fieldsets
        # A new article has no creation time yet: leave the row out.
        publishing = [
            field for field in self.fieldsets[-1][1]["fields"] if field[0] != "created_at"
        ]
        return [*self.fieldsets[:-1], (self.fieldsets[-1][0], {"fields": publishing})]

    @admin.display(description=_("state"), ordering="status")
    def state(self, article):
        if article.is_scheduled:
            return _("Scheduled")
        return article.get_status_display()

    @admin.display(description=_("lead photo"))
    def lead_thumbnail(self, article):
        return photo_thumbnail(article.lead_photo, width=80)

    @admin.display(description=_("related news"))
    def related_explained(self, article):
        if not article.pk:
            return _("Shown once the article is saved.")
        related = explain_related_articles(article)
        if not related:
            return _("No published article shares a tag or the section yet.")
        kinds = {
            "pinned": _("pinned"),
            "ranked": _("shared tags"),
            "fallback": _("newest in section"),
        }
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:articles_article_change", args=[item.article.pk]),
                    item.article.headline,
                    kinds[item.kind],
                    ", ".join(tag.name for tag in item.shared_tags) or "—",
                    number_format(item.score, 3) if item.score is not None else "—",
                )
                for item in related
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("article"),
            _("why"),
            _("shared tags, rarest first"),
            _("score"),
            rows,
        )

    @admin.action(description=_("Publish the selected articles"), permissions=["publish"])
    def publish(self, request, queryset):
        queryset = self.leaving_withdrawn_out(request, queryset)
        now = timezone.now()
        # Keep a time an editor has set (it may schedule the article); date the rest now.
        # Each article changed gets its next version from PostgreSQL (migration
        # articles 0010): a form opened before is refused.
        untimed = queryset.filter(published_at__isnull=True).update(
            status=Article.Status.PUBLISHED,
            published_at=now,
            updated_at=now,
            updated_by=request.user,
        )
        timed = queryset.exclude(status=Article.Status.PUBLISHED).update(
            status=Article.Status.PUBLISHED, updated_at=now, updated_by=request.user
        )
        count = untimed + timed
        articles_relisted(queryset.values_list("pk", flat=True))  # they join or leave the lists
        if count:
            message = ngettext("%d article published.", "%d articles published.", count) % count
        else:
            message = _("The selected articles were published already.")
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(
        description=_("Unpublish the selected articles (back to draft)"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        queryset = self.leaving_withdrawn_out(request, queryset)
        count = queryset.exclude(status=Article.Status.DRAFT).update(
            status=Article.Status.DRAFT, updated_at=timezone.now(), updated_by=request.user
        )
        articles_relisted(queryset.values_list("pk", flat=True))  # they join or leave the lists
        self.message_user(
            request,
            ngettext("%d article unpublished.", "%d articles unpublished.", count) % count,
            messages.SUCCESS,
        )

    def leaving_withdrawn_out(self, request, queryset):
        """Withdrawn articles change state only by a recorded undo (editorial/), never in bulk."""
        withdrawn = queryset.filter(status=Article.Status.WITHDRAWN).count()
        if withdrawn:
            self.message_user(
                request,
                ngettext(
                    "%d withdrawn article left as it is: open it to undo its withdrawal.",
                    "%d withdrawn articles left as they are: open each to undo its withdrawal.",
                    withdrawn,
                )
                % withdrawn,
                messages.WARNING,
            )
        return queryset.exclude(status=Article.Status.WITHDRAWN)


def extend_article_admin(mixin) -> None:
    """Register the article admin again with `mixin` in front: how other apps add their parts.

    Apps that build on articles (editorial/, wire/) call it from their admin
    module, so that this app knows nothing of them; the parts compose in any order.
    """
    current = type(admin.site.get_model_admin(Article))
    admin.site.unregister(Article)
    admin.site.register(Article, type(current.__name__, (mixin, current), {}))


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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # A list of the staff, not a search of every account, which editors may not view.
            kwargs["queryset"] = get_user_model().objects.filter(
                Q(is_staff=True) | Q(author_profile__isnull=False)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    ordering = [Lower("name")]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_tags"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("usage")

    @admin.display(description=_("articles"), ordering="usage__article_count")
    def article_count(self, tag):
        return tag_article_count(tag)

    def has_merge_permission(self, request):
        """Merging changes the tag that is kept and deletes the others."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(
        description=_("Merge the selected tags into the most used one"), permissions=["merge"]
    )
    def merge_tags(self, request, queryset):
        tags = list(queryset.select_related("usage"))
        if len(tags) < 2:
            self.message_user(request, _("Select at least two tags to merge."), messages.WARNING)
            return
        target = merge_tags(tags=tags)
        self.message_user(
            request,
            _("Merged %(count)s tags into “%(name)s”.") % {"count": len(tags) - 1, "name": target},
            messages.SUCCESS,
        )
