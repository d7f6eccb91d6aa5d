"""Shared fragments are cached, and every editorial change shows at the next request."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import caching
from articles.caching import MAX_AGE, seconds_until_change
from articles.models import Article, RelatedPin
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def latest_on(client, article):
    return [item.headline for item in client.get(article.get_absolute_url()).context["latest"]]


def test_a_newly_saved_article_is_in_the_latest_news_at_the_next_request(client, article):
    assert latest_on(client, article) == []

    ArticleFactory(headline="Baru saja terbit")

    assert latest_on(client, article) == ["Baru saja terbit"]


def test_a_scheduled_article_joins_the_latest_news_every_process_keeps_when_due(
    client, article, monkeypatch
):
    due = timezone.now() + timedelta(seconds=30)
    ArticleFactory(headline="Terjadwal", published_at=due)
    assert latest_on(client, article) == []

    monkeypatch.setattr(timezone, "now", lambda: due + timedelta(seconds=1))

    assert latest_on(client, article) == ["Terjadwal"]


def test_bulk_unpublishing_in_the_admin_removes_an_article_at_once(editor_client, client, article):
    pulled = ArticleFactory(headline="Ditarik redaksi")
    assert latest_on(client, article) == ["Ditarik redaksi"]

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [pulled.pk]},
    )

    client.logout()
    assert latest_on(client, article) == []


def test_a_new_pin_shows_in_related_news_at_the_next_request(client, article):
    other = ArticleFactory(section=SectionFactory(), headline="Disematkan")
    assert client.get(article.get_absolute_url()).context["related"] == []

    RelatedPin.objects.create(article=article, pinned=other)

    related = client.get(article.get_absolute_url()).context["related"]
    assert [item.headline for item in related] == ["Disematkan"]


def test_a_renamed_section_shows_in_the_navigation_at_the_next_request(client, section):
    client.get(reverse("articles:home"))

    section.name = "Mancanegara"
    section.save()

    assert "Mancanegara" in client.get(reverse("articles:home")).text


def test_fragments_expire_no_later_than_the_next_scheduled_article():
    assert seconds_until_change() == MAX_AGE

    ArticleFactory(published_at=timezone.now() + timedelta(seconds=20))

    assert 1 <= seconds_until_change() <= 20


def test_drafts_do_not_shorten_the_cache_time():
    ArticleFactory(status=Article.Status.DRAFT, published_at=timezone.now() + timedelta(seconds=5))

    assert seconds_until_change() == MAX_AGE


def test_a_page_asks_the_cache_for_the_content_version_once(client, article, monkeypatch):
    from django.core.cache import cache

    from articles.caching import VERSION_KEY

    client.get(article.get_absolute_url())  # fills the shared fragments
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    client.get(ArticleFactory(section=article.section).get_absolute_url())

    assert reads.count(VERSION_KEY) == 1


def test_outside_a_request_the_content_version_is_read_afresh(db):
    from django.core.cache import cache

    from articles.caching import VERSION_KEY, content_version

    first = content_version()
    cache.set(VERSION_KEY, first + 1, timeout=None)  # another process's change

    assert content_version() == first + 1


def test_with_a_cache_that_keeps_nothing_the_version_still_changes_within_max_age(
    settings, monkeypatch
):
    # As while Redis is down (newsroom/cache.py): every read a miss, every write dropped.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    now = time.time_ns()
    monkeypatch.setattr(time, "time_ns", lambda: now)
    before = caching.content_version()

    assert caching.content_version() == before
    monkeypatch.setattr(time, "time_ns", lambda: now + (caching.MAX_AGE + 1) * 10**9)
    assert caching.content_version() != before
