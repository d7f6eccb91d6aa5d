"""The article page's article, with its section, photos, authors and tags, in one query.

The ORM would take four (the article, then a prefetch for each list), and
compiling them costs more than PostgreSQL takes to run them: this is the
busiest page of the site. The lists come back as JSON arrays and become model
instances in the attributes the rest of the code reads (`photo_list`,
`author_list`, `tag_list`; see Article), so nothing else queries again.
"""

from django.db import DEFAULT_DB_ALIAS, connection
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Photo, Section

ARTICLE_FIELDS = [
    field.attname for field in Article._meta.concrete_fields if field.name != "search_vector"
]

# Formatted with column names from the model only; the values are parameters.
ARTICLE_PAGE_SQL = """
SELECT {article_columns},
       section.name, section.slug, section."order",
       (SELECT json_agg(json_build_object(
                   'id', photo.id, 'image', photo.image, 'width', photo.width,
                   'height', photo.height, 'renditions', photo.renditions,
                   'caption', photo.caption, 'credit', photo.credit,
                   'alt_text', photo.alt_text, 'order', photo."order", 'is_lead', photo.is_lead)
                   ORDER BY photo.is_lead DESC, photo."order", photo.id)
          FROM articles_photo AS photo
         WHERE photo.article_id = article.id) AS photos,
       (SELECT json_agg(json_build_object('id', author.id, 'name', author.name, 'slug', author.slug)
                   ORDER BY author.name, author.id)
          FROM articles_article_authors AS link
          JOIN articles_author AS author ON author.id = link.author_id
         WHERE link.article_id = article.id) AS authors,
       (SELECT json_agg(json_build_object('id', tag.id, 'name', tag.name, 'slug', tag.slug)
                   ORDER BY link.id)
          FROM articles_taggedarticle AS link
          JOIN taggit_tag AS tag ON tag.id = link.tag_id
         WHERE link.content_object_id = article.id) AS tags
  FROM articles_article AS article
  JOIN articles_section AS section ON section.id = article.section_id
 WHERE article.slug = %(slug)s
""".format(article_columns=", ".join(f"article.{name}" for name in ARTICLE_FIELDS))  # noqa: S608

# The same test as Article.objects.published(), which this query stands in for.
PUBLISHED_ONLY = "   AND article.status = 'published' AND article.published_at <= %(now)s"


def article_for_page(slug: str, *, published_only: bool = True) -> Article | None:
    """The article at `slug` with everything its page shows, or None.

    Readers get published articles only; staff previews pass published_only=False.
    """
    sql = ARTICLE_PAGE_SQL + (PUBLISHED_ONLY if published_only else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, {"slug": slug, "now": timezone.now()})
        row = cursor.fetchone()
    if row is None:
        return None
    article_values = row[: len(ARTICLE_FIELDS)]
    section_name, section_slug, section_order, photos, authors, tags = row[len(ARTICLE_FIELDS) :]
    article = Article.from_db(DEFAULT_DB_ALIAS, ARTICLE_FIELDS, article_values)
    article.section = Section.from_db(
        DEFAULT_DB_ALIAS,
        ["id", "name", "slug", "order"],
        [article.section_id, section_name, section_slug, section_order],
    )
    article.photo_list = [
        model_from_json(Photo, data, article_id=article.pk) for data in photos or []
    ]
    article.author_list = [model_from_json(Author, data) for data in authors or []]
    article.tag_list = [model_from_json(Tag, data) for data in tags or []]
    return article


def model_from_json(model, data: dict, **extra):
    """A model instance from some of its fields, as the ORM loads it (the others deferred)."""
    values = {**data, **extra}
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(DEFAULT_DB_ALIAS, names, [values[name] for name in names])
