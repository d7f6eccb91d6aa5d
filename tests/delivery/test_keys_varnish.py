"""Through a real Varnish: a headline edited purges the pages that show it, and no others.

The model is in articles/caching.py: a change to what an article shows
purges the pages naming it; one to which lists it is in (published, moved…)
purges the lists, which every article page shows (the latest news).
"""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from delivery.purge import wait_for_purges
from tests.delivery.varnish import get
from tests.factories import ArticleFactory, SectionFactory

FRESH_WITHIN = 2.0  # seconds


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def newsroom(cached_site, settings):
    """Two older stories that relate (X and A), and an unrelated one (B) under newer news.

    The six newer articles fill every page's latest news and B's related news:
    only A's page shows X (besides X's own).
    """
    settings.CACHE_PURGER = "varnish"
    settings.CACHE_PURGE_URLS = [cached_site.url]
    world = SectionFactory(name="Dunia", slug="dunia")
    sport = SectionFactory(name="Olahraga", slug="olahraga")
    x = ArticleFactory(
        section=world, tags=["Gempa"], headline="Gempa di Maluku", published_at=days_ago(10)
    )
    a = ArticleFactory(section=world, tags=["Gempa"], published_at=days_ago(9))
    b = ArticleFactory(section=sport, tags=["Sepakbola"], published_at=days_ago(8))
    newer = [
        ArticleFactory(section=sport, tags=["Sepakbola"], published_at=days_ago(0.01 * n))
        for n in range(1, 7)
    ]
    assert wait_for_purges(5)
    pages = {
        name: story.get_absolute_url()
        for name, story in {"x": x, "a": a, "b": b, "newest": newer[0]}.items()
    }
    for path in pages.values():
        get(cached_site, path)
        assert get(cached_site, path).getheader("X-Cache") == "HIT"
    assert "Gempa di Maluku" in get(cached_site, pages["a"]).text
    assert "Gempa di Maluku" not in get(cached_site, pages["b"]).text
    return cached_site, x, pages


def wait_until_shown(site, path, text):
    deadline = time.monotonic() + FRESH_WITHIN
    while text not in get(site, path).text:
        assert time.monotonic() < deadline, f"{path}: {text!r} did not show within 2 s"
        time.sleep(0.05)


def test_a_headline_edited_purges_the_pages_showing_it_and_no_other(newsroom):
    site, x, pages = newsroom

    with transaction.atomic():
        x.headline = "Gempa bermagnitudo 6 di Maluku"
        x.save()

    wait_until_shown(site, pages["x"], "Gempa bermagnitudo 6 di Maluku")
    wait_until_shown(site, pages["a"], "Gempa bermagnitudo 6 di Maluku")  # its related news
    assert wait_for_purges(5)
    for unrelated in ("b", "newest"):
        response = get(site, pages[unrelated])
        assert response.getheader("X-Cache") == "HIT", unrelated


def test_an_article_published_shows_in_every_pages_latest_news(newsroom):
    site, _x, pages = newsroom

    with transaction.atomic():
        ArticleFactory(
            section=SectionFactory(name="Ekonomi", slug="ekonomi"),
            headline="Rupiah menguat tajam",
            published_at=timezone.now(),
        )

    for path in pages.values():
        wait_until_shown(site, path, "Rupiah menguat tajam")
    wait_until_shown(site, "/", "Rupiah menguat tajam")
