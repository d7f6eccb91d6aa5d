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
CDN) is told after commit, through the signal articles.signals.content_changed.
Every write through the ORM to what readers see (articles, photos, sections,
authors, tags and their links, pinned articles; comments as their app
reports them with articles_changed()) adds surrogate keys to a set kept for
the transaction: "article-<pk>", "section-<pk>", "tag-<pk>", "author-<pk>",
and the lists that may show it, "home", "latest", "feeds", "sitemaps",
"search" (and "sections" when a section changes). Once the transaction
commits, content_changed is sent once with them (`keys`); a rolled-back
transaction sends nothing, and a write outside a transaction sends at once.
Writes that bypass the ORM's signals (update(), bulk actions) call changed()
or articles_changed() themselves. Writes from outside the application (SQL,
a script's update(), a data migration) are announced to no one: an HTTP cache
may keep a page at most freshness_seconds() (NEWSROOM_FRESHNESS_SECONDS, 60
by default), which bounds how long they take to show through it.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.signals import content_changed

logger = logging.getLogger(__name__)

# What the lists of the site may show of any article: be generous, a key too
# many costs a cache miss, a key missing a stale page.
LISTS = frozenset({"home", "latest", "feeds", "sitemaps", "search"})


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
        keys = with_articles_tags_and_authors(self.keys)
        for receiver, outcome in content_changed.send_robust(sender=__name__, keys=keys):
            if isinstance(outcome, Exception):
                logger.error("%r failed on content_changed", receiver, exc_info=outcome)


def with_articles_tags_and_authors(keys: set[str]) -> set[str]:
    """Add the section, tags and authors of every article changed: their pages list it.

    An article published, withdrawn or retitled changes its section's page and
    each of its tags' and authors' pages, though none of their rows was written.
    """
    article_ids = [int(key.removeprefix("article-")) for key in keys if key.startswith("article-")]
    if not article_ids:
        return set(keys)
    from articles.models import Article, TaggedArticle

    articles = Article.objects.filter(pk__in=article_ids)
    return {
        *keys,
        *(f"section-{pk}" for pk in articles.values_list("section_id", flat=True)),
        *(
            f"tag-{pk}"
            for pk in TaggedArticle.objects.filter(content_object_id__in=article_ids).values_list(
                "tag_id", flat=True
            )
        ),
        *(
            f"author-{pk}"
            for pk in Article.authors.through.objects.filter(
                article_id__in=article_ids
            ).values_list("author_id", flat=True)
        ),
    }


def articles_changed(article_ids, *, using=None) -> None:
    """Announce, after commit, that these articles changed (e.g. their approved comments)."""
    keys = {f"article-{pk}" for pk in article_ids}
    if keys:
        changed(*LISTS, *keys, using=using)


def keys_of(instance) -> set[str]:
    """The surrogate keys of what a saved or deleted row of the content changes."""
    from articles.models import Article, Author, Photo, RelatedPin, Section, TaggedArticle

    if isinstance(instance, Article):
        return {*LISTS, f"article-{instance.pk}", f"section-{instance.section_id}"}
    if isinstance(instance, (Photo, RelatedPin)):
        return {*LISTS, f"article-{instance.article_id}"}
    if isinstance(instance, TaggedArticle):
        return {*LISTS, f"article-{instance.content_object_id}", f"tag-{instance.tag_id}"}
    if isinstance(instance, Section):
        return {*LISTS, "sections", f"section-{instance.pk}"}
    if isinstance(instance, Author):
        return {*LISTS, f"author-{instance.pk}"}
    return {*LISTS, f"tag-{instance.pk}"}  # a tag


def row_changed(sender, instance, using=None, **kwargs) -> None:
    """post_save and post_delete: collect the row's keys for the transaction."""
    changed(*keys_of(instance), using=using)


def links_changed(sender, instance, action, model, pk_set, using=None, **kwargs) -> None:
    """m2m_changed on an article's authors or tags: both ends of each link changed."""
    if not action.startswith("post_"):
        return
    keys = set(keys_of(instance))
    other = model._meta.model_name
    if other in {"author", "tag"}:
        keys.update(f"{other}-{pk}" for pk in pk_set or ())
    else:  # from the author's or the tag's side: the articles
        keys.update(f"article-{pk}" for pk in pk_set or ())
    changed(*keys, using=using)


def connect_signals() -> None:
    from taggit.models import Tag

    from articles.models import Article, Author, Photo, RelatedPin, Section, TaggedArticle

    for model in [Article, Author, Photo, RelatedPin, Section, TaggedArticle, Tag]:
        name = model.__name__
        post_save.connect(row_changed, sender=model, dispatch_uid=f"changed-{name}")
        post_delete.connect(row_changed, sender=model, dispatch_uid=f"deleted-{name}")
    for through in [Article.authors.through, TaggedArticle]:
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
