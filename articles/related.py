"""Related news ("Berita Terkait"): pinned articles, then a ranking by shared tags.

The ranking is one PostgreSQL query. A candidate is a published article sharing
at least one tag with the article being read, and its score is

    score = Σ idf(t)  ×  0.5 ^ (age_days / half_life_days)  ×  (1 + section_bonus if same section)
          over the shared tags t

    idf(t) = ln(1 + N / n(t))

where n(t) is the number of articles carrying tag t (kept by a trigger in
articles_tagusage) and N the number of articles (PostgreSQL's own estimate,
pg_class.reltuples). A rare shared tag weighs more than a common one, a fresh
article more than an old one, and the same section breaks ties. Settings:
NEWSROOM_RELATED_HALF_LIFE_DAYS (default 30), NEWSROOM_RELATED_SECTION_BONUS
(default 0.25).

To stay fast at any size, candidates are read per tag from an index, newest
first, at most NEWSROOM_RELATED_CANDIDATES_PER_TAG of them (default 100): an
older article sharing only that tag would be outranked by the decay anyway.

Editors' pins come first, in their order; when too few articles share tags,
the newest articles of the same section fill the list.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Section, TaggedArticle

# {article_id} and {section_id} are the article being read: query parameters
# when the ranking runs alone, the row of the article page's query when it runs
# inside it (articles/article_page.py). The other {…} are settings (see
# related_sql()). Inside, the articles are named so as not to hide that row.
RANKING_SQL = """
WITH source_tags AS (
    SELECT tagged.tag_id,
           ln(1 + (SELECT greatest(reltuples, 1)::float8 FROM pg_class
                    WHERE oid = 'articles_article'::regclass)
                  / greatest(usage.article_count, 1)) AS weight
      FROM articles_taggedarticle AS tagged
      JOIN articles_tagusage AS usage ON usage.tag_id = tagged.tag_id
     WHERE tagged.content_object_id = {article_id}
),
pinned AS (
    SELECT pin.pinned_id AS id, pin."order" AS position
      FROM articles_relatedpin AS pin
      JOIN articles_article AS pinned_article ON pinned_article.id = pin.pinned_id
     WHERE pin.article_id = {article_id}
       AND pinned_article.status = 'published' AND pinned_article.published_at <= %(now)s
),
hits AS (
    -- Tag links carry the article's publication time (only while it is published)
    -- and section, so the ranking reads one index per tag and never the articles.
    -- Read once, so PostgreSQL runs it inside the aggregate below, not stored apart.
    SELECT hit.article_id, hit.visible_from, hit.section_id,
           source_tags.tag_id, source_tags.weight
      FROM source_tags
     CROSS JOIN LATERAL (
            SELECT other.content_object_id AS article_id, other.visible_from, other.section_id
              FROM articles_taggedarticle AS other
             WHERE other.tag_id = source_tags.tag_id
               AND other.visible_from <= %(now)s
               AND other.content_object_id <> {article_id}
             ORDER BY other.visible_from DESC
             LIMIT {per_tag:d}
           ) AS hit
),
ranked AS (
    SELECT article_id AS id,
           max(visible_from) AS published_at,
           -- float8 throughout: date_part() gives float8 where extract() gives
           -- numeric, whose arithmetic took a fifth of the query's time.
           sum(weight)
             * power(0.5::float8, date_part('epoch', %(now)s - max(visible_from))
                                  / (86400.0 * {half_life_days!r})::float8)
             * CASE WHEN max(section_id) = {section_id}
                    THEN (1 + {section_bonus!r})::float8 ELSE 1::float8 END AS score
      FROM hits
     WHERE article_id NOT IN (SELECT id FROM pinned)
     GROUP BY article_id
     ORDER BY score DESC, published_at DESC, id DESC
     LIMIT {limit:d}
),
fallback AS (
    -- Only when pins and ranking leave places free (else PostgreSQL skips the scan).
    SELECT candidate.id, candidate.published_at
      FROM articles_article AS candidate
     WHERE (SELECT count(*) FROM pinned) + (SELECT count(*) FROM ranked) < {limit:d}
       AND candidate.section_id = {section_id}
       AND candidate.status = 'published' AND candidate.published_at <= %(now)s
       AND candidate.id <> {article_id}
       AND candidate.id NOT IN (SELECT id FROM pinned)
       AND candidate.id NOT IN (SELECT id FROM ranked)
     ORDER BY candidate.published_at DESC, candidate.id DESC
     LIMIT {limit:d}
)
SELECT combined.kind, combined.score,
       related.id, related.headline, related.slug, related.published_at,
       section.id AS section_id, section.name AS section_name, section.slug AS section_slug,
       combined.kind_order, combined.position
  FROM (
        SELECT id, 'pinned' AS kind, 0 AS kind_order, position::float8 AS position,
               NULL::float8 AS score
          FROM pinned
        UNION ALL
        SELECT id, 'ranked', 1, -score, score
          FROM ranked
        UNION ALL
        SELECT id, 'fallback', 2, -date_part('epoch', published_at), NULL
          FROM fallback
       ) AS combined
  JOIN articles_article AS related ON related.id = combined.id
  JOIN articles_section AS section ON section.id = related.section_id
 ORDER BY combined.kind_order, combined.position, combined.id DESC
 LIMIT {limit:d}
