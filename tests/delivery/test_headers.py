"""Caching headers: readers' pages public with their surrogate keys, everything else no-store."""

from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article
from delivery.middleware import HttpCacheMiddleware
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

NO_STORE = "no-store"


def keys(response, header="xkey") -> set[str]:
    return set(response.headers.get(header, "").split())


def is_public(response) -> bool:
    cache_control = response.headers.get("Cache-Control", "")
    return "public" in cache_control and "s-maxage=60" in cache_control


@pytest.fixture
def story(section):
    """A published article with tags, two authors, and another article it relates to."""
    authors = [AuthorFactory(), AuthorFactory()]
    article = ArticleFactory(section=section, tags=["pemilu", "jakarta"], authors=authors)
    other = ArticleFactory(section=SectionFactory(), tags=["pemilu"])
    return article, other


def test_an_article_page_is_public_and_names_everything_it_shows(client, story, settings):
    settings.CACHE_MAX_AGE, settings.CACHE_S_MAXAGE = 30, 60
    article, other = story
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    cache_control = set(response["Cache-Control"].split(", "))
    assert cache_control == {"public", "max-age=30", "s-maxage=60"}
    assert not response.cookies
    tags = article.tags.all()
    assert keys(response) == {
        f"article-{article.pk}",
        f"article-{other.pk}",  # related, and in the latest list
        f"section-{article.section_id}",
        *(f"tag-{tag.pk}" for tag in tags),
        *(f"author-{author.pk}" for author in article.authors.all()),
        "latest",
        "sections",
    }
    assert response["Last-Modified"] == http_date(article.updated_at.timestamp())
    assert response["ETag"]


@pytest.mark.parametrize("page", ["article", "section", "feed"])
def test_a_second_request_with_the_etag_gets_304(client, section, page):
    # Comments closed: an open form carries a token made afresh for each request.
    article = ArticleFactory(section=section, comments_open=False)
    path = {
        "article": article.get_absolute_url(),
        "section": reverse("articles:section", args=[section.slug]),
        "feed": reverse("articles:feed_rss"),
    }[page]
    first = client.get(path)
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert "public" in again["Cache-Control"]


def test_a_changed_page_answers_a_stale_etag_in_full(client, article):
    first = client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(headline="Judul yang dikoreksi")
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Judul yang dikoreksi" in again.content.decode()


def test_if_modified_since_alone_never_hides_a_change_in_the_side_lists(client, article):
    """The article's time is not the page's: a new story in "latest" changes the page."""
    first = client.get(article.get_absolute_url())
    ArticleFactory(section=article.section, headline="Berita baru saja terbit")
    again = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert "Berita baru saja terbit" in again.content.decode()


@pytest.mark.parametrize("header", ["Surrogate-Key", "Cache-Tag"])
def test_surrogate_keys_in_the_cdn_headers_by_setting(client, article, settings, header):
    settings.CACHE_SURROGATE_HEADERS = [header]
    response = client.get(article.get_absolute_url())
    assert "xkey" not in response
    separator = "," if header == "Cache-Tag" else " "
    assert f"article-{article.pk}" in response[header].split(separator)


def test_the_home_page_names_its_articles_and_sections(client, story):
    article, other = story
    response = client.get(reverse("articles:home"))
    assert is_public(response)
    assert {
        "home",
        "latest",
        "sections",
        f"article-{article.pk}",
        f"article-{other.pk}",
        f"section-{article.section_id}",
        f"section-{other.section_id}",
    } <= keys(response)


def test_list_pages_name_their_subject_and_each_article(client, story):
    article, other = story
    tag = article.tags.get(name="jakarta")
    author = article.authors.first()
    pages = {
        reverse("articles:section", args=[article.section.slug]): f"section-{article.section_id}",
        reverse("articles:tag", args=[tag.slug]): f"tag-{tag.pk}",
        reverse("articles:author", args=[author.slug]): f"author-{author.pk}",
        reverse("articles:search") + "?q=berita": "search",
    }
    for path, subject in pages.items():
        response = client.get(path)
        assert is_public(response), path
        assert {subject, "sections", f"article-{article.pk}"} <= keys(response), path


