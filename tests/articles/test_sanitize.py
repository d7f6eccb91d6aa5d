"""No body carries script, a redirect or a hostile URL to a reader, whatever wrote it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.sanitize import safe_html, sanitize_html
from tests.factories import ArticleFactory

HOSTILE_BODIES = {
    "script tag": "<p>ok</p><script>alert(1)</script>",
    "event handler": '<p onclick="alert(1)">ok</p><img src=x onerror="alert(1)">',
    "javascript link": '<a href="javascript:alert(1)">klik</a>',
    "javascript link with entities": '<a href="jav&#x09;ascript:alert(1)">klik</a>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "svg": '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    "cdata trick": "<![CDATA[<script>alert(1)</script>]]>",
    "style attribute": '<p style="background:url(javascript:alert(1))">ok</p>',
    "object embed": '<object data="evil.swf"></object><embed src="evil.swf">',
    "form": '<form action="https://evil.example"><input name="x"></form>',
    "data uri": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "comment trick": "<!--<script>alert(1)</script>-->",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "blockquote cite": '<blockquote cite="javascript:alert(1)"><p>kutipan</p></blockquote>',
    "q cite with tab": '<q cite="jav&#x09;ascript:alert(1)">kutipan</q>',
    "cite with spaces and case": '<blockquote cite="  JavaScript:alert(1)">k</blockquote>',
    "data cite": '<q cite="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">k</q>',
    "base": '<base href="https://evil.example/">',
    "link": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "srcset": '<img srcset="https://evil.example/a.png 1x" src="x" onerror="alert(1)">',
    "video poster": '<video poster="javascript:alert(1)"><source src="x"></video>',
    "formaction": '<button formaction="javascript:alert(1)">kirim</button>',
    "style element": "<style>body{background:url(javascript:alert(1))}</style>",
    "math": '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    "svg link": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "template": "<template><script>alert(1)</script></template>",
    "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "data image": '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
}
DANGEROUS_FRAGMENTS = [
    "<script",
    "onerror",
    "onclick",
    "onload",
    "javascript:",
    "<iframe",
    "<svg",
    "<object",
    "<embed",
    "<form",
    "style=",
    "data:",
    "<meta",
    "<base",
    "<link",
    "<img",
    "srcset",
    "poster",
    "formaction",
    "<button",
    "<style",
    "<math",
    "<template",
    "<noscript",
]


@pytest.mark.parametrize("payload", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_sanitizer_removes_dangerous_markup(payload):
    cleaned = sanitize_html(payload).lower()

    for fragment in DANGEROUS_FRAGMENTS:
        assert fragment not in cleaned


def test_sanitizer_keeps_the_markup_editors_use():
    body = (
        '<h2>Sub</h2><p><strong>Tebal</strong> <em>miring</em> <a href="https://example.com/">'
        "tautan</a></p><blockquote><p>Kutipan</p></blockquote><ul><li>satu</li></ul>"
    )

    cleaned = sanitize_html(body)

    for kept in ["<h2>", "<strong>", "<em>", 'href="https://example.com/"', "<blockquote>", "<li>"]:
        assert kept in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


@pytest.mark.django_db
@pytest.mark.parametrize("payload", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_body_saved_through_the_admin_never_reaches_a_reader(
    editor_client, client, section, payload
):
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Serangan lewat isi berita",
            "slug": "serangan-lewat-isi-berita",
            "section": section.pk,
            "body": f"<p>Isi aman.</p>{payload}",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "comments_open": "on",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "related_pins-TOTAL_FORMS": "0",
            "related_pins-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]

    article = Article.objects.get(slug="serangan-lewat-isi-berita")
    page = client.get(article.get_absolute_url()).text.lower()
    body = article.body.lower()
    assert "isi aman." in body
    for fragment in [
        "<script>alert",
        "onerror=",
        "onclick=",
        "javascript:alert",
        "<iframe",
        "<svg",
    ]:
        assert fragment not in body
        assert fragment not in page


@pytest.mark.django_db
def test_body_is_sanitized_on_every_save_not_only_in_the_admin():
    article = ArticleFactory(body="<p>ok</p><script>alert(1)</script>")

    article.refresh_from_db()

    assert article.body == "<p>ok</p>"


def test_cite_keeps_web_addresses_and_relative_ones():
    body = (
        '<blockquote cite="https://example.com/pidato"><p>a</p></blockquote>'
        '<q cite="/berita/lain/">b</q><q cite="mailto:redaksi@example.com">c</q>'
    )

    assert sanitize_html(body) == body


def article_body_of(page: str) -> str:
    """The part of the article page the body is printed in, lowercased."""
    found = re.search(r'<div class="article-body".*?<p class="byline">', page, re.S)
    assert found, page[:2000]
    return found.group(0).lower()


def write_with_update(section, payload):
    article = ArticleFactory(section=section, slug="ditulis-lewat-update")
    Article.objects.filter(pk=article.pk).update(body=f"<p>Isi aman.</p>{payload}")
    return article


def write_with_bulk_create(section, payload):
    [article] = Article.objects.bulk_create(
        [
            Article(
                headline="Ditulis lewat bulk_create",
                slug="ditulis-lewat-bulk-create",
                section=section,
                body=f"<p>Isi aman.</p>{payload}",
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(hours=1),
            )
        ]
    )
    return article


def write_with_sql(section, payload):
    article = ArticleFactory(section=section, slug="ditulis-lewat-sql")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET body = %s WHERE id = %s",
            [f"<p>Isi aman.</p>{payload}", article.pk],
        )
    return article


WRITERS = [write_with_update, write_with_bulk_create, write_with_sql]


@pytest.mark.django_db
@pytest.mark.parametrize("write", WRITERS, ids=lambda write: write.__name__)
@pytest.mark.parametrize("payload", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_a_body_written_past_save_reaches_readers_sanitized(client, section, write, payload):
    article = write(section, payload)
    stored = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    assert stored == f"<p>Isi aman.</p>{payload}"  # nothing cleaned it on the way in

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    body = article_body_of(response.text)
    assert "<p>isi aman.</p>" in body
    for fragment in DANGEROUS_FRAGMENTS:
        assert fragment not in body
    assert "evil.example" not in response.text


@pytest.mark.django_db
def test_feeds_and_search_never_carry_a_raw_body(client, section):
    payload = '<img src=x onerror="alert(1)"><meta http-equiv="refresh" content="0;url=x">'
    article = write_with_update(section, f"<p>Kata kuncirahasia di sini.</p>{payload}")

    pages = [
        client.get(reverse("articles:feed_rss")).text,
        client.get(reverse("articles:feed_atom")).text,
        client.get(reverse("articles:section_feed_rss", args=[section.slug])).text,
        client.get(reverse("articles:search"), {"q": "kuncirahasia"}).text,
    ]

    assert article.headline in pages[0] and article.headline in pages[3]
    for page in pages:
        lowered = page.lower()
        assert "onerror" not in lowered
        assert "<img src=x" not in lowered and "&lt;img src=x" not in lowered
        assert 'http-equiv="refresh"' not in lowered


@pytest.mark.django_db
def test_the_editor_opens_a_raw_body_sanitized(editor_client, section):
    article = write_with_sql(section, '<img src=x onerror="alert(1)"><p>Lanjutan.</p>')

    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    assert "onerror" not in response.text
    assert "&lt;p&gt;Lanjutan.&lt;/p&gt;" in response.text


def test_the_body_shown_is_sanitized_and_marked_safe():
    shown = safe_html('<p>Sama.</p><img src=x onerror="alert(1)">')

    assert shown == "<p>Sama.</p>"
    assert shown.__html__() == "<p>Sama.</p>"
