"""Agency items into draft articles: created, updated, kept for an editor, or refused.

Each item is stored in its own transaction, through the ORM's save paths (so
the HTTP cache hears of it: articles/caching.py): an item refused leaves no
row behind, and the other items of the document go on. Pictures are fetched
before the transaction, so that no transaction waits on an agency's server;
a picture that cannot be fetched or fails the upload checks is left out and
reported, and the story is kept without it.
"""

import dataclasses
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator, slugify

from articles import images
from articles.forms import TAG_MAX_LENGTH
from articles.models import DESK_BYLINE, Article, Author, Photo, Section, delete_files
from articles.sanitize import sanitize_html
from newsroom.text_compare import body_text, word_diff
from wire.fetch import fetch_picture
from wire.formats import fields
from wire.items import WireDocument, WireError, WireItem, WirePicture
from wire.models import SubjectSection, WireSource, WireStory

logger = logging.getLogger(__name__)

CREATED = "created"
UPDATED = "updated"
SKIPPED = "skipped"
KEPT_FOR_REVIEW = "kept for review"
REFUSED = "refused"
OUTCOMES = [CREATED, UPDATED, SKIPPED, KEPT_FOR_REVIEW, REFUSED]

# Words of a byline that name an agency or a desk rather than a person
# ("Xinhua", "Reuters staff", "AFP", "Redaksi"); the story's agency counts too.
DESK_WORDS = frozenset(
    {
        "afp",
        "agencies",
        "agency",
        "anadolu",
        "ansa",
        "antara",
        "ap",
        "bernama",
        "correspondent",
        "correspondents",
        "desk",
        "dpa",
        "efe",
        "kyodo",
        "newsroom",
        "redaksi",
        "reuters",
        "staff",
        "tass",
        "upi",
        "wire",
        "wires",
        "xinhua",
        "yonhap",
    }
)
# Each picture may take WIRE_FETCH_TIMEOUT: an item with hundreds would hold the ingest.
MAX_PICTURES_PER_ITEM = 20
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BYLINE_PREFIX = re.compile(r"^\s*(by|oleh|reporting by|laporan)\s*:?\s+", re.IGNORECASE)
BYLINE_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bdan\b)\s*", re.IGNORECASE)


@dataclass
class ItemResult:
    outcome: str
    guid: str
    headline: str = ""
    article_id: int | None = None
    reason: str = ""
    problems: list[str] = field(default_factory=list)  # pictures left out, with why

    def line(self) -> str:
        """One line for the editor: what happened to the item, and why."""
        parts = [f"{self.outcome}: {self.guid}"]
        if self.headline:
            parts.append(f"“{Truncator(self.headline).chars(80)}”")
        if self.article_id:
            parts.append(f"(article {self.article_id})")
        line = " ".join(parts)
        details = [self.reason] if self.reason else []
        details += self.problems
        return f"{line} — {'; '.join(details)}" if details else line


@dataclass
class IngestReport:
    results: list[ItemResult] = field(default_factory=list)

    def of(self, outcome: str) -> list[ItemResult]:
        return [result for result in self.results if result.outcome == outcome]

    @property
    def created(self):
        return self.of(CREATED)

    @property
    def updated(self):
        return self.of(UPDATED)

    @property
    def skipped(self):
        return self.of(SKIPPED)

    @property
    def kept_for_review(self):
        return self.of(KEPT_FOR_REVIEW)

    @property
    def refused(self):
        return self.of(REFUSED)

    def summary(self) -> str:
        return ", ".join(f"{len(self.of(outcome))} {outcome}" for outcome in OUTCOMES)


def ingest(
    document: WireDocument,
    *,
    source: WireSource | None = None,
    section: Section | None = None,
    agency: str | None = None,
    user=None,
) -> IngestReport:
    """Make or update a draft for each item of the document; report what became of each."""
    report = IngestReport()
    for guid, reason in document.refused:
        report.results.append(ItemResult(REFUSED, guid, reason=reason))
    for item in document.items:
        agency_name = (agency or (source.agency if source else "") or item.provider).strip()
        agency_name = agency_name or document.title.strip()
        try:
            result = ingest_item(
                item,
                agency=agency_name,
                document_format=document.format,
                source=source,
                section=section,
                user=user,
            )
        except WireError as error:
            result = ItemResult(REFUSED, item.guid, headline=item.headline, reason=str(error))
        except DatabaseError as error:
            # The item's transaction is rolled back; the others may still go in.
            logger.exception("Wire item %s refused by the database", item.guid)
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            reason = f"the database refused it: {first_line}"
            result = ItemResult(REFUSED, item.guid, headline=item.headline, reason=reason)
        report.results.append(result)
        logger.info("Wire item %s (by %s)", result.line(), user or "the command")
    return report


