"""Tag pages and tag hygiene in the admin."""

import re
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, TaggedArticle, TagUsage
from tests.articles.test_admin import ADD_URL, article_form
from tests.factories import ArticleFactory
from tests.server import GunicornServer

pytestmark = pytest.mark.django_db


def post_tags(editor_client, section, tags):
    return editor_client.post(
        ADD_URL, article_form(section, tags=tags, **{"photos-TOTAL_FORMS": "0"})
    )


def tag_errors(response):
    return response.context["adminform"].form.errors.get("tags")


def test_tag_page_lists_published_articles_with_the_tag_paginated(client, section, settings):
    for index in range(settings.NEWSROOM_PAGE_SIZE + 1):
        ArticleFactory(section=section, headline=f"Iklim {index}", tags=["Iklim"])
    ArticleFactory(
        section=section,
        headline="Draf iklim",
        tags=["Iklim"],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    ArticleFactory(section=section, headline="Tanpa tag itu", tags=["Energi"])
    url = reverse("articles:tag", kwargs={"slug": "iklim"})

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert len(first.context["articles"]) == settings.NEWSROOM_PAGE_SIZE
    assert len(second.context["articles"]) == 1
    assert "Draf iklim" not in first.text + second.text
    assert "Tanpa tag itu" not in first.text + second.text


@pytest.mark.parametrize(
    "tags",
    ["x" * 101, "Ekonomi, " + "y" * 150],
    ids=["one long tag", "a long tag among others"],
)
def test_a_tag_over_the_length_limit_is_a_form_error(editor_client, section, tags):
    response = post_tags(editor_client, section, tags)

    assert response.status_code == 200
    assert "limit" in str(tag_errors(response)) or "batas" in str(tag_errors(response))
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "tags", ["!!!", "Ekonomi, ---", '"?!"', "Ekonomi, , Politik", ", Ekonomi", '""']
)
def test_an_empty_or_punctuation_only_tag_is_a_form_error(editor_client, section, tags):
    response = post_tags(editor_client, section, tags)

    assert response.status_code == 200
    assert tag_errors(response)
    assert not Tag.objects.exists()


def test_tags_are_case_insensitive(editor_client, section):
    ArticleFactory(section=section, tags=["Ekonomi"])

    response = post_tags(editor_client, section, "ekonomi, EKONOMI, Pasar")

    assert response.status_code == 302
    article = Article.objects.get(slug="gempa-kecil-guncang-pesisir-selatan")
    assert sorted(tag.name for tag in article.tags.all()) == ["Ekonomi", "Pasar"]
    assert Tag.objects.filter(name__iexact="ekonomi").count() == 1


# Tags an Indonesian newsroom types every day, in several scripts, and the
# slugs taggit makes of them: letters of every script are kept.
UNICODE_TAGS = {
    "Café": "café",
    "Türkiye": "türkiye",
    "São Paulo": "são-paulo",
    "Ḍaérah": "ḍaérah",
    "Москва": "москва",
    "北京": "北京",
    "عربي": "عربي",
    "Piala Dunia ⚽": "piala-dunia",
}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def tag_links_on(page_html: str) -> dict[str, str]:
    """The article page's tag list: each tag's name → the address it links to."""
    listed = page_html[page_html.index('class="tag-list"') :]
    listed = listed[: listed.index("</ul>")]
    return {name: href for href, name in re.findall(r'<a href="([^"]+)">#([^<]+)</a>', listed)}


def feed_links_on(page_html: str) -> list[str]:
    """The addresses of the feeds a list page announces in its head, its own first."""
    return re.findall(
        r'<link rel="alternate" type="application/[a-z+]+" title="#[^"]*" href="([^"]+)"', page_html
    )


