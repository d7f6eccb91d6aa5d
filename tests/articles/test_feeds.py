"""RSS 2.0 and Atom feeds of the latest news, of each section and of each tag."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.articles.test_queries import count_queries
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture
def story(section):
    article = ArticleFactory(
        section=section,
        headline="Rusia dan China sepakati jalur energi baru",
        standfirst="Kedua negara menandatangani perjanjian pasokan gas jangka panjang.",
        tags=["Energi", "Diplomasi"],
        authors=[AuthorFactory(name="Siti Rahma"), AuthorFactory(name="Budi Santoso")],
    )
    PhotoFactory(article=article, is_lead=True)
    return article


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 -- our own XML
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 -- our own XML
    return feed, feed.findall(f"{ATOM}entry")


def test_rss_has_what_rss_requires_and_the_story_in_full(client, story):
    channel, items = rss_items(client, reverse("articles:feed_rss"))

    assert channel.findtext("title") == "Newsroom"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.findtext("description") == "Berita terbaru dari Newsroom."
    assert channel.findtext("language") == "id"
    [item] = items
    url = f"http://testserver{story.get_absolute_url()}"
    assert item.findtext("title") == story.headline
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert parsedate_to_datetime(item.findtext("pubDate")) == story.published_at.replace(
        microsecond=0
    )
    assert item.findtext("description") == story.standfirst
    assert item.findtext(f"{DC}creator") == "Budi Santoso, Siti Rahma"
    assert sorted(category.text for category in item.findall("category")) == [
        "Diplomasi",
        "Energi",
    ]


def test_the_enclosure_is_the_lead_photos_large_copy_with_its_real_size(client, story):
    photo = story.photos.get()
    name = photo.renditions["1280"]

    _channel, [item] = rss_items(client, reverse("articles:feed_rss"))
    enclosure = item.find("enclosure")

    assert enclosure.get("url") == f"http://testserver{photo.image.storage.url(name)}"
    assert enclosure.get("length") == str(photo.image.storage.size(name))
    assert enclosure.get("type") == "image/webp"


def test_a_photo_file_missing_from_storage_drops_the_enclosure_not_the_feed(client, story):
    photo = story.photos.get()
    photo.image.storage.delete(photo.renditions["1280"])

    _channel, [item] = rss_items(client, reverse("articles:feed_rss"))

    assert item.find("enclosure") is None
    assert item.findtext("title") == story.headline


def test_an_article_without_photo_has_no_enclosure(client, section):
    ArticleFactory(section=section)

    _channel, [item] = rss_items(client, reverse("articles:feed_rss"))

    assert item.find("enclosure") is None


def test_atom_has_what_atom_requires(client, story):
    feed, [entry] = atom_entries(client, reverse("articles:feed_atom"))

    assert feed.findtext(f"{ATOM}id") == "http://testserver/"
    assert feed.findtext(f"{ATOM}title") == "Newsroom"
    assert feed.findtext(f"{ATOM}updated")
    url = f"http://testserver{story.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}id") == url
    assert entry.findtext(f"{ATOM}title") == story.headline
    assert entry.findtext(f"{ATOM}updated")
    links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
    assert links["alternate"].get("href") == url
    assert links["enclosure"].get("type") == "image/webp"
    assert int(links["enclosure"].get("length")) > 0
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Budi Santoso, Siti Rahma"
    assert entry.find(f"{ATOM}summary").get("type") == "html"


def test_atom_titles_are_text_and_rss_titles_are_escaped_html(client, section):
    ArticleFactory(section=section, headline="Untung & rugi <bagi> petani")

    _feed, [entry] = atom_entries(client, reverse("articles:feed_atom"))
    _channel, [item] = rss_items(client, reverse("articles:feed_rss"))

    assert entry.findtext(f"{ATOM}title") == "Untung & rugi <bagi> petani"
    assert item.findtext("title") == "Untung &amp; rugi &lt;bagi&gt; petani"


def test_a_byline_without_authors_is_the_desk(client, section):
    ArticleFactory(section=section)

    _channel, [item] = rss_items(client, reverse("articles:feed_rss"))

    assert item.findtext(f"{DC}creator") == "Redaksi"


def test_feeds_hold_the_twenty_newest_articles(client, section):
    now = timezone.now()
    for index in range(25):
        ArticleFactory(
            section=section, headline=f"Berita {index}", published_at=now - timedelta(hours=index)
        )

    _channel, items = rss_items(client, reverse("articles:feed_rss"))

    assert [item.findtext("title") for item in items] == [f"Berita {index}" for index in range(20)]


def test_section_feeds_hold_only_their_sections_articles(client, section):
    sport = SectionFactory(name="Olahraga", slug="olahraga")
    ArticleFactory(section=section, headline="Kabar dunia")
    ArticleFactory(section=sport, headline="Skor pertandingan")

    channel, items = rss_items(client, reverse("articles:section_feed_rss", args=["olahraga"]))
    feed, entries = atom_entries(client, reverse("articles:section_feed_atom", args=["olahraga"]))

    assert [item.findtext("title") for item in items] == ["Skor pertandingan"]
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Skor pertandingan"]
    assert channel.findtext("title") == "Olahraga — Newsroom"
    assert channel.findtext("link") == "http://testserver/rubrik/olahraga/"
    assert feed.findtext(f"{ATOM}id") == "http://testserver/rubrik/olahraga/"


def test_tag_feeds_hold_only_the_tags_articles(client, story, section):
    ArticleFactory(section=section, headline="Tanpa tag energi", tags=["Cuaca"])

    channel, items = rss_items(client, reverse("articles:tag_feed_rss", args=["energi"]))
    _feed, entries = atom_entries(client, reverse("articles:tag_feed_atom", args=["energi"]))

    assert [item.findtext("title") for item in items] == [story.headline]
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [story.headline]
    assert channel.findtext("title") == "#Energi — Newsroom"


@pytest.mark.parametrize("url_name", ["section_feed_rss", "tag_feed_atom"])
def test_feeds_of_unknown_sections_and_tags_are_404(client, db, url_name):
    assert client.get(reverse(f"articles:{url_name}", args=["tidak-ada"])).status_code == 404


def test_feed_queries_do_not_grow_with_items(client, section):
    def add(count):
        for _ in range(count):
            article = ArticleFactory(section=section, tags=["Energi"], authors=[AuthorFactory()])
            PhotoFactory(article=article, is_lead=True)

    add(2)
    few = count_queries(client, reverse("articles:feed_rss"))
    add(10)

    assert count_queries(client, reverse("articles:feed_rss")) == few


def test_pages_advertise_their_feeds_in_the_head(client, story, section):
    home = client.get(reverse("articles:home")).text
    section_page = client.get(section.get_absolute_url()).text
    tag_page = client.get(reverse("articles:tag", args=["energi"])).text

    site_feed = (
        '<link rel="alternate" type="application/rss+xml" title="Newsroom (RSS)" href="/rss/">'
    )
    assert site_feed in home
    assert site_feed in client.get(story.get_absolute_url()).text
    assert 'type="application/atom+xml" title="Newsroom (Atom)" href="/atom/"' in home
    assert (
        'type="application/rss+xml" title="Dunia — Newsroom (RSS)" href="/rubrik/dunia/rss/"'
        in (section_page)
    )
    assert (
        'type="application/rss+xml" title="#Energi — Newsroom (RSS)" href="/tag/energi/rss/"'
        in (tag_page)
    )
    assert 'href="/rubrik/dunia/atom/"' in section_page
    assert 'href="/tag/energi/atom/"' in tag_page
