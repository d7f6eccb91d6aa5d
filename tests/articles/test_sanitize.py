"""A body posted to the admin never carries script to a reader."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.sanitize import sanitize_html
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
    "data:text",
    "<meta",
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