def ingest_item(
    item: WireItem,
    *,
    agency: str,
    document_format: str,
    source: WireSource | None = None,
    section: Section | None = None,
    user=None,
) -> ItemResult:
    """Create, update, keep or skip one item; raise WireError to refuse it.

    user: the editor importing it (credited as the draft's creator), None for a script.
    """
    with photo_files_removed_on_failure() as written:
        return store_item(
            item,
            agency=agency,
            document_format=document_format,
            source=source,
            section=section,
            written=written,
            user=user,
        )


@contextmanager
def photo_files_removed_on_failure():
    """Yield a list for the names of photo files stored; delete them if an exception leaves.

    The item's transaction is rolled back then, and no row refers to them.
    """
    written = []
    try:
        yield written
    except BaseException:
        delete_files(Photo._meta.get_field("image").storage, written)
        raise


def store_item(
    item: WireItem,
    *,
    agency: str,
    document_format: str,
    source: WireSource | None,
    section: Section | None,
    written: list[str],
    user=None,
) -> ItemResult:
    if not item.guid.strip():
        raise WireError("the item has no id")
    if not agency:
        raise WireError("no agency: give --agency, or the source's agency")
    agency = agency[: WireStory._meta.get_field("agency").max_length]
    text = StoryText.of(item, agency=agency)
    story = (
        WireStory.objects.filter(agency__iexact=agency, guid=item.guid)
        .select_related("article")
        .first()
    )
    if story is not None:
        if not is_newer(item, story):
            return ItemResult(
                SKIPPED,
                item.guid,
                headline=item.headline,
                article_id=story.article_id,
                reason=f"version {version_label(item)} is not newer than "
                f"{version_label(stored_item_version(story))}",
            )
        if story.article is None:
            return ItemResult(
                SKIPPED, item.guid, headline=item.headline, reason="its article was deleted"
            )
        if story.article.status == Article.Status.PUBLISHED:
            return keep_for_review(story, item)
        pictures, problems = fetch_pictures(item, known=story.picture_hrefs)
        try:
            with transaction.atomic():
                story = WireStory.objects.select_for_update().get(pk=story.pk)
                article = Article.objects.select_for_update().get(pk=story.article_id)
                if not is_newer(item, story) or article.status == Article.Status.PUBLISHED:
                    raise WireError("changed by another ingest or an editor meanwhile; run again")
                write_article(article, text, user=user)
                add_pictures(article, story, pictures, text, written=written)
                record_version(story, item, document_format=document_format, source=source)
        except ValidationError as error:
            raise WireError(one_line(error)) from error
        return ItemResult(
            UPDATED, item.guid, headline=text.headline, article_id=article.pk, problems=problems
        )

    chosen_section = choose_section(item, source=source, section=section)
    pictures, problems = fetch_pictures(item, known=[])
    try:
        with transaction.atomic():
            article = Article(section=chosen_section, status=Article.Status.DRAFT, created_by=user)
            article.slug = unique_slug(Article, text.headline, fallback="berita")
            write_article(article, text, user=user)
            story = WireStory(article=article, agency=agency, guid=item.guid)
            add_pictures(article, story, pictures, text, written=written)
            record_version(story, item, document_format=document_format, source=source)
    except ValidationError as error:
        raise WireError(one_line(error)) from error
    except IntegrityError as error:
        # Most likely another ingest of the same item, committed first.
        raise WireError(f"a row stored meanwhile conflicts ({error}); run again") from error
    return ItemResult(
        CREATED, item.guid, headline=text.headline, article_id=article.pk, problems=problems
    )


