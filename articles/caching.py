"""How what readers see follows the newsroom: the one invalidation model.

Nothing a reader sees is kept by the application under a key that can outlive
it. Every readers' page reads what it shows from PostgreSQL at each request:
the article page in one query (with its related news, the latest news and
the sections come with the article: see fetch_with_article_page() below),
the other pages in a few. The HTML that many pages share (the site header, the
latest news, the comments) is kept in each process under the very data it
shows (shared_fragment() in articles/templating.py), so a new headline is a
new key, never a stale hit. A change therefore shows at the next request of
every process, with or without Redis, however it was written: the admin, a
service function, queryset.update(), SQL or a data migration. There is no
content version to bump and no application cache to clear.

What keeps pages outside the application (an HTTP cache in front: Varnish, a
CDN) is told after commit, through the signal articles.signals.content_changed,
with the surrogate keys of the pages that changed. A page carries the keys of
all it shows (delivery/middleware.py): "article-<pk>" for every article it
shows by name (the article page: its own, its related and latest news; home,
section, tag, author and search pages: each article listed), its subject
("home", "section-<pk>", "tag-<pk>", "author-<pk>", "search"), "latest" if it
shows the latest news, "sections" if it shows the navigation; an article page
also carries its section's, tags' and authors' keys (they choose its related
news and name its bylines); feeds carry "feeds", sitemaps "sitemaps".

A change to an article is one of two kinds, and announces accordingly:

- What it SHOWS (headline, standfirst, body, photos and captions, slug,
  dateline, comments approved, a correction, pinned related news):
  articles_changed() — "article-<pk>", which reaches every page that shows
  it, and the small sets "feeds", "sitemaps", "search" (few pages each,
  which show headlines without naming each article).
- WHICH LISTS it is in (created or deleted while published; its status,
  published_at, section or is_featured changed while published before or
  after; a tag or author link added or removed): articles_relisted() — the
  same, and the lists: "home", "latest", and the "section-<pk>", "tag-<pk>",
  "author-<pk>" of the article, before and after the change.

So a headline edited purges the few pages that show that article, not every
article page (each shows "latest"); a story published, withdrawn or moved
purges every page that lists. An article's save tells which kind it is by
comparing the stored row with the one saved (one small query, pre_save);
tag and author links by their own signals. A section, tag or author changed
announces "sections" (the navigation, and the section names of every list)
and "section-<pk>", or "tag-<pk>", or "author-<pk>", with "feeds",
"sitemaps", "search".

Keys added in a transaction are kept in one set; once it commits,
content_changed is sent once with them (`keys`); a rolled-back transaction
sends nothing, and a write outside a transaction sends at once. Writes that
bypass the ORM's signals (update(), bulk actions) call articles_changed(),
articles_relisted() or changed() themselves, saying which kind they are.
Writes from outside the application (SQL, a script's update(), a data
migration, a scheduled article coming due) are announced to no one: an HTTP
cache may keep a page at most freshness_seconds() (NEWSROOM_FRESHNESS_SECONDS,
60 by default), which bounds how long they take to show through it.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from articles.signals import content_changed

logger = logging.getLogger(__name__)

# The small sets of pages that show any article's text without naming it:
# purged by every change (a few feeds, sitemaps and search result pages).
SHOWN_EVERYWHERE = frozenset({"feeds", "sitemaps", "search"})
# The lists any article may join or leave (besides its section's, tags' and authors').
LISTS = frozenset({"home", "latest"})
# What places an article in the lists (the Article fields; pre_save compares them).
LISTING_FIELDS = ("status", "published_at", "section", "is_featured")
LISTING_COLUMNS = ("status", "published_at", "section_id", "is_featured")


def freshness_seconds() -> int:
    """How long anything may keep a page that no signal announces a change of."""
    return settings.NEWSROOM_FRESHNESS_SECONDS


def changed(*keys: str, using=None) -> None:
    """Send content_changed with `keys` once the current transaction commits, with the others.

    However many writes a transaction makes, one callback is registered, and
    it sends every key they added. Outside a transaction, it sends at once.
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        # The transaction's callback, if it has one still (a savepoint rolled back drops it).
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, AfterCommit):
                callback.keys.update(keys)
                return
    # robust: a receiver that fails is logged, never the editor's error.
    transaction.on_commit(AfterCommit(keys), using=using, robust=True)


