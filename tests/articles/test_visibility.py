"""What readers may see: only published articles whose time has come."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from comments.defences import form_token
from comments.models import Comment
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

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


def user_with(*, groups=(), permissions=(), is_staff=True, **fields):
    user = UserFactory(is_staff=is_staff, **fields)
    user.groups.add(*Group.objects.filter(name__in=groups))
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=permissions)
    )
    return user


MAY_PREVIEW = {
    "editor": lambda: user_with(groups=["Editors"]),
    "view_article and publish": lambda: user_with(permissions=["view_article", "publish_article"]),
    "change_article and publish": lambda: user_with(
        permissions=["change_article", "publish_article"]
    ),
    "superuser": lambda: user_with(is_superuser=True),
}
MAY_NOT_PREVIEW = {
    "moderator": lambda: user_with(groups=["Moderators"]),
    "reporter, not theirs": lambda: user_with(groups=["Reporters"]),
    "staff without rights": lambda: user_with(),
    "staff with other rights": lambda: user_with(permissions=["view_section", "change_tag"]),
    "not staff, with the right": lambda: user_with(permissions=["view_article"], is_staff=False),
    "inactive editor": lambda: user_with(groups=["Editors"], is_active=False),
}


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
@pytest.mark.parametrize("make_user", MAY_PREVIEW.values(), ids=MAY_PREVIEW.keys())
def test_who_may_view_or_change_articles_previews_unpublished_ones(client, state, make_user):
    article = ArticleFactory(**state)
    client.force_login(make_user())

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert article.headline in response.text
    assert "Preview — not yet published" in response.text or "Pratinjau" in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def answer(client, url) -> tuple:
    response = client.get(url)
    return response.status_code, dict(response.headers), response.content


def answers_before_and_after_deleting(client, article) -> tuple:
    """The answer to the article's address, then to the same address with no article."""
    url = article.get_absolute_url()
    unpublished = answer(client, url)
    article.delete()
    return unpublished, answer(client, url)


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
@pytest.mark.parametrize("make_user", MAY_NOT_PREVIEW.values(), ids=MAY_NOT_PREVIEW.keys())
def test_others_get_the_404_of_an_article_that_does_not_exist(client, state, make_user):
    article = ArticleFactory(**state)
    client.force_login(make_user())

    unpublished, missing = answers_before_and_after_deleting(client, article)

    assert unpublished[0] == 404
    assert article.headline.encode() not in unpublished[2]
    assert unpublished == missing


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
def test_readers_get_the_404_of_an_article_that_does_not_exist(client, state):
    article = ArticleFactory(**state)

    unpublished, missing = answers_before_and_after_deleting(client, article)

    assert unpublished[0] == 404
    assert unpublished == missing


def test_a_published_article_is_the_readers_page_for_editors_too(client, editor):
    article = ArticleFactory()
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert "Preview — not yet published" not in response.text
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
@pytest.mark.parametrize("who", ["reader", "moderator", "editor"])
def test_nobody_comments_on_an_unpublished_article(client, settings, state, who):
    settings.COMMENTS_FORM_MIN_SECONDS = 0
    article = ArticleFactory(comments_open=True, **state)
    if who != "reader":
        client.force_login(user_with(groups=["Moderators" if who == "moderator" else "Editors"]))

    response = client.post(
        reverse("comments:post", args=[article.slug]),
        {
            "name": "Siti Rahma",
            "email": "siti@example.com",
            "body": "Bocoran yang menarik.",
            "token": form_token(article.pk),
            "website": "",
        },
    )

    assert response.status_code == 404
    assert article.headline not in response.text
    assert not Comment.objects.exists()


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


def answers_to(client, urls) -> list[tuple]:
    return [answer(client, url) for url in urls]


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
def test_a_tag_only_unpublished_articles_carry_is_unknown_to_readers(client, section, state):
    ArticleFactory(section=section, tags=["Pemilu"])
    ArticleFactory(section=section, tags=["Pemilu", "Calon Rahasia"], **state)
    tag_urls = [
        reverse(name, args=["calon-rahasia"])
        for name in ["articles:tag", "articles:tag_feed_rss", "articles:tag_feed_atom"]
    ]

    hidden = answers_to(client, tag_urls)
    Tag.objects.filter(name="Calon Rahasia").delete()

    assert [status for status, _headers, _body in hidden] == [404, 404, 404]
    assert hidden == answers_to(client, tag_urls)  # as if there were no such tag
    assert client.get(reverse("articles:tag", args=["pemilu"])).status_code == 200
    assert "calon-rahasia" not in client.get("/sitemap-tags.xml").text


def test_a_tag_no_article_carries_any_more_has_no_page(client, section):
    article = ArticleFactory(section=section, tags=["Sisa"])
    article.tags.clear()

    for name in ["articles:tag", "articles:tag_feed_rss", "articles:tag_feed_atom"]:
        assert client.get(reverse(name, args=["sisa"])).status_code == 404, name


def test_a_tag_appears_when_its_scheduled_article_does(client, section):
    article = ArticleFactory(
        section=section, tags=["Calon Rahasia"], published_at=timezone.now() + timedelta(minutes=5)
    )
    tag_url = reverse("articles:tag", args=["calon-rahasia"])
    assert client.get(tag_url).status_code == 404

    # Time passing is simulated by moving the publication time into the past.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    assert client.get(tag_url).status_code == 200
    assert client.get(reverse("articles:tag_feed_rss", args=["calon-rahasia"])).status_code == 200


@pytest.mark.parametrize("state", HIDDEN_STATES.values(), ids=HIDDEN_STATES.keys())
def test_an_author_only_of_unpublished_articles_is_unknown_to_readers(client, section, state):
    newcomer = AuthorFactory(name="Wartawan Baru", slug="wartawan-baru")
    ArticleFactory(section=section, authors=[newcomer], **state)
    url = newcomer.get_absolute_url()

    hidden = answer(client, url)
    newcomer.delete()

    assert hidden[0] == 404
    assert b"Wartawan Baru" not in hidden[2]
    assert hidden == answer(client, url)  # as if there were no such author