@dataclass(frozen=True)
class StoryText:
    """What an item gives an article, cut to the article's fields."""

    headline: str
    standfirst: str
    body: str
    dateline_place: str
    source_agencies: str
    author_names: tuple[str, ...]
    tags: tuple[str, ...]

    @classmethod
    def of(cls, item: WireItem, *, agency: str) -> "StoryText":
        """Raise WireError if the item's text is unusable."""
        headline = one_line_text(item.headline)
        if not headline:
            raise WireError("the item has no headline")
        standfirst = one_line_text(item.standfirst)
        body = without_controls(item.body_html).strip()
        if not strip_tags(body).strip():
            if not standfirst:
                raise WireError("the item has no text")
            body = f"<p>{escape(standfirst)}</p>"
        return cls(
            headline=cut(Article, "headline", headline),
            standfirst=cut(Article, "standfirst", standfirst),
            body=body,
            dateline_place=cut(Article, "dateline_place", one_line_text(item.located)),
            source_agencies=cut(Article, "source_agencies", credited_agency(agency)),
            author_names=person_names(item.byline, agency=agency, provider=item.provider),
            tags=tag_names(item.subjects),
        )


def write_article(article: Article, text: StoryText, *, user=None) -> None:
    """Save the article with the item's text (a new one, or a draft being updated).

    user: who saves it, an editor in the admin; None for a script (the command, a poll).
    """
    article.updated_by = user
    article.headline = text.headline
    article.standfirst = text.standfirst
    article.body = text.body
    article.dateline_place = text.dateline_place
    article.source_agencies = text.source_agencies
    article.full_clean(validate_unique=False)
    article.save()  # sanitizes the body
    article.authors.set([author_named(name) for name in text.author_names])
    article.tags.set(list(text.tags))


def add_pictures(
    article: Article,
    story: WireStory,
    pictures: list[tuple[WirePicture, bytes]],
    text: StoryText,
    *,
    written: list[str],
) -> None:
    """Store the fetched pictures as the article's photos; the first is the lead if it has none.

    The names of the files stored are added to `written`, for the caller to
    delete if its transaction is rolled back.
    """
    has_lead = article.photos.filter(is_lead=True).exists()
    order = max(article.photos.values_list("order", flat=True), default=-1) + 1
    for picture, content in pictures:
        caption = one_line_text(picture.caption)
        photo = Photo(
            article=article,
            image=ContentFile(content, name=picture_name(picture.href)),
            caption=cut(Photo, "caption", caption),
            credit=cut(Photo, "credit", one_line_text(picture.credit)),
            # Agencies send no alt text: the caption is a start, for an editor to check.
            alt_text=cut(Photo, "alt_text", caption or text.headline),
            order=order,
            is_lead=not has_lead,
        )
        photo.save()
        written.extend([photo.image.name, *photo.renditions.values()])
        has_lead = True
        order += 1
        story.picture_hrefs = [*story.picture_hrefs, picture.href]
        story.alt_text_needs_check = True


def record_version(
    story: WireStory, item: WireItem, *, document_format: str, source: WireSource | None
) -> None:
    story.version = item.version
    story.version_time = item.version_time
    story.format = document_format
    story.received_at = timezone.now()
    if source is not None:
        story.source = source
    story.save()


def keep_for_review(story: WireStory, item: WireItem) -> ItemResult:
    """Keep a newer version of a published article for an editor to review and apply."""
    with transaction.atomic():
        story = WireStory.objects.select_for_update().get(pk=story.pk)
        if not is_newer(item, story):
            return ItemResult(SKIPPED, item.guid, headline=item.headline, reason="not newer")
        story.pending_update = item_to_json(item)
        story.pending_received_at = timezone.now()
        story.save(update_fields=["pending_update", "pending_received_at"])
    return ItemResult(
        KEPT_FOR_REVIEW,
        item.guid,
        headline=item.headline,
        article_id=story.article_id,
        reason="the article is published: an editor reviews the update from the agency",
    )


def apply_pending_update(story: WireStory, *, user=None) -> ItemResult:
    """Apply the agency's update kept for a published article (`user` decided to)."""
    if not story.pending_update or story.article is None:
        raise WireError("there is no update from the agency to apply")
    item = item_from_json(story.pending_update)
    text = StoryText.of(item, agency=story.agency)
    pictures, problems = fetch_pictures(item, known=story.picture_hrefs)
    try:
        with photo_files_removed_on_failure() as written, transaction.atomic():
            story = WireStory.objects.select_for_update().get(pk=story.pk)
            if story.pending_update != item_to_json(item):
                raise WireError("the update changed meanwhile; look at it again")
            article = Article.objects.select_for_update().get(pk=story.article_id)
            write_article(article, text, user=user)
            add_pictures(article, story, pictures, text, written=written)
            story.pending_update = None
            story.pending_received_at = None
            record_version(story, item, document_format=story.format, source=None)
    except ValidationError as error:
        raise WireError(one_line(error)) from error
    return ItemResult(
        UPDATED, item.guid, headline=text.headline, article_id=article.pk, problems=problems
    )


