"""Sections, authors, articles and their photos."""

import logging
import secrets
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import admin
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Prefetch, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles import images
from articles.addresses import address
from articles.sanitize import safe_html, sanitize_html

logger = logging.getLogger(__name__)

DESK_BYLINE = "Redaksi"


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections are listed in the navigation by this number.")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:section", self.slug)


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    bio = models.CharField(
        _("short bio"), max_length=300, blank=True, help_text=_("One or two sentences.")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text=_("The staff account of this author, if they have one."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:author", self.slug)


class TaggedArticle(TaggedItemBase):
    """The link between an article and a tag, with a real foreign key."""

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    # Copies of the article's publication time while it is published (else NULL)
    # and of its section, kept by PostgreSQL triggers (migration 0003) so that
    # related news ranks from one index per tag, newest first, without visiting
    # the articles. Never written by Python.
    visible_from = models.DateTimeField(null=True, editable=False)
    section_id = models.BigIntegerField(null=True, editable=False)

    class Meta:
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
        indexes = [
            models.Index(
                fields=["tag", "-visible_from"],
                include=["content_object", "section_id"],
                condition=Q(visible_from__isnull=False),
                name="tagged_article_visible_idx",
            )
        ]


class TagUsage(models.Model):
    """How many articles carry a tag: the rarity behind related-news weights.

    Kept by a PostgreSQL trigger on the tagged-article table (migration 0003),
    so bulk inserts and deletes count too.
    """

    tag = models.OneToOneField(
        "taggit.Tag", primary_key=True, on_delete=models.CASCADE, related_name="usage"
    )
    article_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tag usage")
        verbose_name_plural = _("tag usage")

    def __str__(self):
        return f"{self.tag_id}: {self.article_count}"


def photos_lead_first():
    return Prefetch(
        "photos", queryset=Photo.objects.order_by(*PHOTOS_LEAD_FIRST), to_attr="photo_list"
    )


PHOTOS_LEAD_FIRST = ["-is_lead", "order", "pk"]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, and their time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_news_list(self):
        """Fetch only what a list of headlines shows: headline, address, date, section."""
        return self.select_related("section").only(
            "headline", "slug", "published_at", "section__name", "section__slug"
        )

    def for_listing(self):
        """Fetch what a list of articles shows: section and lead photo, not the body."""
        return (
            self.select_related("section")
            .defer("body", "search_vector")
            .prefetch_related(photos_lead_first())
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def written_by(self, user):
        """The user's own articles: those they created, or whose author is linked to them."""
        bylined = Article.authors.through.objects.filter(author__user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=bylined))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        # Taken back after publication: its address answers 410 Gone with a notice.
        # Editors withdraw and restore it through editorial/, which records who and why.
        WITHDRAWN = "withdrawn", _("Withdrawn")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The end of the article's web address. Filled in from the headline."),
    )
    standfirst = models.CharField(
        _("standfirst"),
        max_length=300,
        blank=True,
        help_text=_("A one-sentence summary shown under the photo and in lists."),
    )
    dateline_place = models.CharField(
        _("dateline place"),
        max_length=120,
        blank=True,
        help_text=_('Where the story was filed, e.g. "Moskow, Rusia". Shown before the body.'),
    )
    source_agencies = models.CharField(
        _("source agencies"),
        max_length=120,
        blank=True,
        help_text=_('The agencies the story comes from, e.g. "Xinhua/Indonesia Window".'),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Do not type the dateline here: it is added from the fields above."),
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author,
        verbose_name=_("authors"),
        blank=True,
        related_name="articles",
        help_text=_('Leave empty to sign the article "Redaksi" (the editorial desk).'),
    )
    tags = TaggableManager(
        verbose_name=_("tags"),
        through=TaggedArticle,
        blank=True,
        help_text=_("Separate tags with commas. Tags decide the related news."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "When readers first see the article. A time in the future schedules it: "
            "it appears by itself at that time. Left empty, publishing uses the current time."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The staff account that created the article in the admin."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Which edit of the article this is, for edit conflicts (articles/editing.py):
    # 1 when created, +1 at every write that changes the row, kept by a PostgreSQL
    # trigger (migration 0010), so update() and SQL count too. The value an
    # UPDATE writes to it is ignored.
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured articles lead the home page.")
    )
    comments_open = models.BooleanField(
        _("comments open"), default=True, help_text=_("Readers may comment on this article.")
    )
    # Headline (weight A), standfirst (B) and body without its tags (C), written
    # by a PostgreSQL trigger (migration 0005) on every insert and update, COPY
    # and bulk updates included. Never written by Python.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            # Held by Editors, not by Reporters (editorial/): writing is not publishing.
            ("publish_article", _("Can publish, schedule, withdraw and correct articles")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_article_has_time",
                violation_error_message=_("A published article needs a publication time."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published_idx"),
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_listing_idx"
            ),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.date_if_publishing()
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            # The trigger has given the row its next version: keep the instance true.
            self.refresh_from_db(using=kwargs.get("using"), fields=["version"])

    def get_absolute_url(self):
        return address("articles:detail", self.slug)

    @property
    def safe_body(self):
        """The body as readers get it: sanitized again, as not every write goes through save()."""
        return safe_html(self.body)

    def clean(self):
        self.date_if_publishing()

    def date_if_publishing(self):
        """Give a published article without a publication time the current time."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @admin.display(boolean=True, description=_("visible to readers"))
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    def unique_error_message(self, model_class, unique_check):
        """Say so when the address taken is a withdrawn article's: it keeps its notice there."""
        if model_class is Article and tuple(unique_check) == ("slug",):
            taken = Article.objects.filter(slug=self.slug, status=self.Status.WITHDRAWN)
            if taken.exclude(pk=self.pk).exists():
                return ValidationError(
                    _(
                        "This address belongs to a withdrawn article, whose readers find the "
                        "notice of its withdrawal there. Choose another slug."
                    ),
                    code="unique",
                )
        return super().unique_error_message(model_class, unique_check)

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def dateline(self) -> str:
        """The opening of the body: "Moskow, Rusia (Xinhua/Indonesia Window) –"."""
        parts = [self.dateline_place.strip()]
        if self.source_agencies.strip():
            parts.append(f"({self.source_agencies.strip()})")
        text = " ".join(part for part in parts if part)
        return f"{text} –" if text else ""

    # The lists readers see. Each is read once here when nobody fetched it
    # before: list queries prefetch photo_list (photos_lead_first()), and the
    # article page fetches all three with the article (articles/article_page.py).

    @cached_property
    def photo_list(self) -> list["Photo"]:
        """The photos, lead photo first."""
        return list(self.photos.order_by(*PHOTOS_LEAD_FIRST))

    @cached_property
    def author_list(self) -> list[Author]:
        return list(self.authors.order_by("name", "pk"))

    @cached_property
    def tag_list(self) -> list:
        """The tags in the order the editor gave them."""
        return [link.tag for link in self.tagged_items.select_related("tag").order_by("pk")]

    @property
    def lead_photo(self):
        """The lead photo, else the first one."""
        return self.photo_list[0] if self.photo_list else None

    @property
    def byline(self) -> str:
        names = [author.name for author in self.author_list]
        return ", ".join(names) if names else DESK_BYLINE


@dataclass(frozen=True)
class PhotoCopy:
    """One stored file of a photo: a rendition or the original."""

    name: str
    width: int | None
    height: int | None

    @property
    def mime_type(self) -> str:
        filename = self.name.rpartition("/")[2]
        extension = filename.rpartition(".")[2].lower() if "." in filename else ""
        return images.MIME_TYPES.get(extension, "application/octet-stream")


def photo_upload_to(photo, filename):
    """Name the file after the article, not the editor's file (which may say too much)."""
    extension = PurePosixPath(filename).suffix.lower()
    name = f"{slugify(photo.article.slug)[:60] or 'foto'}-{secrets.token_hex(4)}{extension}"
    return timezone.now().strftime("photos/%Y/%m/") + name


class Photo(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        validators=[images.validate_photo_file],
        help_text=_("JPEG, PNG or WebP. Location and camera data are removed on upload."),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    renditions = models.JSONField(
        default=dict,
        editable=False,
        help_text="Smaller copies made on upload: width in pixels → file name.",
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=120,
        blank=True,
        help_text=_('Who took the photo, e.g. "Xinhua/Alexander Zemlianichenko Jr".'),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the photo shows, for readers who cannot see it."),
        error_messages={"blank": _("Describe the photo for readers who cannot see it.")},
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_lead = models.BooleanField(
        _("lead photo"), default=False, help_text=_("Shown at the top of the article.")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(is_lead=True),
                name="one_lead_photo_per_article",
                violation_error_message=_("An article has only one lead photo."),
            )
        ]

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        is_new_file = bool(self.image) and not self.image._committed
        if not is_new_file:
            super().save(*args, **kwargs)
            return
        replaced = [] if self._state.adding else self._files_in_database()
        prepared = images.prepare_original(self.image.file, self.image.name)
        # Set here rather than with ImageField(width_field=...), whose
        # post_init hook would open the file from storage when they are empty.
        self.image, self.width, self.height = prepared.content, prepared.width, prepared.height
        storage = self.image.storage
        using = kwargs.get("using") or router.db_for_write(Photo, instance=self)
        renditions_written = []
        try:
            # One transaction: the row is never stored without its renditions.
            with transaction.atomic(using=using):
                super().save(*args, **kwargs)
                self.renditions = self._store_renditions(renditions_written)
                super().save(update_fields=["renditions"], using=using)
        except BaseException:
            # No row refers to the files this save wrote (a rolled-back
            # transaction around it is another matter: see delete_photo_files).
            written = [self.image.name] if self.image._committed else []
            delete_files(storage, [*written, *renditions_written])
            raise
        # The files of the image replaced go once the new one is committed.
        delete_files_on_commit(storage, replaced, using=using)

    def _files_in_database(self) -> list[str]:
        """The names of the image and renditions the stored row refers to."""
        row = Photo.objects.filter(pk=self.pk).values_list("image", "renditions").first()
        return [row[0], *row[1].values()] if row else []

    def _store_renditions(self, written: list[str]) -> dict[str, str]:
        """Store the renditions, adding each file's name to `written` as it is stored."""
        storage = self.image.storage
        directory = self.image.name.rsplit("/", 1)[0]
        made = images.make_renditions(
            self.image.file, self.image.name, settings.PHOTO_RENDITION_WIDTHS
        )
        renditions = {}
        for width, content in made.items():
            renditions[str(width)] = storage.save(f"{directory}/{content.name}", content)
            written.append(renditions[str(width)])
        return renditions

    def srcset(self) -> str:
        """The srcset attribute: every rendition and the original, by width."""
        candidates = [f"{self.file_url(name)} {width}w" for width, name in self.renditions.items()]
        if self.width:
            candidates.append(f"{self.file_url(self.image.name)} {self.width}w")
        return ", ".join(candidates)

    def url_for_width(self, wanted: int) -> str:
        """The URL of the smallest copy at least `wanted` pixels wide."""
        return self.file_url(self.copy_for_width(wanted).name)

    def file_url(self, name: str) -> str:
        """The URL of one of the photo's files, asked of the storage once per file.

        A page asks for the lead photo's copies several times (its <img>, its
        srcset, the share image).
        """
        urls = self.__dict__.setdefault("_file_urls", {})
        if name not in urls:
            urls[name] = self.image.storage.url(name)
        return urls[name]

    def copy_for_width(self, wanted: int) -> PhotoCopy:
        """The smallest copy at least `wanted` pixels wide (else the original), with its size."""
        for width, name in sorted(self.renditions.items(), key=lambda item: int(item[0])):
            if int(width) >= wanted:
                width = int(width)
                height = round(self.height * width / self.width) if self.width else None
                return PhotoCopy(name=name, width=width, height=height)
        return PhotoCopy(name=self.image.name, width=self.width, height=self.height)


class RelatedPin(models.Model):
    """An article an editor puts first in another article's related news."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="related_pins"
    )
    pinned = models.ForeignKey(
        Article,
        verbose_name=_("pinned article"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Shown first under “Related news”, once it is published."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("pinned related article")
        verbose_name_plural = _("pinned related articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "pinned"], name="unique_related_pin"),
            models.CheckConstraint(
                condition=~Q(article=models.F("pinned")),
                name="related_pin_not_itself",
                violation_error_message=_("An article cannot be related to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.article_id} → {self.pinned_id}"


@receiver(post_delete, sender=Photo)
def delete_photo_files(sender, instance, using, **kwargs):
    """Remove the image and its renditions from storage once the photo's deletion is committed.

    Deleting before the commit would leave a rolled-back photo (or article,
    whose deletion cascades here) without its files. The reverse cannot be
    helped: files written by a save whose transaction is rolled back later
    stay in storage, unreferenced, under names no page links to.
    """
    delete_files_on_commit(
        instance.image.storage, [instance.image.name, *instance.renditions.values()], using=using
    )


def delete_files_on_commit(storage, names, *, using=None) -> None:
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: delete_files(storage, names), using=using)


def delete_files(storage, names) -> None:
    """Delete stored files; one that cannot be deleted is logged, and the others still go."""
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # a file system or object store refusing: the change stands
            logger.warning("Cannot delete the stored file %s", name, exc_info=True)