def test_feeds_and_sitemaps_are_public_with_their_keys(client, story):
    article, _other = story
    for name in ["articles:feed_rss", "articles:feed_atom"]:
        response = client.get(reverse(name))
        assert is_public(response), name
        assert {"feeds", f"article-{article.pk}"} <= keys(response)
    section_feed = client.get(reverse("articles:section_feed_rss", args=[article.section.slug]))
    assert {"feeds", f"section-{article.section_id}"} <= keys(section_feed)
    for path in ["/sitemap.xml", "/sitemap-articles.xml", "/news-sitemap.xml", "/robots.txt"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert is_public(response), path
        assert keys(response) == {"sitemaps"}, path


def test_the_admin_is_never_stored(admin_client, article):
    for path in ["/admin/", f"/admin/articles/article/{article.pk}/change/", "/admin/login/"]:
        response = admin_client.get(path)
        assert NO_STORE in response["Cache-Control"], path
        assert "public" not in response["Cache-Control"]
        assert "xkey" not in response


def test_the_admin_login_page_for_a_stranger_is_never_stored(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]


def test_a_preview_stays_private(editor_client, section):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert {"private", NO_STORE} <= set(response["Cache-Control"].split(", "))


def test_a_scheduled_article_is_a_404_no_cache_keeps(client, section):
    scheduled = ArticleFactory(section=section, published_at=timezone.now() + timedelta(hours=1))
    response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 404
    assert NO_STORE in response["Cache-Control"]


def test_error_pages_are_never_stored(client, db):
    missing = client.get("/berita/tidak-ada/")
    assert missing.status_code == 404
    assert NO_STORE in missing["Cache-Control"]
    refused_search = client.get(reverse("articles:search") + "?q=a%00b")
    assert refused_search.status_code == 400
    assert NO_STORE in refused_search["Cache-Control"]


def test_a_comment_post_and_its_refusal_are_never_stored(client, article, settings):
    settings.COMMENTS_FORM_MIN_SECONDS = 0
    refused = client.post(reverse("comments:post", args=[article.slug]), {"name": ""})
    assert refused.status_code >= 400
    assert NO_STORE in refused["Cache-Control"]
    assert "xkey" not in refused


def test_a_page_that_sets_a_cookie_is_never_stored(rf):
    def readers_page_setting_a_cookie(request):
        response = HttpResponse("Beranda")
        response.surrogate_keys = {"home"}
        response.set_cookie("pilihan", "1")
        return response

    response = HttpCacheMiddleware(readers_page_setting_a_cookie)(rf.get("/"))

    assert response.cookies
    assert NO_STORE in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "xkey" not in response


def test_an_editor_signed_in_gets_readers_pages_checked_each_time(editor_client, article):
    """Their browser would otherwise show a page older than the correction they just saved."""
    for path in [article.get_absolute_url(), reverse("articles:home")]:
        response = editor_client.get(path)
        assert response.status_code == 200, path
        assert {"private", "no-cache"} == set(response["Cache-Control"].split(", ")), path
        assert "xkey" not in response
        again = editor_client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code in {200, 304}  # 200: an open comment form's fresh token
    assert NO_STORE in editor_client.get("/admin/")["Cache-Control"]


def test_a_reader_with_a_csrf_cookie_gets_a_private_page(client, article):
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(article.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_language_cookie_changes_nothing_and_the_page_stays_shared(client, article):
    """The address alone decides the language (English is under /en/), so one copy serves all."""
    client.cookies["django_language"] = "en"
    response = client.get(article.get_absolute_url())
    assert response["Content-Language"] == "id"
    assert is_public(response)


def test_a_head_request_is_public_too_and_other_methods_are_not(client, article):
    assert is_public(client.head(article.get_absolute_url()))
    for method in [client.post, client.put, client.delete, client.options]:
        response = method(article.get_absolute_url())
        assert "public" not in response.get("Cache-Control", ""), method
        assert "xkey" not in response


def test_the_health_check_is_never_stored(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert NO_STORE in response["Cache-Control"]