class AfterCommit:
    """The one on-commit callback of a transaction: the keys its writes changed."""

    def __init__(self, keys):
        self.keys = set(keys)

    def __call__(self):
        for receiver, outcome in content_changed.send_robust(sender=__name__, keys=self.keys):
            if isinstance(outcome, Exception):
                logger.error("%r failed on content_changed", receiver, exc_info=outcome)


def articles_changed(article_ids, *, using=None) -> None:
    """Announce, after commit, that what these articles show changed (not which lists they are in).

    E.g. a headline, a photo, a correction, a comment approved.
    """
    keys = {f"article-{pk}" for pk in article_ids}
    if keys:
        changed(*SHOWN_EVERYWHERE, *keys, using=using)


def articles_relisted(article_ids, *, also=(), using=None) -> None:
    """Announce, after commit, that these articles joined or left lists (and what they show).

    E.g. published, unpublished, withdrawn, moved to another section, featured.
    Their section's, tags' and authors' keys are read now: call it before a
    write that changes them (a deletion), or pass the old ones as `also`.
    """
    from articles.models import Article, TaggedArticle

    article_ids = set(article_ids)
    if not article_ids:
        return
    articles = Article.objects.using(using).filter(pk__in=article_ids)
    links = TaggedArticle.objects.using(using).filter(content_object_id__in=article_ids)
    bylines = Article.authors.through.objects.using(using).filter(article_id__in=article_ids)
    changed(
        *SHOWN_EVERYWHERE,
        *LISTS,
        *also,
        *(f"article-{pk}" for pk in article_ids),
        *(f"section-{pk}" for pk in articles.values_list("section_id", flat=True)),
        *(f"tag-{pk}" for pk in links.values_list("tag_id", flat=True)),
        *(f"author-{pk}" for pk in bylines.values_list("author_id", flat=True)),
        using=using,
    )


# --- What the ORM's writes announce (connect_signals(), from AppConfig.ready) ---------------


def listing_of(article) -> dict | None:
    """Where an article (a row, or its LISTING_COLUMNS as a dict) stands in the lists.

    None if it is in none: an article that is not published is in no list,
    whatever its section or featuring. One scheduled counts as listed (it
    joins the lists when due, unannounced: see freshness_seconds()).
    """
    from articles.models import Article

    if not isinstance(article, dict):
        article = {column: getattr(article, column) for column in LISTING_COLUMNS}
    return article if article["status"] == Article.Status.PUBLISHED else None


def article_saving(sender, instance, raw=False, using=None, update_fields=None, **kwargs) -> None:
    """pre_save of an article: keep where the stored row stands in the lists, to compare."""
    instance._listing_as_stored = None
    if instance.pk is None or raw:
        return
    if update_fields is not None and not {*LISTING_FIELDS, *LISTING_COLUMNS} & set(update_fields):
        instance._listing_as_stored = listing_of(instance)  # none of them is written
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk).values(*LISTING_COLUMNS)
    stored = stored.first()
    instance._listing_as_stored = None if stored is None else listing_of(stored)


def article_saved(sender, instance, using=None, **kwargs) -> None:
    """post_save of an article: what it shows changed, and maybe which lists it is in."""
    before = instance.__dict__.pop("_listing_as_stored", None)
    if before == listing_of(instance):
        articles_changed([instance.pk], using=using)
        return
    # The section it may have left, besides the one it is in.
    left = [f"section-{before['section_id']}"] if before is not None else []
    articles_relisted([instance.pk], also=left, using=using)


def article_deleting(sender, instance, using=None, **kwargs) -> None:
    """pre_delete of an article (its links still there): it leaves the lists it was in."""
    if listing_of(instance) is None:
        articles_changed([instance.pk], using=using)
    else:
        articles_relisted([instance.pk], using=using)


