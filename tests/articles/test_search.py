"""Search: PostgreSQL full text over published articles, ranked, highlighted, hostile-proof."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.test_queries import count_queries
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("articles:search")


def found(client, query, **params):
    response = client.get(SEARCH_URL, {"q": query, **params})
    assert response.status_code == 200
    return [article.headline for article in response.context["articles"]]


def lexemes(text):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_string(tsvector_to_array(to_tsvector(%s::regconfig, %s)), ' ')",
            [settings.NEWSROOM_SEARCH_CONFIG, text],
        )
        return set(cursor.fetchone()[0].split())


def test_the_configured_text_search_configuration_stems_indonesian_affixes():
    # What PostgreSQL's Snowball stemmer for Indonesian does (PostgreSQL 12 and later).
    assert settings.NEWSROOM_SEARCH_CONFIG == "indonesian"
    assert lexemes("membangun pembangunan dibangun bangunan bangun") == {"bangun"}
    assert lexemes("menyepakati kesepakatan sepakat") == {"sepakat"}
    # It has no stop-word list: common words are kept and searchable.
    assert lexemes("yang dan di") == {"yang", "dan", "di"}


def test_search_finds_other_forms_of_a_word(client, section):
    ArticleFactory(section=section, headline="Pembangunan jembatan di Kalimantan dimulai")
    ArticleFactory(section=section, headline="Skor pertandingan semalam")

    assert found(client, "membangun") == ["Pembangunan jembatan di Kalimantan dimulai"]


def test_a_match_in_the_headline_ranks_above_matches_in_the_body(client, section):
    now = timezone.now()
    ArticleFactory(
        section=section,
        headline="Harga beras turun di pasar induk",
        body="<p>" + "Gempa kecil terasa di kota. " * 5 + "</p>",
        published_at=now - timedelta(minutes=5),
    )
    ArticleFactory(
        section=section,
        headline="Gempa guncang pesisir selatan",
        body="<p>Warga berhamburan keluar rumah.</p>",
        published_at=now - timedelta(days=3),
    )
    ArticleFactory(
        section=section,
        headline="Panen raya di Jawa Tengah",
        standfirst="Petani juga bersiap menghadapi gempa.",
        published_at=now - timedelta(days=1),
    )

    assert found(client, "gempa") == [
        "Gempa guncang pesisir selatan",  # headline (A), though the oldest
        "Panen raya di Jawa Tengah",  # standfirst (B)
        "Harga beras turun di pasar induk",  # body (C), though the newest
    ]


def test_equally_good_matches_come_newest_first(client, section):
    now = timezone.now()
    for days, headline in [(3, "Banjir kemarin lusa"), (1, "Banjir kemarin"), (2, "Banjir lusa")]:
        ArticleFactory(section=section, headline=headline, published_at=now - timedelta(days=days))

    assert found(client, "banjir") == ["Banjir kemarin", "Banjir lusa", "Banjir kemarin lusa"]


def test_quotes_or_and_minus_work_as_readers_expect(client, section):
    ArticleFactory(section=section, headline="Kereta cepat Jakarta Bandung")
    ArticleFactory(section=section, headline="Bandung diguyur hujan, kereta terlambat")

    assert found(client, '"kereta cepat"') == ["Kereta cepat Jakarta Bandung"]
    assert found(client, "kereta -hujan") == ["Kereta cepat Jakarta Bandung"]
    assert len(found(client, "jakarta OR hujan")) == 2


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.REVIEW, "published_at": None},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(hours=1)},
    ],
    ids=["draft", "in review", "scheduled"],
)
def test_only_published_articles_are_found(client, section, state):
    ArticleFactory(section=section, headline="Rahasia redaksi belum terbit", **state)

    assert found(client, "rahasia") == []


def test_the_vector_is_kept_by_postgresql_on_bulk_updates_not_only_on_save(client, article):
    Article.objects.filter(pk=article.pk).update(
        headline="Judul baru tentang vaksin", body="<p>Isi tentang imunisasi.</p>"
    )

    assert found(client, "vaksin") == ["Judul baru tentang vaksin"]
    assert found(client, "imunisasi") == ["Judul baru tentang vaksin"]
    assert found(client, "Rusia") == []  # the old headline's words are gone


def test_html_tags_and_attributes_of_the_body_are_not_searchable(client, section):
    ArticleFactory(
        section=section,
        headline="Berita dengan tautan",
        body='<p><a href="https://contoh.id/strongroom">Laporan</a> <strong>lengkap</strong></p>',
    )

    assert found(client, "lengkap") == ["Berita dengan tautan"]
    assert found(client, "strongroom") == []
    assert found(client, "href") == []


def test_results_mark_the_words_found_and_escape_everything_else(client, section):
    ArticleFactory(
        section=section,
        headline="Gempa <b>besar</b> & tsunami",
        standfirst="Standfirst tanpa kata kunci.",
        body=(
            "<p>Warga menulis &lt;script&gt;alert(1)&lt;/script&gt; setelah gempa &amp; banjir.</p>"
        ),
    )

    response = client.get(SEARCH_URL, {"q": "gempa"})
    text = response.text
    result = response.context["articles"][0]

    assert str(result.headline_html) == (
        "<mark>Gempa</mark> &lt;b&gt;besar&lt;/b&gt; &amp; tsunami"
    )
    assert "<mark>gempa</mark> &amp; banjir" in str(result.excerpt_html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in str(result.excerpt_html)
    assert "<script>alert(1)" not in text
    assert "<b>besar</b>" not in text
    assert "<mark>" not in str(result.standfirst_html)


def test_a_body_without_the_word_shows_no_excerpt(client, section):
    ArticleFactory(section=section, headline="Gempa di laut", body="<p>Tidak ada korban.</p>")

    result = client.get(SEARCH_URL, {"q": "gempa"}).context["articles"][0]

    assert not hasattr(result, "excerpt_html")


HOSTILE_QUERIES = [
    '"',
    '"unclosed phrase',
    "&|!:*()",
    "!!!",
    "a & b | !c <-> d",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\\",
    "%_%",
    "-",
    "OR",
    "AND NOT",
    ":*",
    "kata:*",
    "\u200b\u202e\ufeff",
    "漢字 🙂 ё",
    "\x01\x1f",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_get_a_friendly_page_with_the_query_escaped(client, article, query):
    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    assert "<main" in response.text
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    if query.strip():
        assert response.context["query"] == query.strip()


def test_the_query_is_shown_escaped(client, article):
    text = client.get(SEARCH_URL, {"q": "<script>alert(1)</script>"}).text

    assert "“&lt;script&gt;alert(1)&lt;/script&gt;”" in text
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in text


@pytest.mark.parametrize("query", ["\x00", "gempa\x00", "\x00<script>alert(1)</script>"])
def test_a_nul_character_gets_a_400_page_not_a_server_error(client, article, query):
    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 400
    assert "<main" in response.text
    assert "Karakter null" in response.text  # Django's message, in Indonesian
    assert "<script>alert" not in response.text
    assert "\x00" not in response.text


@pytest.mark.parametrize("raw", ["%C0%80", "%ED%A0%80", "%FF%FE", "%E2%82"])
def test_bytes_that_are_not_utf8_are_no_server_error(client, article, raw):
    response = client.get(f"{SEARCH_URL}?q={raw}")

    assert response.status_code == 200


def test_a_long_query_is_cut_to_the_limit_and_the_reader_is_told(client, article, settings):
    response = client.get(SEARCH_URL, {"q": "Rusia " + "x" * 5000})

    assert response.status_code == 200
    assert len(response.context["query"]) <= settings.NEWSROOM_SEARCH_MAX_LENGTH
    assert response.context["query"].startswith("Rusia ")
    assert "terlalu panjang" in response.text


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_an_empty_search_invites_the_reader_to_type(client, article, params):
    response = client.get(SEARCH_URL, params)

    assert response.status_code == 200
    assert list(response.context["articles"]) == []
    assert "Ketik satu kata atau lebih" in response.text


def test_results_are_paginated_and_page_links_keep_the_query(client, section):
    for index in range(settings.NEWSROOM_PAGE_SIZE + 3):
        ArticleFactory(section=section, headline=f"Pemilu daerah bagian {index}")

    first = client.get(SEARCH_URL, {"q": "pemilu"})
    second = client.get(SEARCH_URL, {"q": "pemilu", "page": 2})

    assert len(first.context["articles"]) == settings.NEWSROOM_PAGE_SIZE
    assert len(second.context["articles"]) == 3
    assert 'href="?q=pemilu&amp;page=2"' in first.text
    assert client.get(SEARCH_URL, {"q": "pemilu", "page": 99}).status_code == 404


def test_the_search_page_costs_the_same_queries_for_few_or_many_results(client, section):
    def add(count):
        for index in range(count):
            article = ArticleFactory(section=section, headline=f"Tol laut ke-{index}")
            PhotoFactory(article=article, is_lead=True)

    add(2)
    few = count_queries(client, f"{SEARCH_URL}?q=tol")
    add(12)

    assert count_queries(client, f"{SEARCH_URL}?q=tol") == few
    assert count_queries(client, f"{SEARCH_URL}?q=tol&page=2") == few


def test_every_page_has_a_labelled_search_box(client, article):
    for url in [reverse("articles:home"), article.get_absolute_url(), SEARCH_URL]:
        text = client.get(url).text

        assert f'action="{SEARCH_URL}"' in text
        assert '<label class="visually-hidden" for="site-search-query">Cari berita</label>' in text
        assert 'id="site-search-query" name="q"' in text


def test_search_results_are_not_indexed_by_search_engines(client, article):
    assert '<meta name="robots" content="noindex, follow">' in client.get(SEARCH_URL).text


def test_rebuild_search_index_follows_a_changed_configuration(client, settings, section):
    ArticleFactory(section=section, headline="Warga membangun jembatan")
    settings.NEWSROOM_SEARCH_CONFIG = "simple"

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert found(client, "membangun") == ["Warga membangun jembatan"]
    assert found(client, "bangun") == []  # "simple" does not stem
