"""The article page costs a constant number of SQL queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.article_page import article_for_page
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def build_article(section, *, extras: int):
    article = ArticleFactory(section=section, tags=[f"Tag {index}" for index in range(extras)])
    article.authors.add(*AuthorFactory.create_batch(extras))
    for index in range(extras):
        PhotoFactory(article=article, order=index, is_lead=index == 0)
    for _ in range(extras):
        ArticleFactory(section=section)
    return article


def count_queries(client, url, *, cold=True):
    """SQL queries of one request; cold: with the shared fragments not yet cached."""
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # The test runs inside a transaction, so atomic blocks show as savepoints.
    return sum(1 for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE")))


def test_article_page_queries_do_not_grow_with_photos_tags_authors(client, section):
    small = build_article(section, extras=1)
    large = build_article(section, extras=10)

    small_count = count_queries(client, small.get_absolute_url())
    warm_small = count_queries(client, small.get_absolute_url(), cold=False)
    large_count = count_queries(client, large.get_absolute_url())
    warm_large = count_queries(client, large.get_absolute_url(), cold=False)

    # The article, its section, photos, authors, tags, comments, related and latest
    # news and the sections of the navigation; nothing is cached, so cold or warm.
    assert small_count == large_count == warm_small == warm_large == 1


def test_another_article_page_is_one_query_too(client, section):
    first, second = build_article(section, extras=2), build_article(section, extras=2)
    count_queries(client, first.get_absolute_url())

    assert count_queries(client, second.get_absolute_url(), cold=False) == 1


@pytest.mark.parametrize("url_name", ["articles:home"])
def test_home_queries_do_not_grow_with_articles(client, section, url_name):
    build_article(section, extras=1)
    few = count_queries(client, reverse(url_name))
    build_article(section, extras=10)

    assert count_queries(client, reverse(url_name)) == few


def test_section_page_queries_do_not_grow_with_articles(client, section):
    build_article(section, extras=1)
    few = count_queries(client, section.get_absolute_url())
    build_article(section, extras=10)

    assert count_queries(client, section.get_absolute_url()) == few


def test_the_page_query_loads_what_the_orm_loads(section):
    article = build_article(section, extras=3)
    loaded = Article.objects.select_related("section").get(pk=article.pk)

    fetched = article_for_page(article.slug)

    for field in Article._meta.concrete_fields:
        if field.name != "search_vector":
            assert getattr(fetched, field.attname) == getattr(loaded, field.attname), field.name
            assert type(getattr(fetched, field.attname)) is type(getattr(loaded, field.attname))
    assert fetched.published_at.utcoffset() is not None
    assert (fetched.section.pk, fetched.section.name) == (loaded.section.pk, loaded.section.name)
    assert [photo.pk for photo in fetched.photo_list] == [photo.pk for photo in loaded.photo_list]
    assert [tag.name for tag in fetched.tag_list] == [tag.name for tag in loaded.tag_list]
    assert [author.pk for author in fetched.author_list] == [a.pk for a in loaded.author_list]