"""

# The ranking as one JSON array, for the article page's query, where
# "article" is the page's own row.
RANKING_AS_JSON_SQL = """
SELECT json_agg(json_build_object(
           'id', ranking.id, 'headline', ranking.headline, 'slug', ranking.slug,
           'published_at', ranking.published_at, 'section_name', ranking.section_name)
           ORDER BY ranking.kind_order, ranking.position, ranking.id DESC)
  FROM ({ranking}) AS ranking
"""


def related_sql(*, limit=None, inside_article_page=False) -> str:
    """The ranking query with the settings written in as numbers.

    The statement is prepared once per connection (server-side binding). With
    the settings as literals PostgreSQL keeps reusing one generic plan for it;
    with them as parameters it planned afresh on most calls, which took as long
    as running the query (1.0 against 1.9 ms a call at 100,000 articles).
    """
    return _related_sql(
        limit=limit or settings.NEWSROOM_RELATED_COUNT,
        per_tag=settings.NEWSROOM_RELATED_CANDIDATES_PER_TAG,
        half_life_days=settings.NEWSROOM_RELATED_HALF_LIFE_DAYS,
        section_bonus=settings.NEWSROOM_RELATED_SECTION_BONUS,
        inside_article_page=inside_article_page,
    )


@lru_cache(maxsize=16)
def _related_sql(*, limit, per_tag, half_life_days, section_bonus, inside_article_page) -> str:
    ranking = RANKING_SQL.format(
        article_id="article.id" if inside_article_page else "%(article_id)s",
        section_id="article.section_id" if inside_article_page else "%(section_id)s",
        limit=int(limit),
        per_tag=int(per_tag),
        half_life_days=float(half_life_days),
        section_bonus=float(section_bonus),
    )
    return RANKING_AS_JSON_SQL.format(ranking=ranking) if inside_article_page else ranking


@dataclass
class RelatedArticle:
    article: Article
    kind: str  # "pinned", "ranked" or "fallback"
    score: float | None = None
    shared_tags: list[Tag] = field(default_factory=list)  # filled by explain_related_articles


def related_articles(article: Article, *, limit: int | None = None) -> list[RelatedArticle]:
    """Return up to `limit` related published articles, with their section, in one query.

    The articles carry what a list of news shows (headline, address, date,
    section); other fields are not loaded.
    """
    sql = related_sql(limit=limit)
    parameters = {"article_id": article.pk, "section_id": article.section_id, "now": timezone.now()}
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        rows = cursor.fetchall()
    return [
        RelatedArticle(
            article=Article(
                id=article_id,
                headline=headline,
                slug=slug,
                published_at=published_at,
                section=Section(id=section_id, name=section_name, slug=section_slug),
            ),
            kind=kind,
            score=score,
        )
        for (
            kind,
            score,
            article_id,
            headline,
            slug,
            published_at,
            section_id,
            section_name,
            section_slug,
            _kind_order,
            _position,
        ) in rows
    ]


def explain_related_articles(article: Article, *, limit: int | None = None):
    """Return related_articles() with the tags each shares with the article, for editors.

    The shared tags are looked up here rather than in the ranking, which the
    article page runs and which would spend a fifth of its time on them.
    """
    related = related_articles(article, limit=limit)
    shared = TaggedArticle.objects.filter(
        content_object_id__in=[item.article.pk for item in related],
        tag__in=TaggedArticle.objects.filter(content_object_id=article.pk).values("tag_id"),
    ).select_related("tag")
    tags_by_article = {}
    for link in shared.order_by("tag__name"):
        tags_by_article.setdefault(link.content_object_id, []).append(link.tag)
    for item in related:
        item.shared_tags = tags_by_article.get(item.article.pk, [])
    return related