def sitemap_locations(client) -> set[str]:
    """The tags sitemap's Indonesian addresses (each has its English one too: test_sitemaps)."""
    response = client.get("/sitemap-tags.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 -- our own XML
    locations = {url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")}
    return {location for location in locations if not location.startswith("http://testserver/en/")}


def test_unicode_tags_are_welcome(editor_client, section):
    response = post_tags(editor_client, section, ", ".join(UNICODE_TAGS))
    assert response.status_code == 302
    Article.objects.update(status=Article.Status.PUBLISHED, published_at="2025-05-26T08:00Z")
    article = Article.objects.get()
    assert dict(Tag.objects.values_list("name", "slug")) == UNICODE_TAGS
    reader = editor_client
    reader.logout()

    page = reader.get(article.get_absolute_url())

    assert page.status_code == 200
    links = tag_links_on(page.text)
    # Linked as reverse() writes the address: UTF-8, percent-encoded.
    assert links == {name: f"/tag/{quote(slug)}/" for name, slug in UNICODE_TAGS.items()}
    assert links["北京"] == "/tag/%E5%8C%97%E4%BA%AC/"
    in_sitemap = sitemap_locations(reader)
    for name, href in links.items():
        tag_page = reader.get(href)
        assert tag_page.status_code == 200, name
        assert f"#{name}" in tag_page.text
        assert article.headline in tag_page.text
        feeds = feed_links_on(tag_page.text)
        assert feeds == [f"{href}rss/", f"{href}atom/"]
        for feed in feeds:
            answer = reader.get(feed)
            assert answer.status_code == 200, feed
            assert article.slug in answer.text
            assert f"http://testserver{href}" in answer.text
        assert f"http://testserver{href}" in in_sitemap


@pytest.mark.django_db(transaction=True)
def test_unicode_tag_pages_answer_through_a_real_server(section):
    article = ArticleFactory(section=section, tags=["Türkiye", "北京", "Москва"])
    server = GunicornServer(workers=1)
    try:

        def fetch(path):
            with urllib.request.urlopen(server.url + path, timeout=10) as response:  # noqa: S310
                assert response.status == 200, path
                return response.read().decode()

        links = tag_links_on(fetch(article.get_absolute_url()))
        assert set(links) == {"Türkiye", "北京", "Москва"}
        for name, href in links.items():
            assert href.isascii()
            assert f"#{name}" in fetch(href)
            assert article.headline in fetch(f"{href}rss/")
            assert article.headline in fetch(f"{href}atom/")
        assert all(href in fetch("/sitemap-tags.xml") for href in links.values())
    finally:
        server.stop()


@pytest.mark.parametrize(
    "name",
    ["🎉", "ﹰﹲ", "!!!", "---"],
    ids=["emoji", "Arabic presentation forms", "punctuation", "hyphens"],
)
def test_a_tag_whose_slug_comes_out_empty_gets_one_with_a_page(client, section, name):
    article = ArticleFactory(section=section, tags=[name])
    tag = Tag.objects.get(name=name)
    assert tag.slug == f"tag-{tag.pk}"

    links = tag_links_on(client.get(article.get_absolute_url()).text)

    assert links == {name: f"/tag/tag-{tag.pk}/"}
    assert client.get(links[name]).status_code == 200
    assert f"http://testserver/tag/tag-{tag.pk}/" in sitemap_locations(client)


def test_an_admin_tag_whose_slug_comes_out_empty_gets_one(editor_client, section):
    # These letters are letters to Python, but slugify keeps nothing of them.
    response = post_tags(editor_client, section, "ﹰﹲ, Gempa")

    assert response.status_code == 302
    tag = Tag.objects.get(name="ﹰﹲ")
    assert tag.slug == f"tag-{tag.pk}"


def test_a_tag_slug_written_by_hand_that_cannot_route_never_breaks_a_page(client, section):
    article = ArticleFactory(section=section, tags=["Jalan Raya", "Gempa"])
    with connection.cursor() as cursor:  # as a careless import script would
        cursor.execute("UPDATE taggit_tag SET slug = 'jalan raya/baru' WHERE name = 'Jalan Raya'")

    page = client.get(article.get_absolute_url())

    assert page.status_code == 200
    assert "<li>#Jalan Raya</li>" in page.text
    assert tag_links_on(page.text) == {"Gempa": "/tag/gempa/"}
    assert sitemap_locations(client) == {"http://testserver/tag/gempa/"}


def test_an_address_with_an_encoded_slug_that_is_not_one_is_404(client, section):
    ArticleFactory(section=section, tags=["Café"])

    assert client.get("/tag/caf%C3%A9/").status_code == 200
    for path in [
        "/tag/caf%C3%A9%20/",
        "/tag/caf%E9/",
        "/tag/%F0%9F%8E%89/",
        "/tag/caf%C3%A9/rss/x/",
    ]:
        assert client.get(path).status_code == 404, path


def test_merge_tags_moves_articles_onto_the_most_used_tag(editor_client, section):
    both = ArticleFactory(section=section, tags=["Pemilu", "Pilkada"])
    ArticleFactory(section=section, tags=["Pemilu"])
    only_old = ArticleFactory(section=section, tags=["Pilkada"])
    ArticleFactory(section=section, tags=["pemilihan umum"])
    ArticleFactory(section=section, tags=["Pemilu"])
    selected = Tag.objects.filter(name__in=["Pemilu", "Pilkada", "pemilihan umum"])

    response = editor_client.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "merge_tags", "_selected_action": [tag.pk for tag in selected]},
    )

    assert response.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Pemilu"]
    assert list(both.tags.names()) == ["Pemilu"]
    assert list(only_old.tags.names()) == ["Pemilu"]
    assert TaggedArticle.objects.count() == 5
    assert TagUsage.objects.get(tag__name="Pemilu").article_count == 5


def test_a_merge_gives_the_retagged_articles_their_next_version(editor_client, section):
    """A form opened before the merge would otherwise bring the merged tag back."""
    retagged = ArticleFactory(section=section, tags=["Pilkada"])
    untouched = ArticleFactory(section=section, tags=["Pemilu", "Banjir"])
    ArticleFactory(section=section, tags=["Pemilu"])
    versions = dict(Article.objects.values_list("pk", "version"))

    editor_client.post(
        reverse("admin:taggit_tag_changelist"),
        {
            "action": "merge_tags",
            "_selected_action": list(
                Tag.objects.filter(name__in=["Pemilu", "Pilkada"]).values_list("pk", flat=True)
            ),
        },
    )

    retagged.refresh_from_db()
    untouched.refresh_from_db()
    assert retagged.version == versions[retagged.pk] + 1
    assert untouched.version == versions[untouched.pk]


def test_the_tag_box_quotes_only_names_with_commas(editor_client, section):
    article = ArticleFactory(section=section, tags=["Energi Terbarukan", "Jakarta, Pusat", "Iklim"])

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    tag_box = page.context["adminform"].form["tags"].as_widget()
    assert 'value="Energi Terbarukan, Iklim, &quot;Jakarta, Pusat&quot;"' in tag_box


def test_the_tag_box_offers_the_most_used_tags(editor_client, section):
    ArticleFactory.create_batch(3, section=section, tags=["Iklim"])
    ArticleFactory(section=section, tags=["Langka"])

    page = editor_client.get(ADD_URL)

    picker = page.text[page.text.index("data-tag-picker-for") :]
    assert picker.index('data-tag="Iklim"') < picker.index('data-tag="Langka"')
    assert "js/tag_picker.js" in page.text
