"""Sitemaps, the Google News sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 -- our own XML


def urlset(client, section_name, **headers):
    root = parse(client, reverse("articles:sitemap_section", args=[section_name]), **headers)
    assert root.tag == f"{SITEMAP}urlset"
    return {url.findtext(f"{SITEMAP}loc"): url for url in root.findall(f"{SITEMAP}url")}


def test_sitemap_xml_is_an_index_of_the_articles_sections_and_tags_sitemaps(client, article):
    root = parse(client, reverse("articles:sitemap"))

    assert root.tag == f"{SITEMAP}sitemapindex"
    locations = [sitemap.findtext(f"{SITEMAP}loc") for sitemap in root.iter(f"{SITEMAP}sitemap")]
    assert locations == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-tags.xml",
    ]


def test_the_articles_sitemap_lists_published_articles_with_their_last_change(client, article):
    urls = urlset(client, "articles")

    entry = urls[f"http://testserver{article.get_absolute_url()}"]
    article.refresh_from_db()
    local_day = timezone.localtime(article.updated_at).date().isoformat()
    assert entry.findtext(f"{SITEMAP}lastmod") == local_day


def test_the_sections_sitemap_lists_every_section(client, section):
    SectionFactory(name="Olahraga", slug="olahraga")

    assert set(urlset(client, "sections")) == {
        f"http://testserver{prefix}/rubrik/{section.slug}/"
        for section in Section.objects.all()
        for prefix in ["", "/en"]
    }


def test_the_tags_sitemap_lists_only_tags_with_published_articles(client, section):
    ArticleFactory(section=section, tags=["Energi"])
    ArticleFactory(
        section=section, tags=["Rahasia"], status=Article.Status.DRAFT, published_at=None
    )
    ArticleFactory(
        section=section, tags=["Nanti"], published_at=timezone.now() + timedelta(hours=1)
    )

    assert set(urlset(client, "tags")) == {
        "http://testserver/tag/energi/",
        "http://testserver/en/tag/energi/",
    }


XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize(
    ("sitemap", "path"),
    [("articles", "/berita/{slug}/"), ("sections", "/rubrik/dunia/"), ("tags", "/tag/energi/")],
)
@pytest.mark.parametrize("sitemap_prefix", ["", "/en"], ids=["indonesian", "english"])
def test_each_page_is_listed_in_both_languages_naming_its_alternates(
    client, section, sitemap, path, sitemap_prefix
):
    article = ArticleFactory(section=section, tags=["Energi"])
    indonesian = "http://testserver" + path.format(slug=article.slug)
    english = indonesian.replace("testserver/", "testserver/en/")
    address = sitemap_prefix + reverse("articles:sitemap_section", args=[sitemap])

    root = parse(client, address)
    urls = {url.findtext(f"{SITEMAP}loc"): url for url in root.findall(f"{SITEMAP}url")}

    assert set(urls) == {indonesian, english}
    for entry in urls.values():
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in entry.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        assert alternates == {"id": indonesian, "en": english, "x-default": indonesian}


def test_the_news_sitemap_lists_the_last_two_days_with_googles_news_elements(client, section):
    recent = ArticleFactory(
        section=section,
        headline="Rupiah & saham <menguat>",
        published_at=timezone.now() - timedelta(hours=3),
    )
    ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=3))

    root = parse(client, reverse("articles:news_sitemap"))

    assert root.tag == f"{SITEMAP}urlset"
    [url] = root.findall(f"{SITEMAP}url")
    assert url.findtext(f"{SITEMAP}loc") == f"http://testserver{recent.get_absolute_url()}"
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "id"
    assert news.findtext(f"{NEWS}title") == "Rupiah & saham <menguat>"
    published = news.findtext(f"{NEWS}publication_date")
    assert published.endswith("+07:00")  # W3C format, in the newsroom's time zone
    assert datetime.fromisoformat(published) == recent.published_at.replace(microsecond=0)


def test_robots_txt_points_to_both_sitemaps_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines


def test_absolute_addresses_follow_the_host_and_scheme_of_the_request(client, article, settings):
    settings.ALLOWED_HOSTS = ["berita.example"]
    headers = {"HTTP_HOST": "berita.example", "secure": True}

    robots = client.get("/robots.txt", **headers).text
    urls = urlset(client, "articles", **headers)

    assert "Sitemap: https://berita.example/sitemap.xml" in robots.splitlines()
    assert f"https://berita.example{article.get_absolute_url()}" in urls
