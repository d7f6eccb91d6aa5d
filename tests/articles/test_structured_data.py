"""The article page's OpenGraph and Twitter tags and its schema.org JSON-LD."""

import io
import json
import re
from datetime import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, image_bytes

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects the <meta> tags and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)


def head_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.text)
    return parser


def graph_of(client, article):
    [script] = head_of(client, article).json_ld
    data = json.loads(script)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


@pytest.fixture
def story(section):
    article = ArticleFactory(
        section=section,
        headline="Rusia dan China sepakati jalur energi baru",
        standfirst="Kedua negara menandatangani perjanjian pasokan gas jangka panjang.",
        dateline_place="Moskow, Rusia",
        published_at=timezone.make_aware(datetime(2025, 2, 13, 14, 5)),
        tags=["Energi", "Diplomasi"],
        authors=[AuthorFactory(name="Siti Rahma", slug="siti-rahma")],
    )
    PhotoFactory(article=article, is_lead=True, alt_text="Dua menteri berjabat tangan")
    PhotoFactory(article=article, order=5)
    article.refresh_from_db()
    return article


def rendition_url(photo, width=1280):
    return f"http://testserver{photo.image.storage.url(photo.renditions[str(width)])}"


def test_news_article_json_ld_describes_the_story(client, story, section):
    article = graph_of(client, story)["NewsArticle"]

    url = f"http://testserver{story.get_absolute_url()}"
    lead, other = story.photos.order_by("-is_lead", "order")
    assert article["headline"] == story.headline
    assert article["description"] == story.standfirst
    assert article["url"] == url
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["image"] == [rendition_url(lead), rendition_url(other)]
    assert article["datePublished"] == "2025-02-13T14:05:00+07:00"
    assert datetime.fromisoformat(article["dateModified"]) == story.updated_at.replace(
        microsecond=0
    )
    assert article["author"] == [
        {"@type": "Person", "name": "Siti Rahma", "url": "http://testserver/penulis/siti-rahma/"}
    ]
    assert article["articleSection"] == section.name
    assert sorted(article["keywords"]) == ["Diplomasi", "Energi"]
    assert article["locationCreated"] == {"@type": "Place", "name": "Moskow, Rusia"}
    assert article["inLanguage"] == "id"


def test_the_publisher_has_a_raster_logo_that_exists(client, story):
    publisher = graph_of(client, story)["NewsArticle"]["publisher"]

    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Newsroom"
    assert publisher["url"] == "http://testserver/"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": "http://testserver/static/img/logo.png",
        "width": 600,
        "height": 60,
    }
    assert finders.find("img/logo.png")
    assert client.get("/static/img/logo.png").status_code == 200


def test_an_article_without_authors_is_by_the_desk(client, article):
    news_article = graph_of(client, article)["NewsArticle"]

    assert news_article["author"] == [
        {"@type": "Organization", "name": "Redaksi", "url": "http://testserver/"}
    ]


def test_the_breadcrumbs_lead_from_home_through_the_section(client, story, section):
    breadcrumbs = graph_of(client, story)["BreadcrumbList"]

    assert [
        (item["position"], item["name"], item["item"]) for item in breadcrumbs["itemListElement"]
    ] == [
        (1, "Beranda", "http://testserver/"),
        (2, section.name, f"http://testserver{section.get_absolute_url()}"),
        (3, story.headline, f"http://testserver{story.get_absolute_url()}"),
    ]


@pytest.mark.parametrize(
    "headline",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script> -->",
        "</SCRIPT ><img src=x onerror=alert(1)>",
        'Kutipan "ganda" & \\ garis miring',
    ],
)
def test_no_headline_can_break_out_of_the_json_ld_script(client, section, headline):
    article = ArticleFactory(section=section, headline=headline)

    text = client.get(article.get_absolute_url()).text
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S | re.I)

    assert "<" not in script and ">" not in script
    assert json.loads(script)["@graph"][0]["headline"] == headline
    assert "<script>alert(1)" not in text
    assert "<img src=x" not in text