def dismiss_pending_update(story: WireStory) -> WireItem:
    """Drop the agency's update kept for a published article (an editor decided to).

    Its version is remembered: the same version sent again (a feed polled every
    few minutes still lists it) is not kept for review again; a newer one is.
    """
    with transaction.atomic():
        story = WireStory.objects.select_for_update().get(pk=story.pk)
        if not story.pending_update:
            raise WireError("there is no update from the agency to dismiss")
        item = item_from_json(story.pending_update)
        story.dismissed_update = item_to_json(
            WireItem(
                guid=item.guid, headline="", version=item.version, version_time=item.version_time
            )
        )
        story.pending_update = None
        story.pending_received_at = None
        story.save(update_fields=["dismissed_update", "pending_update", "pending_received_at"])
    return item


@dataclass(frozen=True)
class FieldChange:
    """One field of a published article against the agency's update, for the editor."""

    name: str
    label: str
    now: str  # plain text, as readers see it now
    after: str  # plain text, once the update is applied
    diff: str  # HTML: `after` with the words added in <ins>, those removed in <del>

    @property
    def changed(self) -> bool:
        return self.now != self.after


def pending_comparison(story: WireStory) -> list[FieldChange]:
    """Each field the update touches, as plain text now and after, compared word by word.

    Raise WireError if the update's text is unusable.
    """
    item = item_from_json(story.pending_update)
    text = StoryText.of(item, agency=story.agency)
    article = story.article
    photos = list(article.photos.all())
    new_pictures = [picture for picture in item.pictures if picture.href not in story.picture_hrefs]
    texts = [
        ("headline", article.headline, text.headline),
        ("standfirst", article.standfirst, text.standfirst),
        ("dateline_place", article.dateline_place, text.dateline_place),
        ("source_agencies", article.source_agencies, text.source_agencies),
        ("authors", article.byline, ", ".join(text.author_names) or DESK_BYLINE),
        ("body", body_text(article.body), body_text(sanitize_html(text.body))),
        ("tags", ", ".join(tag.name for tag in article.tags.all()), ", ".join(text.tags)),
        (
            "photos",
            "\n".join(photo_line(photo.caption, photo.credit) for photo in photos),
            "\n".join(
                [photo_line(photo.caption, photo.credit) for photo in photos]
                + [
                    photo_line(one_line_text(picture.caption), one_line_text(picture.credit))
                    for picture in new_pictures
                ]
            ),
        ),
    ]
    return [
        FieldChange(
            name=name,
            label=str(
                Photo._meta.verbose_name_plural
                if name == "photos"
                else Article._meta.get_field(name).verbose_name
            ),
            now=now,
            after=after,
            diff=word_diff(now, after),
        )
        for name, now, after in texts
    ]


def photo_line(caption: str, credit: str) -> str:
    return f"{caption} ({credit})" if credit else caption or "—"


def fetch_pictures(
    item: WireItem, *, known: list[str]
) -> tuple[list[tuple[WirePicture, bytes]], list[str]]:
    """Fetch and check the item's new pictures: (those usable, the problems of the others)."""
    usable, problems, seen = [], [], set(known)
    for picture in item.pictures:
        if picture.href in seen:
            continue
        seen.add(picture.href)
        if len(seen) > MAX_PICTURES_PER_ITEM:
            problems.append(f"picture {picture.href} left out: more than {MAX_PICTURES_PER_ITEM}")
            continue
        try:
            content = fetch_picture(picture.href).content
            images.validate_photo_file(ContentFile(content, name=picture_name(picture.href)))
        except WireError as error:
            problems.append(f"picture {picture.href} left out: {error}")
            continue
        except ValidationError as error:
            problems.append(f"picture {picture.href} left out: {one_line(error)}")
            continue
        usable.append((picture, content))
    return usable, problems


def choose_section(
    item: WireItem, *, source: WireSource | None, section: Section | None
) -> Section:
    """The section its subjects map to, else the source's default, else the one given."""
    wanted = [subject.strip().lower() for subject in item.subjects if subject.strip()]
    if wanted:
        mapped = {
            row.key: row.section
            for row in SubjectSection.objects.select_related("section")
            .annotate(key=Lower("subject"))
            .filter(key__in=wanted)
        }
        for subject in wanted:
            if subject in mapped:
                return mapped[subject]
    if source is not None and source.default_section is not None:
        return source.default_section
    if section is not None:
        return section
    raise WireError("no section: map one of its subjects, or give the source a default section")


