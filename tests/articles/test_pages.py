"""The readers' pages: every part of the article page, lists, 404s."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_article(section):
    article = ArticleFactory(
        section=section,
        headline="Rusia dan China sepakati jalur energi baru",
        standfirst="Kedua negara menandatangani perjanjian pasokan gas jangka panjang.",
        dateline_place="Moskow, Rusia",
        source_agencies="Xinhua/Indonesia Window",
        body="<p>Pemerintah kedua negara menyepakati perjanjian itu pada Senin.</p>",
        published_at=timezone.make_aware(datetime(2025, 2, 13, 14, 5)),
        tags=["Energi", "Diplomasi"],
    )
    PhotoFactory(
        article=article,
        is_lead=True,
        caption="Presiden menyampaikan pidato di Kremlin.",
        credit="Xinhua/Alexander Zemlianichenko Jr",
        alt_text="Seorang pria berpidato di podium",
    )
    return article


def positions(text, *needles):
    found = [text.find(needle) for needle in needles]
    assert all(index >= 0 for index in found), dict(zip(needles, found, strict=True))
    return found


def test_article_page_shows_every_part_in_the_reference_order(client, full_article, section):
    ArticleFactory(section=section, headline="Berita lain di rubrik yang sama")

    page = client.get(full_article.get_absolute_url()).text
    text = page[page.index("<main") :]

    order = positions(
        text,
        "<h1",
        "Rusia dan China sepakati jalur energi baru",
        "Presiden menyampaikan pidato di Kremlin.",
        "Xinhua/Alexander Zemlianichenko Jr",
        "Kedua negara menandatangani perjanjian",
        "Moskow, Rusia (Xinhua/Indonesia Window) –",
        "Pemerintah kedua negara menyepakati",
        "Laporan:",
        "Bagikan",
        "Komentar",
        "Berita Terkait",
        "Berita Terbaru",
    )
    assert order == sorted(order)
    assert "Redaksi" in text[order[7] : order[8]]  # no authors: signed by the desk
    assert "13 Februari 2025" in text


def test_byline_names_the_authors_and_links_their_pages(client, full_article):
    author = AuthorFactory(name="Siti Rahma")
    full_article.authors.add(author)

    text = client.get(full_article.get_absolute_url()).text

    assert re.search(r"Laporan:.*Siti Rahma", text, re.S)
    assert author.get_absolute_url() in text


def test_lead_photo_is_served_with_srcset_sizes_and_alt_text(client, full_article):
    text = client.get(full_article.get_absolute_url()).text

    image_tag = re.search(r"<img[^>]*Seorang pria berpidato[^>]*>", text).group(0)
    assert "srcset=" in image_tag and "sizes=" in image_tag
    assert "640w" in image_tag


def test_share_links_need_no_third_party_script(client, full_article):
    text = client.get(full_article.get_absolute_url()).text

    for host in ["wa.me", "facebook.com/sharer", "twitter.com/intent", "t.me/share", "mailto:"]:
        assert host in text
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", text)
    assert all(src.startswith("/static/") for src in scripts)


def test_tags_link_to_their_pages(client, full_article):
    text = client.get(full_article.get_absolute_url()).text

    assert reverse("articles:tag", kwargs={"slug": "energi"}) in text
    tag_page = client.get(reverse("articles:tag", kwargs={"slug": "energi"}))
    assert full_article.headline in tag_page.text


def test_related_news_lists_the_same_section_without_the_article_itself(client, full_article):
    other_section = SectionFactory(name="Olahraga", slug="olahraga")
    ArticleFactory(section=full_article.section, headline="Kabar dari rubrik yang sama")
    ArticleFactory(section=other_section, headline="Skor pertandingan semalam")

    response = client.get(full_article.get_absolute_url())

    related = [article.headline for article in response.context["related"]]
    assert related == ["Kabar dari rubrik yang sama"]
    latest = [article.headline for article in response.context["latest"]]
    assert full_article.headline not in latest
    assert "Skor pertandingan semalam" in latest


def test_home_shows_lead_story_latest_news_and_a_block_per_section(client, section):
    sport = SectionFactory(name="Olahraga", slug="olahraga")
    featured = ArticleFactory(section=section, headline="Berita utama hari ini", is_featured=True)
    ArticleFactory(section=sport, headline="Timnas menang tipis")

    response = client.get(reverse("articles:home"))

    assert response.context["lead_story"] == featured
    sections = [block_section for block_section, _articles in response.context["section_blocks"]]
    assert sections == [section, sport]
    assert "Timnas menang tipis" in response.text


def test_section_pages_are_paginated(client, section, settings):
    for index in range(settings.NEWSROOM_PAGE_SIZE + 3):
        ArticleFactory(section=section, headline=f"Berita rubrik {index}")

    first = client.get(section.get_absolute_url())
    second = client.get(section.get_absolute_url(), {"page": 2})

    assert len(first.context["articles"]) == settings.NEWSROOM_PAGE_SIZE
    assert len(second.context["articles"]) == 3
    assert client.get(section.get_absolute_url(), {"page": 99}).status_code == 404
    assert client.get(section.get_absolute_url(), {"page": "x'; DROP"}).status_code == 404


def test_author_page_lists_only_their_published_articles(client, section):
    author = AuthorFactory(name="Budi Santoso")
    ArticleFactory(section=section, headline="Tulisan Budi", authors=[author])
    ArticleFactory(
        section=section,
        headline="Draf Budi",
        authors=[author],
        status=Article.Status.DRAFT,
        published_at=None,
    )

    text = client.get(author.get_absolute_url()).text

    assert "Tulisan Budi" in text
    assert "Draf Budi" not in text


@pytest.mark.parametrize(
    "url",
    [
        "/berita/tidak-ada/",
        "/rubrik/tidak-ada/",
        "/penulis/tidak-ada/",
        "/tag/tidak-ada/",
        "/halaman-yang-tidak-ada/",
        "/berita/" + "a" * 5000 + "/",
    ],
)
def test_missing_pages_get_the_friendly_404(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "<main" in response.text
    assert reverse("articles:home") in response.text


def test_interface_is_indonesian_at_the_root_and_english_under_en(client, full_article):
    indonesian = client.get(full_article.get_absolute_url())
    with translation.override("en"):
        english_url = full_article.get_absolute_url()
    english = client.get(english_url)

    assert english_url == "/en" + full_article.get_absolute_url()
    assert '<html lang="id"' in indonesian.text and "Berita Terkait" in indonesian.text
    assert '<html lang="en"' in english.text and "Related news" in english.text
    assert "13 February 2025" in english.text
    # The shared header is kept per language too, and links the language's pages.
    assert ">Beranda</a>" in indonesian.text and ">Home</a>" in english.text
    assert f'href="/en{full_article.section.get_absolute_url()}"' in english.text
    assert f'href="/en{full_article.section.get_absolute_url()}"' not in indonesian.text


def current_navigation_links(response) -> list[str]:
    return re.findall(r'<a href="([^"]*)" aria-current="page"', response.text)


def test_the_navigation_marks_the_page_it_links_to_and_no_other(client, full_article, section):
    article_page = client.get(full_article.get_absolute_url())
    section_page = client.get(section.get_absolute_url())
    home_page = client.get(reverse("articles:home"))
    article_again = client.get(full_article.get_absolute_url())

    assert current_navigation_links(article_page) == []
    assert current_navigation_links(section_page) == [section.get_absolute_url()]
    assert current_navigation_links(home_page) == [reverse("articles:home")]
    assert current_navigation_links(article_again) == []


def test_old_language_links_refuse_unknown_languages_and_foreign_redirects(client):
    unknown = client.get(reverse("choose_language", args=["xx"]), {"next": "/"})
    foreign = client.get(reverse("choose_language", args=["en"]), {"next": "https://evil.example/"})

    assert unknown.status_code == 404
    assert foreign.status_code == 302 and foreign["Location"] == "/en/"
    assert not unknown.cookies and not foreign.cookies


def test_public_pages_set_no_cookie(client, full_article):
    for language in ["id", "en"]:
        with translation.override(language):
            urls = [reverse("articles:home"), full_article.get_absolute_url()]
        for url in urls:
            response = client.get(url)
            assert not response.cookies, url
            assert "Cookie" not in response.get("Vary", ""), url


def test_browser_language_alone_does_not_switch_the_site_to_english(client, full_article):
    response = client.get(full_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en")

    assert "Berita Terkait" in response.text


def test_pages_have_landmarks_and_a_skip_link(client, full_article):
    text = client.get(full_article.get_absolute_url()).text

    for landmark in ["<header", "<nav", "<main", "<footer", 'href="#main"']:
        assert landmark in text
    assert text.count("<h1") == 1


def test_readers_pages_forbid_scripts_from_elsewhere_and_inline(client, full_article, admin_client):
    policy = client.get(full_article.get_absolute_url())["Content-Security-Policy"]

    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "Content-Security-Policy" not in admin_client.get(reverse("admin:index")).headers
