"""Every change shows at the next request, however it was written (see articles/caching.py).

In one process; tests/articles/test_freshness.py holds the contract across processes.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, RelatedPin, Section
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def latest_on(client, article):
    return [item.headline for item in client.get(article.get_absolute_url()).context["latest"]]


def test_a_newly_saved_article_is_in_the_latest_news_at_the_next_request(client, article):
    assert latest_on(client, article) == []

    ArticleFactory(headline="Baru saja terbit")

    assert latest_on(client, article) == ["Baru saja terbit"]


def test_a_scheduled_article_joins_the_latest_news_when_due(client, article, monkeypatch):
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


def test_a_headline_changed_by_update_shows_in_the_latest_news_at_the_next_request(client, article):
    other = ArticleFactory(headline="Judul lama")
    assert latest_on(client, article) == ["Judul lama"]

    Article.objects.filter(pk=other.pk).update(headline="Judul baru")  # no signal is sent

    assert latest_on(client, article) == ["Judul baru"]
    assert "Judul baru" in client.get(article.get_absolute_url()).text


def test_a_section_renamed_by_update_shows_in_the_navigation_at_the_next_request(
    client, section, article
):
    client.get(article.get_absolute_url())
    client.get(reverse("articles:home"))

    Section.objects.filter(pk=section.pk).update(name="Mancanegara")

    assert "Mancanegara" in navigation_on(client, article.get_absolute_url())
    assert "Mancanegara" in navigation_on(client, reverse("articles:home"))


def navigation_on(client, url) -> str:
    html = client.get(url).text
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def test_the_latest_news_fetched_with_the_article_are_those_published_newest_first(client, section):
    now = timezone.now()
    for hours in range(8):
        ArticleFactory(section=section, published_at=now - timedelta(hours=hours, minutes=1))
    ArticleFactory(section=section, status=Article.Status.DRAFT)
    ArticleFactory(section=section, published_at=now + timedelta(hours=1))
    reader = ArticleFactory(section=section, published_at=now - timedelta(days=3))
    orm = Article.objects.published().exclude(pk=reader.pk).newest_first()

    shown = client.get(reader.get_absolute_url()).context["latest"]

    assert [item.pk for item in shown] == [a.pk for a in orm[: settings.NEWSROOM_LATEST_COUNT]]


def test_the_sections_fetched_with_the_article_are_the_navigations_order(client, article):
    SectionFactory(name="Ekonomi", slug="ekonomi", order=0)
    SectionFactory(name="Olahraga", slug="olahraga", order=0)
    SectionFactory(name="Budaya", slug="budaya", order=9)

    on_article = client.get(article.get_absolute_url()).context["navigation_sections"]
    on_home = client.get(reverse("articles:home")).context["navigation_sections"]  # the ORM's

    assert on_article == on_home
    assert [name for name, _url in on_home] == [s.name for s in Section.objects.all()]
