"""Revisions of articles: what readers would see, kept at every save, whoever makes it.

A revision is one snapshot (a JSON document in editorial.Revision) of what
readers see of an article: headline, standfirst, dateline place and source
agencies, body, section, authors, tags, and the photos' captions, credits and
alt texts and which one leads. It is written once per transaction that
changed the article, after commit, and only when the snapshot differs from
the article's latest revision: a save that only moves updated_at, a status
or a counter makes none; the first save makes the first one.

Why our own small model rather than a library:

- django-reversion records only inside create_revision() blocks, so every
  save outside the admin (a service, a script, wire ingest) would need a
  hook of ours anyway; it stores one serialized row per model followed
  (article, photos, tag links, tags), all their columns unless each model is
  registered with a field list, and its revert() re-creates deleted rows:
  photos whose files were deleted on commit (articles.models.delete_photo_files)
  would come back as broken images. The history page, the comparison and the
  restore we need are ours in either case.
- django-pghistory records every write path through triggers, but per row
  and per table: one save of an article through the admin writes the article,
  its tag links, its author links and its photos (twice when a photo is new),
  so a revision would have to be pieced together from several event tables
  at read time, and a save that changes nothing readers see (updated_at,
  the search vector, renditions) still makes events. Its triggers would also
  record every bulk update (publishing, tag merges, the trigger-kept copies in
  the tag links), and its user comes from a per-request context that a
  script does not have either: what a trigger sees is rows, not "a save".

So the model is small: the ORM's signals on the article, its photos, its
tag links and its author links (every write through the ORM, as
articles/caching.py does for the HTTP cache) note the article in a set kept
for the transaction, and once it commits, each noted article's snapshot is
taken and compared with its last revision (outside a transaction each write
commits by itself: a script wanting one revision for an article and its tags
saves them inside transaction.atomic(), as the admin does). Writes that
bypass the ORM's signals (update(), SQL) make no revision until the next save; what they can
change (status, published_at) is not part of a revision. Revisions are
written on editors' and scripts' saves only: readers' pages never read or
write them.

Who saved is known when the code saving says so: the admin wraps its views
in saved_by(request.user); a script's or a service's save has no user.
"""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.formats import date_format, get_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from articles.caching import articles_changed
from articles.models import PHOTOS_LEAD_FIRST, Article, Author, Photo, Section, TaggedArticle
from editorial.models import Revision
from newsroom.text_compare import body_text, word_diff

logger = logging.getLogger(__name__)

# What a revision keeps, in the order the history shows it.
FIELD_LABELS = {
    "headline": _("headline"),
    "standfirst": _("standfirst"),
    "dateline_place": _("dateline place"),
    "source_agencies": _("source agencies"),
    "section": _("section"),
    "authors": _("authors"),
    "tags": _("tags"),
    "body": _("body"),
    "photos": _("photos"),
}
# A change of the body's markup alone (the editor's first save rewriting the HTML, a
# formatting change), the text readers read being the same.
BODY_FORMATTING = "body_formatting"
CHANGE_LABELS = {**FIELD_LABELS, BODY_FORMATTING: _("body (formatting)")}
TEXT_FIELDS = ["headline", "standfirst", "dateline_place", "source_agencies", "body"]
PHOTO_TEXT_FIELDS = ["caption", "credit", "alt_text"]


@dataclass(frozen=True)
class Saver:
    """Who is saving (None: a script or a service) and, for a restore, from which revision."""

    user: object = None
    restored_from: Revision | None = None


NOBODY = Saver()
_saver: ContextVar[Saver] = ContextVar("editorial_revision_saver", default=NOBODY)  # noqa: B039


@contextmanager
def saved_by(user, *, restored_from: Revision | None = None) -> Iterator[None]:
    """Credit the revisions of the saves made inside the block to `user`."""
    if user is not None and not user.is_authenticated:
        user = None
    token = _saver.set(Saver(user=user, restored_from=restored_from))
    try:
        yield
    finally:
        _saver.reset(token)


# --- Recording ----------------------------------------------------------------


class RevisionsAfterCommit:
    """The transaction's on-commit callback: the articles it changed, and who changed them."""

    def __init__(self):
        self.savers: dict[int, Saver] = {}

    def note(self, article_id: int, saver: Saver) -> None:
        known = self.savers.get(article_id)
        # A save without a known user (a signal from a nested service call) keeps the one known.
        if known is None or saver.user is not None or saver.restored_from is not None:
            self.savers[article_id] = saver

    def __call__(self):
        for article_id, saver in self.savers.items():
            try:
                record_revision(article_id, saver=saver)
            except Exception:  # one article's failure must not cost the others theirs
                logger.exception("Cannot record a revision of article %s", article_id)


