"""What readers may see: only published articles whose time has come."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT, "published_at": None},
    "in review": {"status": Article.Status.REVIEW, "published_at": None},
    "scheduled": {
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() + timedelta(days=2),
    },
}


def test_published_queryset_holds_only_published_articles_whose_time_has_come():
    visible = ArticleFactory()
    hidden = [ArticleFactory(**state) for state in HIDDEN_STATES.values()]

    published = list(Article.objects.published())

    assert published == [visible]
    assert not any(article.is_published() for article in hidden)
    assert visible.is_published()


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
def test_unpublished_article_page_is_404_for_readers(client, state):
    article = ArticleFactory(**state)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
def test_staff_can_preview_unpublished_article(staff_client, state):
    article = ArticleFactory(**state)

    response = staff_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert article.headline in response.text


def test_scheduled_article_appears_by_itself_when_its_time_comes(client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))
    assert client.get(article.get_absolute_url()).status_code == 404

    # Time passing is simulated by moving the publication time into the past.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.headline in client.get(reverse("articles:home")).text


def test_unpublished_articles_are_missing_from_every_list(client, section):
    visible = ArticleFactory(section=section, headline="Berita yang sudah terbit")
    for index, state in enumerate(HIDDEN_STATES.values()):
        ArticleFactory(section=section, headline=f"Rahasia redaksi {index}", **state)

    pages = [
        reverse("articles:home"),
        section.get_absolute_url(),
        visible.get_absolute_url(),
    ]
    for url in pages:
        text = client.get(url).text
        assert "Rahasia redaksi" not in text, url


def test_publishing_without_a_time_uses_the_current_time():
    before = timezone.now()
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)

    assert article.published_at >= before
    assert article.is_published()


DISCOVERY_URLS = {
    "search": "/cari/?q=rahasia",
    "rss": "/rss/",
    "atom": "/atom/",
    "section rss": "/rubrik/dunia/rss/",
    "section atom": "/rubrik/dunia/atom/",
    "tag rss": "/tag/rahasia/rss/",
    "tag atom": "/tag/rahasia/atom/",
    "articles sitemap": "/sitemap-articles.xml",
    "news sitemap": "/news-sitemap.xml",
}


def discovered(client, url, article) -> bool:
    response = client.get(url)
    assert response.status_code == 200, url
    return article.slug in response.text


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
def test_unpublished_articles_are_in_no_search_feed_or_sitemap(client, section, state):
    # A published article with the tag, so that the tag's feeds exist.
    ArticleFactory(section=section, headline="Kabar terbit", tags=["Rahasia"])
    hidden = ArticleFactory(
        section=section,
        headline="Rahasia redaksi",
        slug="rahasia-redaksi",
        tags=["Rahasia"],
        **state,
    )

    for url in DISCOVERY_URLS.values():
        assert not discovered(client, url, hidden), url


def test_a_scheduled_article_reaches_search_feeds_and_sitemaps_when_its_time_comes(client, section):
    article = ArticleFactory(
        section=section,
        headline="Rahasia redaksi",
        slug="rahasia-redaksi",
        tags=["Rahasia"],
        published_at=timezone.now() + timedelta(minutes=5),
    )
    assert not discovered(client, DISCOVERY_URLS["rss"], article)

    # Time passing is simulated by moving the publication time into the past.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    for url in DISCOVERY_URLS.values():
        assert discovered(client, url, article), url