def keys_of(instance) -> set[str]:
    """The surrogate keys of what a saved or deleted row (not an article) changes."""
    from articles.models import Author, Photo, RelatedPin, Section, TaggedArticle

    if isinstance(instance, (Photo, RelatedPin)):
        return {*SHOWN_EVERYWHERE, f"article-{instance.article_id}"}
    if isinstance(instance, TaggedArticle):
        # A tag link added or removed: the tag's page lists the article, or no longer.
        return {
            *SHOWN_EVERYWHERE,
            f"article-{instance.content_object_id}",
            f"tag-{instance.tag_id}",
        }
    if isinstance(instance, Section):
        return {*SHOWN_EVERYWHERE, "sections", f"section-{instance.pk}"}
    if isinstance(instance, Author):
        return {*SHOWN_EVERYWHERE, f"author-{instance.pk}"}
    return {*SHOWN_EVERYWHERE, f"tag-{instance.pk}"}  # a tag


def row_changed(sender, instance, using=None, **kwargs) -> None:
    """post_save and post_delete: collect the row's keys for the transaction."""
    changed(*keys_of(instance), using=using)


def links_changed(sender, instance, action, reverse, model, pk_set, using=None, **kwargs) -> None:
    """m2m_changed on an article's authors or tags: a listing change of both ends of each link."""
    from articles.models import Article

    if action == "pre_clear":  # the links about to go, which post_clear no longer names
        article_end, other_end = LINK_ENDS[sender]
        mine, theirs = (other_end, article_end) if reverse else (article_end, other_end)
        links = sender._base_manager.using(using).filter(**{mine: instance.pk})
        pk_set = set(links.values_list(theirs, flat=True))
    elif action not in {"post_add", "post_remove"}:
        return
    if model is Article:  # from the author's or the tag's side
        other, article_ids = instance, pk_set or ()
        keys = {f"{other._meta.model_name}-{other.pk}"}
    else:
        article_ids = [instance.pk]
        keys = {f"{model._meta.model_name}-{pk}" for pk in pk_set or ()}
    if article_ids:
        changed(*keys, *SHOWN_EVERYWHERE, *(f"article-{pk}" for pk in article_ids), using=using)


LINK_ENDS = {}  # through model: (its article's column, its author's or tag's column)


def connect_signals() -> None:
    from taggit.models import Tag

    from articles.models import Article, Author, Photo, RelatedPin, Section, TaggedArticle

    pre_save.connect(article_saving, sender=Article, dispatch_uid="saving-Article")
    post_save.connect(article_saved, sender=Article, dispatch_uid="changed-Article")
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid="deleting-Article")
    for model in [Author, Photo, RelatedPin, Section, TaggedArticle, Tag]:
        name = model.__name__
        post_save.connect(row_changed, sender=model, dispatch_uid=f"changed-{name}")
        post_delete.connect(row_changed, sender=model, dispatch_uid=f"deleted-{name}")
    LINK_ENDS[Article.authors.through] = ("article_id", "author_id")
    LINK_ENDS[TaggedArticle] = ("content_object_id", "tag_id")
    for through in LINK_ENDS:
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"links-{through}")


# What every article page shows besides its article, fetched in the article's
# own query (articles/article_page.py) rather than kept anywhere: the latest
# news (the same test as Article.objects.published(), newest first) and the
# sections of the navigation. "article" is the page's row: hence the names.
LATEST_NEWS_JSON_SQL = """
SELECT json_agg(json_build_object(
           'id', newest.id, 'headline', newest.headline, 'slug', newest.slug,
           'published_at', newest.published_at, 'section_name', newest_section.name)
           ORDER BY newest.published_at DESC, newest.id DESC)
  FROM (SELECT latest.id, latest.headline, latest.slug, latest.published_at, latest.section_id
          FROM articles_article AS latest
         WHERE latest.status = 'published' AND latest.published_at <= %(now)s
         ORDER BY latest.published_at DESC, latest.id DESC
         LIMIT {count:d}) AS newest
  JOIN articles_section AS newest_section ON newest_section.id = newest.section_id
"""

SECTIONS_JSON_SQL = """
SELECT json_agg(json_build_array(listed.name, listed.slug) ORDER BY listed."order", listed.name)
  FROM articles_section AS listed
"""


def fetch_with_article_page() -> None:
    """Have the article page's query bring the latest news and the sections (AppConfig.ready)."""
    from articles.article_page import also_fetch

    also_fetch("latest_news", LATEST_NEWS_JSON_SQL.format(count=settings.NEWSROOM_LATEST_COUNT + 1))
    also_fetch("navigation_sections", SECTIONS_JSON_SQL)