def note_article_changed(article_id: int | None, *, using=None) -> None:
    """Have a revision of the article considered once the current transaction commits."""
    if article_id is None:
        return
    saver = _saver.get()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, RevisionsAfterCommit):
                callback.note(article_id, saver)
                return
    callback = RevisionsAfterCommit()
    callback.note(article_id, saver)
    # Outside a transaction, on_commit runs it at once.
    transaction.on_commit(callback, using=using, robust=True)


def record_revision(article_id: int, *, saver: Saver = NOBODY) -> Revision | None:
    """Keep a revision of the article if what readers see differs from its latest one."""
    with transaction.atomic():
        # Two transactions committing changes to one article: one revision at a time.
        if not Article.objects.select_for_update().filter(pk=article_id).exists():
            return None  # deleted in the meantime
        snapshot = snapshot_of(article_id)
        latest = Revision.objects.filter(article_id=article_id).order_by("-pk").first()
        if latest is not None and latest.snapshot == snapshot:
            return None
        return Revision.objects.create(
            article_id=article_id,
            user=saver.user,
            restored_from=saver.restored_from,
            snapshot=snapshot,
            changed_fields=changed_fields(latest.snapshot if latest else None, snapshot),
        )


def snapshot_of(article_id: int) -> dict:
    """What readers see of the article now, as a revision keeps it."""
    article = Article.objects.select_related("section").get(pk=article_id)
    return {
        **{name: getattr(article, name) for name in TEXT_FIELDS},
        "section": {"id": article.section_id, "name": article.section.name},
        "authors": list(article.authors.order_by("name", "pk").values("id", "name")),
        "tags": sorted(article.tags.values_list("name", flat=True), key=str.casefold),
        "photos": list(
            article.photos.order_by(*PHOTOS_LEAD_FIRST).values(
                "id", "image", *PHOTO_TEXT_FIELDS, "order", "is_lead"
            )
        ),
    }


def changed_fields(before: dict | None, after: dict) -> list[str]:
    """The names of the fields that differ (none for a first revision).

    The body counts as changed when the text readers read changed; a change of
    its markup alone is BODY_FORMATTING.
    """
    if before is None:
        return []
    names = []
    for name in FIELD_LABELS:
        if before.get(name) == after.get(name):
            continue
        if name == "body" and body_text(before.get(name) or "") == body_text(after.get(name) or ""):
            names.append(BODY_FORMATTING)
        else:
            names.append(name)
    return names


def article_saved(sender, instance, using=None, **kwargs):
    note_article_changed(instance.pk, using=using)


def photo_written(sender, instance, using=None, **kwargs):
    note_article_changed(instance.article_id, using=using)


def tag_link_written(sender, instance, using=None, **kwargs):
    note_article_changed(instance.content_object_id, using=using)


def links_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    """m2m_changed on an article's authors or tags, from either side."""
    if not action.startswith("post_"):
        return
    if not reverse and isinstance(instance, Article):
        note_article_changed(instance.pk, using=using)
    else:  # from the author's or the tag's side: the articles
        for article_id in pk_set or ():
            note_article_changed(article_id, using=using)


def connect_signals() -> None:
    post_save.connect(article_saved, sender=Article, dispatch_uid="revision-article")
    for signal in [post_save, post_delete]:
        signal.connect(photo_written, sender=Photo, dispatch_uid=f"revision-photo-{signal}")
        signal.connect(
            tag_link_written, sender=TaggedArticle, dispatch_uid=f"revision-tag-link-{signal}"
        )
    for through in [Article.authors.through, TaggedArticle]:
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"revision-links-{through}")


# --- Restoring ----------------------------------------------------------------


@dataclass
class Restored:
    article: Article
    not_restored: list[str] = field(default_factory=list)