def is_newer(item: WireItem, story: WireStory) -> bool:
    """Whether item is newer than what the story holds, its pending or dismissed update included."""
    newest = stored_item_version(story).version_key
    # The pending update, and one an editor dismissed: neither is offered again.
    for kept in (story.pending_update, story.dismissed_update):
        if kept:
            newest = max(newest, item_from_json(kept).version_key)
    return item.version_key > newest


def stored_item_version(story: WireStory) -> WireItem:
    return WireItem(
        guid=story.guid, headline="", version=story.version, version_time=story.version_time
    )


def version_label(item: WireItem) -> str:
    parts = []
    if item.version is not None:
        parts.append(str(item.version))
    if item.version_time is not None:
        parts.append(f"of {item.version_time.isoformat()}")
    return " ".join(parts) or "(none)"


def credited_agency(agency: str) -> str:
    """The agency as the dateline credits it: "Xinhua/Indonesia Window" when so set."""
    site = settings.NEWSROOM_SITE_NAME.strip()
    if settings.WIRE_AGENCY_WITH_SITE_NAME and site:
        return f"{agency}/{site}"
    return agency


def person_names(byline: str, *, agency: str, provider: str = "") -> tuple[str, ...]:
    """The people a byline names; none for an agency's or a desk's byline."""
    byline = BYLINE_PREFIX.sub("", one_line_text(byline))
    agencies = {name.casefold() for name in (agency, provider) if name.strip()}
    names = []
    for part in BYLINE_SEPARATORS.split(byline):
        part = part.strip(" .-–—")
        words = set(re.findall(r"\w+", part.casefold()))
        if not any(character.isalpha() for character in part):
            continue
        if words & DESK_WORDS or any(name in part.casefold() for name in agencies):
            continue
        name = cut(Author, "name", part)
        if name.casefold() not in {existing.casefold() for existing in names}:
            names.append(name)
    return tuple(names)


def author_named(name: str) -> Author:
    """The author of that name (capitals aside), made if there is none."""
    author = Author.objects.filter(name__iexact=name).order_by("pk").first()
    if author is None:
        author = Author(name=name, slug=unique_slug(Author, name, fallback="penulis"))
        author.save()
    return author


def tag_names(subjects) -> tuple[str, ...]:
    """Tags from subjects: trimmed, with letters or digits, each once whatever its capitals."""
    names = {}
    for subject in subjects:
        name = one_line_text(subject)[:TAG_MAX_LENGTH].strip()
        if any(character.isalnum() for character in name):
            names.setdefault(name.casefold(), name)
    return tuple(names.values())


def unique_slug(model, text: str, *, fallback: str) -> str:
    """An ASCII slug from text, not yet used by the model (the routes take ASCII slugs only)."""
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text)[: max_length - 8].strip("-") or fallback
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def picture_name(href: str) -> str:
    """A file name for the picture (the stored name is made from the article, not this)."""
    name = urlsplit(href).path.rpartition("/")[2]
    return name if "." in name else f"{name or 'wire'}.jpg"


def one_line_text(value: str) -> str:
    """Text without tags, controls or runs of spaces (PostgreSQL refuses a NUL in text)."""
    return " ".join(strip_tags(without_controls(value or "")).split())


def without_controls(value: str) -> str:
    return CONTROL_CHARACTERS.sub(" ", value)


def cut(model, field_name: str, value: str) -> str:
    """value cut to fit the field, at a word where it can be, with an ellipsis."""
    return fields.cut(value, model._meta.get_field(field_name).max_length)


def one_line(error: ValidationError) -> str:
    return " ".join(" ".join(error.messages).split())


def item_to_json(item: WireItem) -> dict:
    data = dataclasses.asdict(item)
    for key in ("version_time", "first_created"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    data["subjects"] = list(item.subjects)
    data["pictures"] = [dataclasses.asdict(picture) for picture in item.pictures]
    return data


def item_from_json(data: dict) -> WireItem:
    values = dict(data)
    for key in ("version_time", "first_created"):
        if values.get(key):
            values[key] = datetime.fromisoformat(values[key])
    values["subjects"] = tuple(values.get("subjects", ()))
    values["pictures"] = tuple(WirePicture(**picture) for picture in values.get("pictures", ()))
    return WireItem(**values)