def test_opengraph_and_twitter_tags_describe_the_page(client, story, section):
    meta = head_of(client, story).meta

    url = f"http://testserver{story.get_absolute_url()}"
    lead = story.photos.get(is_lead=True)
    expected = {
        "og:type": ["article"],
        "og:site_name": ["Newsroom"],
        "og:locale": ["id_ID"],
        "og:title": [story.headline],
        "og:description": [story.standfirst],
        "og:url": [url],
        "og:image": [rendition_url(lead)],
        "og:image:type": ["image/webp"],
        "og:image:width": ["1280"],
        "og:image:height": ["720"],
        "og:image:alt": ["Dua menteri berjabat tangan"],
        "article:published_time": ["2025-02-13T14:05:00+07:00"],
        "article:section": [section.name],
        "twitter:card": ["summary_large_image"],
        "twitter:title": [story.headline],
        "twitter:description": [story.standfirst],
        "twitter:image": [rendition_url(lead)],
        "twitter:image:alt": ["Dua menteri berjabat tangan"],
    }
    assert {key: meta.get(key) for key in expected} == expected
    assert sorted(meta["article:tag"]) == ["Diplomasi", "Energi"]
    assert meta["article:modified_time"][0] == timezone.localtime(story.updated_at).isoformat(
        timespec="seconds"
    )


DEFAULT_SHARE_IMAGE = "http://testserver/static/img/share-default.png"


def test_a_page_without_photo_shares_the_sites_default_image(client, article):
    head = head_of(client, article)

    assert {key: head.meta.get(key) for key in SHARE_IMAGE_TAGS} == {
        "og:image": [DEFAULT_SHARE_IMAGE],
        "og:image:type": ["image/png"],
        "og:image:width": ["1200"],
        "og:image:height": ["630"],
        "og:image:alt": ["Newsroom"],
        "twitter:card": ["summary_large_image"],
        "twitter:image": [DEFAULT_SHARE_IMAGE],
        "twitter:image:alt": ["Newsroom"],
    }
    [script] = head.json_ld
    assert json.loads(script)["@graph"][0]["image"] == [DEFAULT_SHARE_IMAGE]


def test_the_shipped_default_share_image_is_served_at_the_size_announced(client):
    response = client.get("/static/img/share-default.png")

    assert response.status_code == 200
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_the_default_share_image_is_a_setting_with_its_size_read_from_the_file(
    client, article, settings
):
    settings.NEWSROOM_DEFAULT_SHARE_IMAGE = "img/logo.png"

    meta = head_of(client, article).meta

    assert meta["og:image"] == ["http://testserver/static/img/logo.png"]
    assert (meta["og:image:width"], meta["og:image:height"]) == (["600"], ["60"])
    assert meta["twitter:card"] == ["summary"]  # too low for the large card


def test_an_unreadable_default_share_image_is_left_out_not_an_error(client, article, settings):
    settings.NEWSROOM_DEFAULT_SHARE_IMAGE = "img/no-such-image.png"

    head = head_of(client, article)

    assert "og:image" not in head.meta
    assert head.meta["twitter:card"] == ["summary"]
    assert "image" not in json.loads(head.json_ld[0])["@graph"][0]


SHARE_IMAGE_TAGS = [
    "og:image",
    "og:image:type",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
    "twitter:card",
    "twitter:image",
    "twitter:image:alt",
]


def test_a_photo_narrower_than_the_share_width_is_shared_as_it_is(client, article):
    PhotoFactory(
        article=article,
        is_lead=True,
        image=ContentFile(image_bytes(size=(800, 600)), name="kecil.jpg"),
    )

    meta = head_of(client, article).meta

    assert meta["og:image:width"] == ["800"]
    assert meta["og:image:height"] == ["600"]
    assert meta["og:image:type"] == ["image/jpeg"]
    assert meta["og:image"][0].endswith(".jpg")


def test_every_other_readers_page_shares_its_title_and_the_default_image(client, section):
    ArticleFactory(section=section, tags=["Energi"], authors=[AuthorFactory(slug="siti-rahma")])
    pages = {
        "/": "Newsroom — Berita Terbaru",
        section.get_absolute_url(): f"{section.name} — Newsroom",
        "/tag/energi/": "#Energi — Newsroom",
        "/penulis/siti-rahma/": "Newsroom",  # ends with the site's name
    }

    for path, title in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        parser = HeadParser()
        parser.feed(response.text)
        meta = parser.meta
        assert meta["og:type"] == ["website"], path
        assert meta["og:title"][0].endswith(title), path
        assert meta["og:url"] == [f"http://testserver{path}"]
        assert meta["og:image"] == [DEFAULT_SHARE_IMAGE]
        assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
        assert meta["twitter:card"] == ["summary_large_image"]


def test_an_article_page_has_its_own_share_tags_only(client, story):
    meta = head_of(client, story).meta

    assert meta["og:type"] == ["article"]
    assert len(meta["og:title"]) == len(meta["og:image"]) == len(meta["twitter:card"]) == 1