@transaction.atomic
def restore_revision(*, revision: Revision, user) -> Restored:
    """Bring back what readers saw in `revision`; the save makes a new revision.

    Photos deleted since cannot come back (their files are gone): the
    outcome names them, with authors and a section deleted since. Photos
    added since stay.
    """
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    snapshot = revision.snapshot
    outcome = Restored(article=article)
    with saved_by(user, restored_from=revision):
        for name in TEXT_FIELDS:
            setattr(article, name, snapshot[name])
        section = snapshot["section"]
        if Section.objects.filter(pk=section["id"]).exists():
            article.section_id = section["id"]
        else:
            outcome.not_restored.append(_("the section “%s” (deleted)") % section["name"])
        article.save()

        authors = {
            author.pk: author
            for author in Author.objects.filter(
                pk__in=[author["id"] for author in snapshot["authors"]]
            )
        }
        article.authors.set(authors.values())
        outcome.not_restored += [
            _("the author “%s” (deleted)") % author["name"]
            for author in snapshot["authors"]
            if author["id"] not in authors
        ]
        article.tags.set(snapshot["tags"])
        restore_photos(article, snapshot["photos"], outcome)
    # What it shows; a listing change (its section, tags, authors) was announced
    # by the save and the links' signals (articles/caching.py).
    articles_changed([article.pk])
    return outcome


def restore_photos(article: Article, kept: list[dict], outcome: Restored) -> None:
    photos = {photo.pk: photo for photo in article.photos.all()}
    lead = next((photo["id"] for photo in kept if photo["is_lead"]), None)
    if lead in photos:
        # One lead photo per article (a constraint): unmark the others first.
        for photo in photos.values():
            if photo.is_lead and photo.pk != lead:
                photo.is_lead = False
                photo.save(update_fields=["is_lead"])
    for data in kept:
        photo = photos.get(data["id"])
        if photo is None:
            description = data["caption"] or data["alt_text"]
            outcome.not_restored.append(_("the photo “%s” (deleted)") % description)
            continue
        for name in PHOTO_TEXT_FIELDS:
            setattr(photo, name, data[name])
        photo.order = data["order"]
        fields = [*PHOTO_TEXT_FIELDS, "order"]
        if lead in photos:
            photo.is_lead = data["is_lead"]
            fields.append("is_lead")
        photo.save(update_fields=fields)


# --- Reading and comparing ----------------------------------------------------


def field_text(snapshot: dict, name: str) -> str:
    """One field of a snapshot as the plain text the comparison reads."""
    value = snapshot.get(name)
    if name == "body":
        return body_text(value or "")
    if name == "section":
        return value["name"] if value else ""
    if name == "authors":
        return ", ".join(author["name"] for author in value or [])
    if name == "tags":
        return ", ".join(value or [])
    if name == "photos":
        return "\n\n".join(photo_text(photo) for photo in value or [])
    return value or ""


def photo_text(photo: dict) -> str:
    lead = f"[{_('lead photo')}] " if photo["is_lead"] else ""
    name = photo["image"].rsplit("/", 1)[-1]
    return (
        f"{lead}{name}\n{_('caption')}: {photo['caption']}\n"
        f"{_('credit')}: {photo['credit']}\n{_('alt text')}: {photo['alt_text']}"
    )


@dataclass
class FieldComparison:
    name: str
    label: str
    text: str  # as the revision has it
    diff: str  # from the revision to the current text
    changed: bool


def compare(revision_snapshot: dict, current_snapshot: dict) -> list[FieldComparison]:
    """Each field of a revision, with the word changes that lead to the current text."""
    comparisons = []
    for name, label in FIELD_LABELS.items():
        old, new = field_text(revision_snapshot, name), field_text(current_snapshot, name)
        comparisons.append(
            FieldComparison(
                name=name, label=label, text=old, diff=word_diff(old, new), changed=old != new
            )
        )
    return comparisons


def summary(revision: Revision) -> str:
    """What a revision changed, in a few words, for the history list."""
    if revision.restored_from is not None:
        return _("Restored the revision of %(time)s") % {
            "time": when(revision.restored_from.created_at)
        }
    if not revision.changed_fields:
        return _("First revision")
    return _("Changed: %(fields)s") % {
        "fields": ", ".join(
            str(CHANGE_LABELS[name]) for name in revision.changed_fields if name in CHANGE_LABELS
        )
    }


# The minutes in a date format ("G.i", "H:i"), to add the seconds after them.
MINUTES = re.compile(r"(?<!\\)([.:])i")


def when(moment) -> str:
    """A revision's time as the admin shows times, local, with its seconds.

    Two saves in one minute are two revisions: the seconds tell them apart.
    """
    shown = get_format("DATETIME_FORMAT")
    with_seconds = MINUTES.sub(r"\1i\1s", shown, count=1)
    if with_seconds == shown:  # a format without minutes to follow ("P")
        with_seconds = f"{get_format('DATE_FORMAT')}, H:i:s"
    return date_format(localtime(moment), with_seconds)
