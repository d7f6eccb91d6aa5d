"""The article page's article, with its section, photos, authors and tags, in one query.

The ORM would take four (the article, then a prefetch for each list), and
compiling them costs more than PostgreSQL takes to run them: this is the
busiest page of the site. Under load each query's round trip to PostgreSQL
costs more again (measured: one round trip fewer serves 8 to 19% more pages).
So the related news come in the same query too, when the page has them not
cached (with_related).
The lists come back as JSON arrays and become model instances in the
attributes the rest of the code reads (`photo_list`, `author_list`,
`tag_list`; see Article), so nothing else queries again.

Apps that show something of their own on the page fetch it in the same query
with also_fetch() (the comments app, its approved comments; editorial/, the
corrections), show it under the body with show_below_body(), and give the
page a time it was updated in public with also_fetch_updated_at(); the
JSON-LD takes their additions too (articles/structured_data.py). This app
knows nothing of them.
"""

from datetime import datetime
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connection, models
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Photo, Section
from articles.related import related_sql

ARTICLE_FIELDS = [field for field in Article._meta.concrete_fields if field.name != "search_vector"]

# One JSON document, not one column per value: psycopg sets up a converter for
# every column of a result, and Django's for date-times parses them in Python;
# that took a seventh of the page's time. json.loads reads the whole in C.
ARTICLE_PAGE_SQL = """
SELECT json_build_object(
       'article', json_build_object({article_fields}),
       'section', json_build_object('id', section.id, 'name', section.name,
                                    'slug', section.slug, 'order', section."order"),
       'photos', (SELECT json_agg(json_build_object(
                   'id', photo.id, 'image', photo.image, 'width', photo.width,
                   'height', photo.height, 'renditions', photo.renditions,
                   'caption', photo.caption, 'credit', photo.credit,
                   'alt_text', photo.alt_text, 'order', photo."order", 'is_lead', photo.is_lead)
                   ORDER BY photo.is_lead DESC, photo."order", photo.id)
          FROM articles_photo AS photo
         WHERE photo.article_id = article.id),
       'authors', (SELECT json_agg(json_build_object(
                   'id', author.id, 'name', author.name, 'slug', author.slug)
                   ORDER BY author.name, author.id)
          FROM articles_article_authors AS link
          JOIN articles_author AS author ON author.id = link.author_id
         WHERE link.article_id = article.id),
       'tags', (SELECT json_agg(json_build_object('id', tag.id, 'name', tag.name, 'slug', tag.slug)
                   ORDER BY link.id)
          FROM articles_taggedarticle AS link
          JOIN taggit_tag AS tag ON tag.id = link.tag_id
         WHERE link.content_object_id = article.id){related},
       'extras', json_build_object({also_fetched}))
  FROM articles_article AS article
  JOIN articles_section AS section ON section.id = article.section_id
 WHERE article.slug = %(slug)s
"""

# The same test as Article.objects.published(), which this query stands in for.
PUBLISHED_ONLY = "   AND article.status = 'published' AND article.published_at <= %(now)s"

# name → SQL expression over the row `article`, registered by other apps.
ALSO_FETCHED: dict[str, str] = {}


def also_fetch(name: str, sql_expression: str) -> None:
    """Have the article page's query also return sql_expression, as article.page_extras[name].

    Call it from an AppConfig.ready(). The expression reads the article's row
    as `article` (e.g. a subquery on article.id) and gives a JSON value or a
    scalar (as JSON: a date-time comes as ISO text); it is SQL written by the
    app, never built from input.
    """
    if not name.isidentifier():
        raise ValueError(f"{name!r}: the name of a value fetched must be an identifier")
    ALSO_FETCHED[name] = sql_expression
    page_sql.cache_clear()


# The page_extras names whose values are times the article was updated in public.
UPDATED_AT_NAMES: set[str] = set()

# Jinja2 templates included under the article's body, in the order registered.
BELOW_BODY_TEMPLATES: list[str] = []


