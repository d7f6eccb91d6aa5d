"""Each language has its own addresses: Indonesian at the root, English under /en/."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from comments.defences import form_token
from comments.services import MODERATORS_GROUP
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

UNICODE_TAG = "北京"


def english(path: str) -> str:
    return "/en" + path


@pytest.fixture
def story(section):
    return ArticleFactory(
        section=section,
        headline="Jalur energi baru dibuka",
        tags=["Energi", UNICODE_TAG],
    )


@pytest.fixture
def pages(story):
    """An Indonesian page of each kind, by name."""
    return {
        "home": reverse("articles:home"),
        "article": story.get_absolute_url(),
        "section": story.section.get_absolute_url(),
        "unicode tag": reverse("articles:tag", args=[UNICODE_TAG]),
        "search": reverse("articles:search") + "?q=energi+%22jalur+baru%22",
        "author": reverse("articles:author", args=["redaksi-x"]),  # a 404 page
    }


READER_SENDS = {
    "nothing": {},
    "an English cookie": {"cookies": {"django_language": "en"}},
    "an Indonesian cookie": {"cookies": {"django_language": "id"}},
    "an English browser": {"headers": {"accept-language": "en-US,en;q=0.9"}},
    "an Indonesian browser": {"headers": {"accept-language": "id"}},
    "both, English": {
        "cookies": {"django_language": "en"},
        "headers": {"accept-language": "en"},
    },
}


def page_language(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.text).group(1)


@pytest.mark.parametrize("sent", READER_SENDS.values(), ids=READER_SENDS.keys())
@pytest.mark.parametrize("kind", ["home", "article", "section", "unicode tag", "search"])
def test_the_address_alone_decides_the_language(client, pages, kind, sent):
    for name, value in sent.get("cookies", {}).items():
        client.cookies[name] = value
    headers = sent.get("headers", {})

    indonesian = client.get(pages[kind], headers=headers)
    english_page = client.get(english(pages[kind]), headers=headers)

    assert (indonesian.status_code, english_page.status_code) == (200, 200)
    assert page_language(indonesian) == "id" and indonesian["Content-Language"] == "id"
    assert page_language(english_page) == "en" and english_page["Content-Language"] == "en"
    assert ">Beranda</a>" in indonesian.text and ">Home</a>" in english_page.text
    for response in [indonesian, english_page]:
        vary = response.get("Vary", "").lower()
        assert "cookie" not in vary and "accept-language" not in vary
        assert not response.cookies


def footer_links(response) -> dict[str, str]:
    """The footer's language switch: each language's link, by language."""
    footer = response.text[response.text.index('<nav class="language-switch"') :]
    return {
        code: unescape(href)
        for href, code in re.findall(r'<a href="([^"]*)" lang="([^"]+)" hreflang="', footer)
    }


@pytest.mark.parametrize("kind", ["home", "article", "section", "unicode tag", "search"])
def test_the_switch_leads_to_the_same_page_in_the_other_language_both_ways(client, pages, kind):
    indonesian, english_path = pages[kind], english(pages[kind])

    from_indonesian = footer_links(client.get(indonesian))
    from_english = footer_links(client.get(english_path))

    assert from_indonesian == {"id": indonesian, "en": english_path}
    assert from_english == from_indonesian
    assert client.get(from_indonesian["en"]).status_code == 200


def test_a_page_that_is_not_found_switches_to_the_same_address_in_the_other_language(client, pages):
    links = footer_links(client.get(pages["author"]))

    assert links == {"id": pages["author"], "en": english(pages["author"])}
    assert client.get(links["en"]).status_code == 404


def test_an_address_no_route_knows_switches_to_the_home_pages(client):
    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert footer_links(response) == {"id": "/", "en": "/en/"}


def alternates(response) -> dict[str, str]:
    head = response.text[: response.text.index("</head>")]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">', head))


@pytest.mark.parametrize("kind", ["home", "article", "unicode tag"])
def test_every_page_names_its_versions_for_search_engines(client, pages, kind):
    origin = "http://testserver"
    expected = {
        "id": origin + pages[kind],
        "en": origin + english(pages[kind]),
        "x-default": origin + pages[kind],
    }

    assert alternates(client.get(pages[kind])) == expected
    assert alternates(client.get(english(pages[kind]))) == expected


def test_the_english_article_page_names_itself_and_its_locale(client, story):
    page = client.get(english(story.get_absolute_url())).text
    own = "http://testserver" + english(story.get_absolute_url())

    assert f'<link rel="canonical" href="{own}">' in page
    assert f'<meta property="og:url" content="{own}">' in page
    assert '<meta property="og:locale" content="en_US">' in page
    assert f'"mainEntityOfPage":{{"@type":"WebPage","@id":"{own}"}}' in page  # the JSON-LD
    indonesian = client.get(story.get_absolute_url()).text
    assert '<meta property="og:locale" content="id_ID">' in indonesian


def test_the_english_section_page_shares_its_own_address(client, story):
    page = client.get(english(story.section.get_absolute_url())).text

    own = "http://testserver" + english(story.section.get_absolute_url())
    assert f'<meta property="og:url" content="{own}">' in page
    assert '<meta property="og:locale" content="en_US">' in page


OLD_LINKS = [
    ("en", "/berita/{slug}/", "/en/berita/{slug}/"),
    ("id", "/en/berita/{slug}/", "/berita/{slug}/"),
    ("en", "/en/berita/{slug}/", "/en/berita/{slug}/"),
    ("id", "/berita/{slug}/", "/berita/{slug}/"),
    ("en", "/cari/?q=energi&page=2", "/en/cari/?q=energi&page=2"),
    ("en", "/tag/北京/", "/en/tag/%E5%8C%97%E4%BA%AC/"),
    ("en", "/tag/%E5%8C%97%E4%BA%AC/", "/en/tag/%E5%8C%97%E4%BA%AC/"),
    ("id", "/en/tag/%E5%8C%97%E4%BA%AC/", "/tag/%E5%8C%97%E4%BA%AC/"),
    ("en", "/", "/en/"),
    ("id", "/en/", "/"),
]


@pytest.mark.parametrize(("language", "next_url", "expected"), OLD_LINKS)
def test_old_language_links_redirect_to_the_page_in_that_language(
    client, story, language, next_url, expected
):
    next_url, expected = (url.format(slug=story.slug) for url in (next_url, expected))

    response = client.get(reverse("choose_language", args=[language]), {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == expected
    assert not response.cookies
    assert page_language(client.get(expected)) == language


@pytest.mark.parametrize(
    "next_url",
    [None, "", "https://evil.example/berita/x/", "//evil.example/", "/tidak-ada/", "/\n"],
)
def test_old_language_links_to_elsewhere_lead_to_the_home_page(client, next_url):
    query = {} if next_url is None else {"next": next_url}

    response = client.get(reverse("choose_language", args=["en"]), query)

    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ('/cari/?q=a b\x00"<x>', "/en/cari/?q=a+b%00%22%3Cx%3E"),
        ("/cari/?q=a\r\nSet-Cookie: x=1", "/en/cari/?q=aSet-Cookie%3A+x%3D1"),
        ("/cari/?q=%E2%82%AC#hasil ke-2", "/en/cari/?q=%E2%82%AC#hasil%20ke-2"),
    ],
)
def test_old_language_links_with_hostile_queries_redirect_to_a_clean_address(
    client, next_url, expected
):
    response = client.get(reverse("choose_language", args=["en"]), {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == expected
    assert not response.cookies


def test_the_switch_keeps_a_hostile_query_as_a_valid_address(client):
    response = client.get("/cari/", {"q": 'a b"<x>\u20ac'})

    assert footer_links(response)["en"] == "/en/cari/?q=a+b%22%3Cx%3E%E2%82%AC"
    assert response.text.count('"<x>') == 0


def test_indonesian_pages_have_no_prefix(client, story):
    assert client.get("/id" + story.get_absolute_url()).status_code == 404
    assert client.get("/id/").status_code == 404


def post_comment(client, path, article, **fields):
    data = {
        "name": "Siti Rahma",
        "email": "siti@example.com",
        "body": "Tulisan yang sangat bermanfaat.",
        "token": form_token(article.pk),
        "website": "",
        **fields,
    }
    return client.post(path, data, REMOTE_ADDR="203.0.113.40")


def test_an_english_reader_commenting_lands_back_on_the_english_page(client, story, settings):
    settings.COMMENTS_FORM_MIN_SECONDS = 0
    page = client.get(english(story.get_absolute_url())).text
    action = re.search(r'<form class="comment-form"[^>]* action="([^"]+)"', page).group(1)

    response = post_comment(client, action, story)

    assert action == english(reverse("comments:post", args=[story.slug]))
    assert response.status_code == 303
    assert response["Location"].startswith(english(story.get_absolute_url()) + "?")


def test_a_refused_english_comment_is_answered_in_english_with_the_articles_links(
    client, story, settings
):
    settings.COMMENTS_FORM_MIN_SECONDS = 0
    action = english(reverse("comments:post", args=[story.slug]))

    response = post_comment(client, action, story, name="")

    assert response.status_code == 400
    assert page_language(response) == "en"
    assert footer_links(response) == {
        "id": story.get_absolute_url(),
        "en": english(story.get_absolute_url()),
    }


def test_robots_txt_keeps_crawlers_out_of_the_search_in_both_languages(client):
    lines = client.get("/robots.txt").text.splitlines()

    assert "Disallow: /cari/" in lines and "Disallow: /en/cari/" in lines


def test_feeds_keep_their_addresses_and_have_english_ones_linking_english_pages(client, story):
    indonesian_feed = client.get(reverse("articles:feed_rss")).text
    english_feed = client.get("/en/rss/").text
    english_home = client.get("/en/").text

    assert f"<link>http://testserver{story.get_absolute_url()}</link>" in indonesian_feed
    assert f"<link>http://testserver/en{story.get_absolute_url()}</link>" in english_feed
    assert 'type="application/rss+xml" title="Newsroom (RSS)" href="/en/rss/"' in english_home


def test_sitemaps_and_robots_txt_keep_their_addresses(client, story):
    for path in ["/sitemap.xml", "/sitemap-articles.xml", "/news-sitemap.xml", "/robots.txt"]:
        assert client.get(path).status_code == 200, path
    assert (
        f"http://testserver{story.get_absolute_url()}" in client.get("/sitemap-articles.xml").text
    )


def test_the_admin_speaks_indonesian_whatever_the_reader_sent(admin_client):
    admin_client.cookies["django_language"] = "en"

    response = admin_client.get("/admin/", headers={"accept-language": "en"})

    assert response.status_code == 200
    assert '<html lang="id"' in response.text


def test_a_language_the_site_has_not_is_not_found(client):
    assert client.get(reverse("choose_language", args=["fr"]), {"next": "/"}).status_code == 404
    assert client.get("/fr/").status_code == 404


@pytest.mark.parametrize("first", ["en", "id"])
def test_what_pages_share_is_kept_per_language_whichever_comes_first(client, story, first):
    section_path = story.section.get_absolute_url()
    paths = {"id": story.get_absolute_url(), "en": english(story.get_absolute_url())}
    order = [first, *(code for code in paths if code != first)]

    pages = {code: client.get(paths[code]).text for code in order}

    # The site header (a shared fragment) and the section navigation (kept by each process).
    assert f'href="/en{section_path}"' in pages["en"] and ">Home</a>" in pages["en"]
    assert f'href="/en{section_path}"' not in pages["id"] and ">Beranda</a>" in pages["id"]
    assert 'action="/en/cari/"' in pages["en"] and 'action="/cari/"' in pages["id"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/en", "/en/"), ("/en/berita/{slug}", "/en/berita/{slug}/"), ("/en/cari", "/en/cari/")],
)
def test_an_english_address_without_its_slash_gets_it(client, story, path, expected):
    response = client.get(path.format(slug=story.slug))

    assert response.status_code == 301
    assert response["Location"] == expected.format(slug=story.slug)


@pytest.mark.django_db(transaction=True)
def test_moderators_are_emailed_in_the_sites_language_whoever_commented(client, settings):
    # In a transactional test, the e-mail is sent on commit inside the English request.
    settings.COMMENTS_FORM_MIN_SECONDS = 0
    moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    UserFactory(is_staff=True, email="moderator@example.com").groups.add(moderators)
    story = ArticleFactory(section=SectionFactory())

    response = post_comment(client, english(reverse("comments:post", args=[story.slug])), story)

    assert response.status_code == 303
    assert len(mail.outbox) == 1
    assert "moderasi" in mail.outbox[0].subject
    assert "/admin/" in mail.outbox[0].body and "/en/" not in mail.outbox[0].body
