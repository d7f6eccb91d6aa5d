"""Addresses worked out once per process are the ones Django's reverse() gives."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import IntegrityError, transaction
from django.templatetags.static import static
from django.test import RequestFactory
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from articles.addresses import SLUG, SLUG_ROUTES, address, routing_key, static_address
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory


@pytest.mark.parametrize("route", sorted(SLUG_ROUTES))
@pytest.mark.parametrize("slug", ["berita", "rusia-dan-china_2025", "A-1", "0slug0marker0"])
def test_a_slug_route_gives_what_reverse_gives(route, slug):
    assert address(route, slug) == reverse(route, args=[slug])


@pytest.mark.parametrize("route", sorted(SLUG_ROUTES))
@pytest.mark.parametrize("slug", ["berita", "北京"])
def test_addresses_follow_the_language_as_reverse_does(route, slug):
    if slug.isascii() or route == "articles:tag":
        # Each language in turn, each twice: what one remembered is not given to the other.
        for language in ["id", "en", "id", "en"]:
            with translation.override(language):
                assert address(route, slug) == reverse(route, args=[slug])
                assert address("articles:home") == reverse("articles:home")
    with translation.override("en"):
        assert address(route, "berita").startswith("/en/")
        assert address("articles:search") == "/en/cari/"
    assert not address(route, "berita").startswith("/en/")


def test_the_routing_key_tells_the_languages_apart():
    assert routing_key() == ""
    with translation.override("en"):
        assert routing_key() != ""
        english = routing_key()
    set_script_prefix("/situs/")
    try:
        with translation.override("en"):
            assert routing_key() not in ("", english)
    finally:
        clear_script_prefix()


@pytest.mark.parametrize("argument", ["ada spasi", "berita/lain", "tanpa-ä", ""])
def test_an_argument_that_is_no_slug_is_refused_as_by_reverse(argument):
    with pytest.raises(NoReverseMatch):
        reverse("articles:detail", args=[argument])
    with pytest.raises(NoReverseMatch):
        address("articles:detail", argument)


UNICODE_SLUGS = ["café", "türkiye_1", "são-paulo", "ḍaérah", "москва", "北京", "عربي", "x²"]


@pytest.mark.parametrize("slug", UNICODE_SLUGS)
def test_a_unicode_tag_slug_is_percent_encoded_as_by_reverse(slug):
    expected = reverse("articles:tag", args=[slug])

    assert address("articles:tag", slug) == expected
    assert expected.isascii()
    assert address("articles:tag_feed_rss", slug) == reverse("articles:tag_feed_rss", args=[slug])


@pytest.mark.parametrize("slug", ["berita", "北京", "são-paulo"])
def test_a_script_prefix_with_letters_of_any_script_is_encoded_as_by_reverse(slug):
    set_script_prefix("/situs-ü/")
    try:
        assert address("articles:tag", slug) == reverse("articles:tag", args=[slug])
        assert address("articles:detail", "berita") == reverse("articles:detail", args=["berita"])
    finally:
        clear_script_prefix()


@pytest.mark.parametrize(
    "argument", ["ada spasi", "berita/lain", "", "🎉", "a%b", "cafe\u0301", "a?b", "a#b"]
)
def test_an_argument_that_is_no_unicode_slug_is_refused_by_the_tag_route(argument):
    with pytest.raises(NoReverseMatch):
        reverse("articles:tag", args=[argument])
    with pytest.raises(NoReverseMatch):
        address("articles:tag", argument)


@pytest.mark.parametrize("route", ["articles:detail", "articles:section", "articles:author"])
def test_other_slug_routes_still_take_ascii_slugs_only(route):
    with pytest.raises(NoReverseMatch):
        address(route, "café")


def test_other_routes_give_what_reverse_gives():
    assert address("articles:home") == reverse("articles:home")
    assert address("choose_language", "en") == reverse("choose_language", args=["en"])


def served(path, script_name=""):
    """The page as a WSGI server gets it (Django's test client ignores SCRIPT_NAME)."""
    environ = RequestFactory().get(path).environ
    environ.update(SCRIPT_NAME=script_name, PATH_INFO=path)
    answer = []
    response = WSGIHandler()(environ, lambda status, headers: answer.append(status))
    try:
        body = b"".join(response)
    finally:
        response.close()  # as a WSGI server does: the request ends (request_finished)
        clear_script_prefix()  # the handler set it for this thread; later tests expect none
    assert answer == ["200 OK"]
    return body.decode()


@pytest.mark.django_db(transaction=True)
def test_pages_served_under_a_script_prefix_link_under_it(article):
    article_path, section_path = article.get_absolute_url(), article.section.get_absolute_url()
    assert f'href="{section_path}"' in served(article_path)

    html = served(article_path, script_name="/situs")

    assert f'href="/situs{section_path}"' in html
    assert f'href="{section_path}"' not in html
    assert f'href="{section_path}"' in served(article_path)


@pytest.mark.django_db(transaction=True)
def test_pages_served_under_a_script_prefix_link_their_language_under_it(article):
    article_path, section_path = article.get_absolute_url(), article.section.get_absolute_url()

    english = served("/en" + article_path, script_name="/situs")
    indonesian = served(article_path, script_name="/situs")

    assert f'href="/situs/en{section_path}"' in english
    assert f'<a href="/situs{article_path}" lang="id"' in english
    assert f'<a href="/situs/en{article_path}" lang="en"' in indonesian


def test_static_addresses_are_those_of_the_storage():
    assert static_address("css/site.css") == static("css/site.css")


SLUG_SAMPLES = ["berita", "A-1_b", "", "berita-ä", "北京", "ada spasi", "a/b", "a.b", "berita\n"]
MAKERS = {
    "article": lambda slug: ArticleFactory(slug=slug, section=SectionFactory(slug="dunia")),
    "section": lambda slug: SectionFactory(slug=slug),
    "author": lambda slug: AuthorFactory(slug=slug),
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUG_SAMPLES)
@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_the_database_stores_the_slugs_the_ascii_routes_take_and_no_other(make, slug):
    # A script or an import that writes "berita-ä" or no slug at all would
    # take down every page that links the article (NoReverseMatch).
    try:
        with transaction.atomic():
            make(slug)
        stored = True
    except IntegrityError:
        stored = False

    assert stored == bool(SLUG.match(slug))
