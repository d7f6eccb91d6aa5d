"""Addresses worked out once per process are the ones Django's reverse() gives."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.templatetags.static import static
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from articles.addresses import SLUG_ROUTES, address, static_address


@pytest.mark.parametrize("route", sorted(SLUG_ROUTES))
@pytest.mark.parametrize("slug", ["berita", "rusia-dan-china_2025", "A-1", "0slug0marker0"])
def test_a_slug_route_gives_what_reverse_gives(route, slug):
    assert address(route, slug) == reverse(route, args=[slug])


@pytest.mark.parametrize("argument", ["ada spasi", "berita/lain", "tanpa-ä", ""])
def test_an_argument_that_is_no_slug_is_refused_as_by_reverse(argument):
    with pytest.raises(NoReverseMatch):
        reverse("articles:detail", args=[argument])
    with pytest.raises(NoReverseMatch):
        address("articles:detail", argument)


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


def test_static_addresses_are_those_of_the_storage():
    assert static_address("css/site.css") == static("css/site.css")