def also_fetch_updated_at(name: str, sql_expression: str) -> None:
    """Fetch, as also_fetch() does, a time the article was updated in public (e.g. corrected).

    The latest of these times, when later than the publication, is the page's
    "Updated" time and its JSON-LD dateModified (updated_in_public()).
    """
    also_fetch(name, sql_expression)
    UPDATED_AT_NAMES.add(name)


def show_below_body(template_name: str) -> None:
    """Include a Jinja2 template under the article's body (AppConfig.ready()).

    It is rendered with the page's context: `article`, whose page_extras hold
    what the app fetched with also_fetch().
    """
    if template_name not in BELOW_BODY_TEMPLATES:
        BELOW_BODY_TEMPLATES.append(template_name)


def updated_in_public(article) -> datetime | None:
    """The latest time an app says the article was updated in public after publication."""
    extras = getattr(article, "page_extras", {})
    times = [datetime.fromisoformat(extras[name]) for name in UPDATED_AT_NAMES if extras.get(name)]
    latest = max(times, default=None)
    if latest is None or (article.published_at and latest <= article.published_at):
        return None
    return latest


@lru_cache(maxsize=8)
def page_sql(*, published_only: bool, related_sql: str | None) -> str:
    sql = ARTICLE_PAGE_SQL.format(
        article_fields=", ".join(
            f"'{field.attname}', article.{field.column}" for field in ARTICLE_FIELDS
        ),
        related=f",\n       'related', ({related_sql})" if related_sql else "",
        also_fetched=", ".join(
            f"'{name}', ({expression})" for name, expression in ALSO_FETCHED.items()
        ),
    )
    return sql + (PUBLISHED_ONLY if published_only else "")


def article_for_page(
    slug: str, *, published_only: bool = True, with_related: bool = False
) -> Article | None:
    """The article at `slug` with everything its page shows, or None.

    Readers get published articles only; staff previews pass published_only=False.
    with_related adds the related news (articles/related.py) as article.related_news,
    a list of dicts (id, headline, slug, published_at, section_name): the page
    asks for them when it has none cached.
    """
    sql = page_sql(
        published_only=published_only,
        related_sql=related_sql(inside_article_page=True) if with_related else None,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"slug": slug, "now": timezone.now()})
        row = cursor.fetchone()
    if row is None:
        return None
    page = row[0]
    article = model_from_json(Article, page["article"])
    article.section = model_from_json(Section, page["section"])
    article.photo_list = [
        model_from_json(Photo, data, article_id=article.pk) for data in page["photos"] or []
    ]
    article.author_list = [model_from_json(Author, data) for data in page["authors"] or []]
    article.tag_list = [model_from_json(Tag, data) for data in page["tags"] or []]
    article.page_extras = page["extras"]
    if with_related:
        article.related_news = [
            {**item, "published_at": datetime.fromisoformat(item["published_at"])}
            for item in page["related"] or []
        ]
    return article


# Fields whose values JSON gives as Python wants them: text, whole numbers, booleans.
JSON_NATIVE_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.AutoField,
    models.BooleanField,
    models.JSONField,
)


def from_json(field, value):
    """A field's value as JSON gives it, as the ORM would load it."""
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return datetime.fromisoformat(value)  # ISO text, with its offset
    if isinstance(field, JSON_NATIVE_FIELDS):
        return value
    return field.to_python(value)  # e.g. a date or a decimal, if the model gains one


def model_from_json(model, data: dict, **extra):
    """A model instance from some of its fields, as the ORM loads it (the others deferred)."""
    values = {**data, **extra}
    fields, names = loaded_fields(model, frozenset(values))
    return model.from_db(
        DEFAULT_DB_ALIAS, names, [from_json(field, values[field.attname]) for field in fields]
    )


@lru_cache(maxsize=64)
def loaded_fields(model, names: frozenset) -> tuple[list, list[str]]:
    """The model's fields among `names`, and their names, in the model's order (for from_db)."""
    fields = [field for field in model._meta.concrete_fields if field.attname in names]
    return fields, [field.attname for field in fields]
