"""The format readers: each format's fields, versions, several items, detection, hostile input.

No database: a document goes in as bytes, a WireDocument (or a WireError) comes out.
"""

import json
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.wire import samples
from wire.formats import read_document
from wire.items import WireError, WirePicture

WIB = timezone(timedelta(hours=8))


def read_one(data: bytes):
    document = read_document(data)
    assert document.refused == []
    assert len(document.items) == 1
    return document.items[0]


# Detection


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (samples.to_json(samples.xinhua_ninjs_item()), "ninjs"),
        (b"  \n" + samples.to_json([samples.xinhua_ninjs_item()]), "ninjs"),
        (samples.to_json({"items": [samples.ninjs2_item()]}), "ninjs"),
        (samples.rss_feed(), "rss"),
        (samples.atom_feed(), "atom"),
        (samples.newsml_document(samples.newsml_item()), "newsml-g2"),
        (samples.newsml_message(samples.newsml_item(namespace=False)), "newsml-g2"),
    ],
)
def test_the_format_is_told_by_the_content(data, expected):
    assert read_document(data, content_type="text/plain").format == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><body><p>Not a feed</p></body></html>", "an HTML page"),
        (b"<!DOCTYPE html>\n<html lang=id><body>Not a feed", "an HTML page"),
        (b'<?xml version="1.0"?><opml version="2.0"/>', "root is <opml>"),
        (b"Just some words", "not a format the wire reads"),
        (b"", "empty"),
        (b'{"headline": "no uri"}', "not ninjs"),
        (b'<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>', "root is <packageItem>"),
        (b'<feed xmlns="http://purl.org/atom/ns#"/>', "root is <feed>"),
    ],
)
def test_a_document_in_no_known_format_is_refused_with_a_reason(data, reason):
    with pytest.raises(WireError, match=reason):
        read_document(data)


def test_a_document_over_the_size_limit_is_refused(settings):
    settings.WIRE_MAX_DOCUMENT_BYTES = 1000
    data = samples.to_json(samples.xinhua_ninjs_item(body_html="<p>x</p>" * 200))
    with pytest.raises(WireError, match="larger than the limit of 1,000 bytes"):
        read_document(data)


# ninjs


def test_a_xinhua_ninjs_item_gives_every_field():
    item = read_one(samples.to_json(samples.xinhua_ninjs_item()))
    assert item.guid == "urn:newsml:xinhua.net:20261201:putin-indonesia"
    assert item.headline == "Putin: Rusia siap perluas kerja sama dengan Indonesia"
    assert item.standfirst == "Rusia dan Indonesia akan menandatangani perjanjian ekonomi baru."
    assert item.body_html == samples.XINHUA_BODY
    assert item.located == "Moskow, Rusia"
    assert item.provider == "Xinhua"
    assert item.byline == "Xinhua"
    assert item.subjects == ("Politik", "Ekonomi")
    assert item.version == 1
    assert item.version_time == datetime(2026, 12, 1, 5, 0, tzinfo=WIB)
    assert item.first_created == datetime(2026, 12, 1, 4, 30, tzinfo=WIB)
    [picture] = item.pictures
    assert picture.href == "https://photos.xinhua.example/2026/12/01/putin-original.jpg"
    assert picture.caption == samples.XINHUA_CAPTION
    assert picture.credit == "Xinhua/Alexander Zemlianichenko Jr"


def test_ninjs_featuremedia_comes_first_and_the_largest_rendition_wins():
    item = samples.xinhua_ninjs_item()
    featured = item["associations"]["featuremedia"]
    item["associations"] = {
        "gallery1": {
            "type": "picture",
            "byline": "Xinhua/Bai",
            "renditions": {"original": {"href": "https://p.example/g1.jpg"}},
        },
        "video1": {"type": "video", "renditions": {"original": {"href": "https://p.example/v"}}},
        "featuremedia": featured,
    }
    featured["renditions"]["huge-pdf"] = {
        "href": "https://p.example/scan.pdf",
        "mimetype": "application/pdf",
        "width": 9000,
        "height": 9000,
    }
    pictures = read_one(samples.to_json(item)).pictures
    assert [p.href for p in pictures] == [
        "https://photos.xinhua.example/2026/12/01/putin-original.jpg",
        "https://p.example/g1.jpg",
    ]
    assert pictures[1].credit == "Xinhua/Bai"


def test_a_ninjs_picture_credit_falls_back_to_its_copyright_holder():
    item = samples.xinhua_ninjs_item()
    featured = item["associations"]["featuremedia"]
    del featured["byline"]
    featured["copyrightholder"] = "Xinhua"
    assert read_one(samples.to_json(item)).pictures[0].credit == "Xinhua"


def test_a_ninjs_2_item_gives_every_field():
    item = read_one(samples.to_json(samples.ninjs2_item()))
    assert item.guid == "http://tt.example/media/text/20261201-aurora"
    assert item.headline == "Militärövning i jätteformat hålls 2023"
    assert item.standfirst == "Pandemin satte stopp för övningen."
    assert item.body_html == "<p>Pandemin satte stopp.</p>"  # the HTML body, not the plain one
    assert item.located == "Visby, Sverige"
    assert item.provider == "TT"
    assert item.byline == "Karl Melander"
    assert item.subjects == ("Försvar", "Aurora", "Gotland")
    assert item.version == 3
    assert item.version_time == datetime(2026, 12, 1, 11, 40, 18, tzinfo=UTC)
    [picture] = item.pictures
    assert picture.href == "https://photos.tt.example/aurora-hires.jpg"
    assert picture.caption == "Soldater på Gotland."
    assert picture.credit == "Karl Melander/TT"


def test_ninjs_3_camel_case_keys_are_read():
    item = samples.ninjs2_item()
    item["versionCreated"] = item.pop("versioncreated")
    item["copyrightHolder"] = item.pop("copyrightholder")
    item = read_one(samples.to_json(item))
    assert item.version_time == datetime(2026, 12, 1, 11, 40, 18, tzinfo=UTC)
    assert item.provider == "TT"


def test_a_plain_text_ninjs_body_becomes_escaped_paragraphs():
    item = samples.xinhua_ninjs_item(body_text="Satu <b>dua</b>.\n\nTiga & empat.")
    del item["body_html"]
    assert read_one(samples.to_json(item)).body_html == (
        "<p>Satu &lt;b&gt;dua&lt;/b&gt;.</p><p>Tiga &amp; empat.</p>"
    )


def test_ninjs_lists_and_item_collections_give_every_item_with_their_versions():
    first = samples.xinhua_ninjs_item(uri="urn:a", version="2")
    second = samples.xinhua_ninjs_item(uri="urn:b", version=10)
    third = samples.xinhua_ninjs_item(uri="urn:c", version=None, versioncreated="2026-12-01")
    for document in ([first, second, third], {"items": [first, second, third]}):
        items = read_document(samples.to_json(document)).items
        assert [(i.guid, i.version) for i in items] == [
            ("urn:a", 2),
            ("urn:b", 10),
            ("urn:c", None),
        ]
    assert items[1].version_key > items[0].version_key > items[2].version_key


def test_a_time_without_a_zone_is_taken_as_utc():
    item = read_one(samples.to_json(samples.xinhua_ninjs_item(versioncreated="2026-12-01T05:00")))
    assert item.version_time == datetime(2026, 12, 1, 5, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("headline", "reason"),
    [
        (42, "headline is a number, not text"),
        (["a", "b"], "headline is a list, not text"),
        ({"value": "x"}, "headline is an object, not text"),
        (None, "unusable text: no headline"),
        ("   \n ", "unusable text: no headline"),
    ],
)
def test_a_ninjs_item_with_a_bad_headline_is_refused_and_the_others_kept(headline, reason):
    bad = samples.xinhua_ninjs_item(uri="urn:bad", headline=headline)
    good = samples.xinhua_ninjs_item(uri="urn:good")
    document = read_document(samples.to_json([bad, good]))
    assert [item.guid for item in document.items] == ["urn:good"]
    assert document.refused == [("urn:bad", reason)]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"version": "two"}, "version 'two' is not a whole number"),
        ({"version": 1.5}, "version 1.5 is not a whole number"),
        ({"versioncreated": "yesterday"}, "versioncreated: 'yesterday' is not an ISO 8601 time"),
        ({"pubstatus": "canceled"}, "the agency withdrew this item"),
        ({"type": "video"}, "a video item, not a story"),
        ({"subject": "Politik"}, "subject is text, not a list"),
        ({"uri": ""}, "no id for the item"),
        ({"associations": {"featuremedia": {"renditions": 3}}}, "renditions is a number"),
    ],
)
def test_a_ninjs_item_with_a_wrong_field_is_refused_with_the_reason(fields, reason):
    document = read_document(samples.to_json([samples.xinhua_ninjs_item(**fields)]))
    assert document.items == []
    [(_, refused_reason)] = document.refused
    assert reason in refused_reason


def test_an_entry_that_is_not_an_object_is_refused_by_its_position():
    document = read_document(samples.to_json([samples.xinhua_ninjs_item(), "oops"]))
    assert len(document.items) == 1
    assert document.refused == [("#2", "text, not a ninjs item (a JSON object)")]


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "data:image/png;base64,AAAA", "/rel.jpg"]
)
def test_a_picture_without_an_http_address_is_dropped_and_told_the_item_kept(href):
    item = samples.xinhua_ninjs_item()
    item["associations"]["featuremedia"]["renditions"] = {"original": {"href": href}}
    document = read_document(samples.to_json(item))
    [kept] = document.items
    assert kept.pictures == ()
    [(guid, reason)] = document.refused
    assert guid == kept.guid
    assert reason.startswith("picture ") and reason.endswith(": not an http(s) address")


def test_an_http_rendition_is_chosen_over_a_larger_one_elsewhere():
    item = samples.xinhua_ninjs_item()
    renditions = item["associations"]["featuremedia"]["renditions"]
    renditions["original"]["href"] = "ftp://photos.example/original.jpg"
    document = read_document(samples.to_json(item))
    assert document.items[0].pictures[0].href.endswith("putin-base.jpg")
    assert document.refused == []  # another rendition of the same picture was usable


def test_long_texts_are_cut_at_a_word_with_an_ellipsis():
    words = " ".join(["kerjasama"] * 60)
    item = read_one(
        samples.to_json(
            samples.xinhua_ninjs_item(
                headline=words, description_text=words, located=words, copyrightholder=words
            )
        )
    )
    for text, limit in [
        (item.headline, 200),
        (item.standfirst, 300),
        (item.located, 120),
        (item.provider, 120),
    ]:
        assert len(text) <= limit
        assert text.endswith("kerjasama…")


def test_a_single_word_longer_than_the_field_is_cut_inside_it():
    headline = read_one(samples.to_json(samples.xinhua_ninjs_item(headline="x" * 500))).headline
    assert headline == "x" * 199 + "…"


# RSS and Atom


def test_an_rss_item_with_media_rss_gives_every_field():
    document = read_document(samples.rss_feed())
    assert document.format == "rss"
    assert document.title == "Xinhua Indonesia"
    [item] = document.items
    assert document.refused == []
    assert item.guid == "xinhua-20261201-putin"
    assert item.link == "https://english.xinhua.example/20261201/putin.html"
    assert item.headline == "Putin: Rusia siap perluas kerja sama dengan Indonesia"
    assert item.body_html == samples.XINHUA_BODY
    assert item.standfirst == "Rusia dan Indonesia akan menandatangani perjanjian."
    assert item.provider == "Xinhua"
    assert item.byline == "Alexander Zemlianichenko"
    assert item.subjects == ("Politik", "Ekonomi")
    assert item.version is None
    assert item.version_time == datetime(2026, 12, 1, 6, 0, tzinfo=WIB)  # atom:updated
    assert item.first_created == datetime(2026, 12, 1, 5, 0, tzinfo=WIB)  # pubDate
    base = "https://photos.xinhua.example/2026/12/01/putin"
    assert [(p.href, p.caption, p.credit) for p in item.pictures] == [
        (f"{base}-original.jpg", samples.XINHUA_CAPTION, samples.XINHUA_CREDIT),
        (f"{base}-2-large.jpg", "Gedung Kremlin.", "Xinhua/Bai Xueqi"),  # the group's largest
        (f"{base}-3.jpg", "", ""),  # the image enclosure; the thumbnail and the audio left out
    ]


def test_an_rss_item_without_atom_updated_is_versioned_by_its_pub_date():
    item = read_one(samples.rss_feed(samples.rss_item(updated=None)))
    assert item.version_time == datetime(2026, 12, 1, 5, 0, tzinfo=WIB)


def test_an_rss_item_without_guid_is_known_by_its_link():
    item = read_one(samples.rss_feed(samples.rss_item(guid=None)))
    assert item.guid == "https://english.xinhua.example/20261201/putin.html"


def test_a_media_thumbnail_is_the_picture_only_when_there_is_no_media_content():
    feed = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
<item><title>Judul</title><guid>g1</guid>
<description>Isi berita.</description>
<media:thumbnail url="https://p.example/t.jpg" width="150" height="100"/>
<media:description>{samples.XINHUA_CAPTION}</media:description>
<media:credit>Xinhua/Li</media:credit>
</item></channel></rss>""".encode()
    item = read_one(feed)
    assert [(p.href, p.caption, p.credit) for p in item.pictures] == [
        ("https://p.example/t.jpg", samples.XINHUA_CAPTION, "Xinhua/Li")
    ]
    # The item's own description is the body; the caption is not mistaken for it.
    assert item.body_html == "Isi berita."
    assert item.standfirst == ""


def test_a_caption_is_not_taken_for_the_summary_of_an_item_without_one():
    feed = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
<item><title>Judul</title><guid>g1</guid>
<media:content url="https://p.example/a.jpg" type="image/jpeg">
  <media:description>Keterangan foto</media:description></media:content>
</item></channel></rss>"""
    item = read_one(feed)
    assert item.body_html == ""
    assert item.pictures[0].caption == "Keterangan foto"


def test_several_rss_items_are_read_in_order():
    feed = samples.rss_feed(
        samples.rss_item(guid="a", title="Satu"), samples.rss_item(guid="b", title="Dua")
    )
    assert [(i.guid, i.headline) for i in read_document(feed).items] == [
        ("a", "Satu"),
        ("b", "Dua"),
    ]


def test_an_rss_item_without_a_title_is_refused_and_the_others_kept():
    feed = samples.rss_feed(samples.rss_item(guid="a", title=""), samples.rss_item(guid="b"))
    document = read_document(feed)
    assert [i.guid for i in document.items] == ["b"]
    assert document.refused == [("a", "unusable text: no headline")]


def test_a_media_rss_picture_without_an_http_address_is_dropped_and_told():
    extra = '<media:content url="file:///etc/passwd" type="image/jpeg"/>'
    document = read_document(samples.rss_feed(samples.rss_item(extra=extra)))
    [item] = document.items
    assert "file:///etc/passwd" not in [p.href for p in item.pictures]
    assert document.refused == [
        ("xinhua-20261201-putin", "picture 'file:///etc/passwd': not an http(s) address")
    ]


def test_an_atom_entry_gives_every_field():
    document = read_document(samples.atom_feed())
    assert document.format == "atom"
    assert document.title == "ANTARA News"
    [item] = document.items
    assert item.guid == "tag:antara.example,2026:berita-1"
    assert item.headline == "Gempa di Sulawesi"
    assert item.link == "https://antara.example/berita/1"
    assert item.body_html == "<p>Gempa mengguncang Sulawesi pagi ini.</p>"
    assert item.standfirst == "Gempa magnitudo 6 <b> mengguncang."  # a text summary stays text
    assert item.byline == "Rina Wulandari"
    assert item.provider == "ANTARA"
    assert item.subjects == ("Bencana", "sulawesi")
    assert item.version_time == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    assert item.first_created == datetime(2026, 12, 1, 6, 30, tzinfo=UTC)
    assert [p.href for p in item.pictures] == ["https://photos.antara.example/gempa.jpg"]


def test_several_atom_entries_are_read_with_their_updates():
    feed = samples.atom_feed(
        samples.atom_entry(entry_id="tag:a", updated="2026-12-01T07:00:00Z"),
        samples.atom_entry(entry_id="tag:b", updated="2026-12-01T08:00:00+07:00"),
    )
    items = read_document(feed).items
    assert [(i.guid, i.version_time) for i in items] == [
        ("tag:a", datetime(2026, 12, 1, 7, 0, tzinfo=UTC)),
        ("tag:b", datetime(2026, 12, 1, 1, 0, tzinfo=UTC)),
    ]


# NewsML-G2


def test_a_newsml_g2_text_item_gives_every_field():
    item = read_one(samples.newsml_document(samples.newsml_item()))
    assert item.guid == "urn:newsml:xinhua.net:20261201:putin-g2"
    assert item.version == 2
    assert item.version_time == datetime(2026, 12, 1, 5, 0, tzinfo=WIB)
    assert item.first_created == datetime(2026, 12, 1, 4, 30, tzinfo=WIB)
    assert item.provider == "XINHUA"
    assert item.headline == "Putin: Rusia siap perluas kerja sama dengan Indonesia"
    assert item.standfirst == "Rusia dan Indonesia akan menandatangani perjanjian."
    assert item.located == "Moskow, Rusia"
    assert item.byline == "Alexander Zemlianichenko"
    assert item.subjects == ("Politik", "Rusia", "Indonesia")
    assert item.body_html == samples.XINHUA_BODY
    [picture] = item.pictures
    assert picture.href == "https://photos.xinhua.example/2026/12/01/putin-g2-high.jpg"
    assert picture.caption == samples.XINHUA_CAPTION
    assert picture.credit == samples.XINHUA_CREDIT


@pytest.mark.parametrize(
    ("provider", "expected"),
    [
        ('<provider literal="Xinhua"/>', "Xinhua"),
        ('<provider qcode="nprov:XIN"><name>Xinhua</name></provider>', "Xinhua"),
        ('<provider qcode="nprov:XINHUA"/>', "XINHUA"),
        ('<provider uri="http://xinhua.example/"/>', "Xinhua News Agency"),  # copyright holder
    ],
)
def test_the_newsml_g2_provider_is_its_literal_name_or_code(provider, expected):
    assert read_one(samples.newsml_document(samples.newsml_item(provider=provider))).provider == (
        expected
    )


def test_a_newsml_g2_nitf_body_becomes_html_with_its_abstract_and_byline():
    item = samples.newsml_item(body=samples.NITF_BODY)
    item = item.replace("<by>Alexander Zemlianichenko</by>", "").replace(
        'role="drol:summary"', 'role="drol:other"'
    )
    read = read_one(samples.newsml_document(item))
    assert " ".join(read.body_html.split()) == (
        "<p>Paragraf <em>pertama</em>.</p> <h3>Subjudul</h3> <p>Paragraf kedua.</p>"
    )
    assert read.byline == "Oleh Budi Santoso, Koresponden"
    # With no description of role summary, the first description is the standfirst.
    assert read.standfirst == samples.XINHUA_CAPTION


def test_a_newsml_g2_image_link_is_a_picture():
    links = (
        '<link rel="irel:associatedWith" href="https://p.example/linked.jpg"'
        ' contenttype="image/jpeg"><title>Foto terkait</title></link>'
        '<link rel="irel:seeAlso" href="https://p.example/page.html" contenttype="text/html"/>'
    )
    item = read_one(samples.newsml_document(samples.newsml_item(links=links)))
    assert [(p.href, p.caption) for p in item.pictures][1:] == [
        ("https://p.example/linked.jpg", "Foto terkait")
    ]


def test_a_newsml_g2_message_gives_its_items_and_attaches_linked_pictures():
    links = '<link rel="irel:associatedWith" residref="pic-1"/>'
    message = samples.newsml_message(
        samples.newsml_item(guid="text-1", namespace=False, links=links),
        samples.newsml_picture_item(guid="pic-1", href="https://p.example/pic-1.jpg"),
        samples.newsml_item(guid="text-2", namespace=False, headline="Berita kedua"),
        samples.newsml_picture_item(guid="pic-2", href="https://p.example/pic-2.jpg"),
        samples.newsml_picture_item(guid="pic-3", href="https://p.example/pic-3.jpg"),
        packages='<packageItem guid="pkg"><groupSet root="r"><group id="r">'
        '<itemRef residref="text-2"/><itemRef residref="pic-2"/></group></groupSet></packageItem>',
    )
    document = read_document(message)
    assert document.refused == []
    by_guid = {item.guid: item for item in document.items}
    # pic-3 is attached to no story: it is an item of its own, its caption as the standfirst.
    assert list(by_guid) == ["text-1", "text-2", "pic-3"]
    assert [p.href for p in by_guid["text-1"].pictures][1:] == ["https://p.example/pic-1.jpg"]
    assert by_guid["text-1"].pictures[1].credit == samples.XINHUA_CREDIT
    assert [p.href for p in by_guid["text-2"].pictures][1:] == ["https://p.example/pic-2.jpg"]
    assert by_guid["pic-3"].standfirst == samples.XINHUA_CAPTION
    assert by_guid["pic-3"].pictures[0].href == "https://p.example/pic-3.jpg"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (('version="2"', 'version="v2"'), "version 'v2' is not a whole number"),
        (("ninat:text", "ninat:video"), "a video item, not a story or a picture"),
        (("stat:usable", "stat:canceled"), "the agency withdrew this item"),
        (("<headline>Putin", "<headline> <!-- -->"), None),
    ],
)
def test_a_wrong_newsml_g2_item_is_refused_and_the_others_kept(change, reason):
    bad = samples.newsml_item(guid="bad", namespace=False).replace(*change)
    if reason is None:  # an empty headline
        bad = bad.replace(
            "<headline> <!-- -->: Rusia siap perluas kerja sama dengan Indonesia</headline>",
            "<headline>  </headline>",
        )
        reason = "unusable text: no headline"
    message = samples.newsml_message(bad, samples.newsml_item(guid="good", namespace=False))
    document = read_document(message)
    assert [item.guid for item in document.items] == ["good"]
    [(guid, refused_reason)] = document.refused
    assert guid == "bad" and reason in refused_reason


# Hostile input

SECRET_MARKER = "wire-secret-marker-4242"


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET_MARKER)
    return path


def assert_refused_quickly(data: bytes, reason: str) -> str:
    started = time.monotonic()
    with pytest.raises(WireError, match=reason) as refusal:
        read_document(data)
    assert time.monotonic() - started < 1
    message = str(refusal.value)
    assert "\n" not in message
    return message


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>"""


def test_billion_laughs_is_refused_quickly():
    assert_refused_quickly(BILLION_LAUGHS, "DOCTYPE")


def test_a_doctype_alone_is_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "rss.dtd"><rss version="2.0"/>'
    assert_refused_quickly(data, "DOCTYPE")


@pytest.mark.parametrize("root", ["rss", "newsItem", "feed"])
def test_an_external_file_entity_is_refused_with_nothing_read(secret_file, root):
    data = f"""<?xml version="1.0"?>
<!DOCTYPE {root} [<!ENTITY secret SYSTEM "file://{secret_file}">]>
<{root}><channel><title>&secret;</title></channel></{root}>""".encode()
    message = assert_refused_quickly(data, "DOCTYPE")
    assert SECRET_MARKER not in message


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [<!ENTITY remote SYSTEM "http://10.255.255.1/x.xml">]>',
        '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://10.255.255.1/x.dtd"> %remote;]>',
        '<!DOCTYPE rss SYSTEM "http://10.255.255.1/rss.dtd">',
    ],
)
def test_an_external_http_entity_is_refused_without_a_connection(doctype):
    # 10.255.255.1 does not answer: a parser that tried to fetch would hang past the second.
    data = f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel/></rss>'.encode()
    assert_refused_quickly(data, "DOCTYPE")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"uri": "urn:x", "headline": "A",', "broken JSON"),
        (b'[{"uri": "urn:x"} {"uri": "urn:y"}]', "broken JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ('{"uri": "urn:x", "headline": "Café"}'.encode("latin-1"), "JSON that is not UTF-8"),
        (b"<rss><channel><title>unclosed</channel></rss>", "not well-formed XML"),
        ("<rss><channel><title>Café</title></channel></rss>".encode("latin-1"), "not well-formed"),
        (b'<?xml version="1.0" encoding="x-no-such"?><rss/>', "XML"),
    ],
)
def test_broken_documents_are_refused_with_a_one_line_reason(data, reason):
    assert_refused_quickly(data, reason)


def test_json_in_utf_16_with_a_bom_is_read():
    data = json.dumps(samples.xinhua_ninjs_item(located="Moskow, Rusia é")).encode("utf-16")
    assert read_one(data).located == "Moskow, Rusia é"


def test_xml_in_the_encoding_it_declares_is_read():
    feed = samples.rss_feed(samples.rss_item(title="Café di Moskow")).decode()
    feed = feed.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    feed = feed.replace(samples.XINHUA_CAPTION, "x")
    item = read_one(feed.encode("latin-1"))
    assert item.headline == "Café di Moskow"


def test_deeply_nested_xml_refuses_the_item_not_the_reader():
    body = (
        '<inlineXML contenttype="application/xhtml+xml">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        + "<div>" * 5000
        + "x"
        + "</div>" * 5000
        + "</body></html></inlineXML>"
    )
    message = samples.newsml_message(
        samples.newsml_item(guid="deep", namespace=False, body=body),
        samples.newsml_item(guid="flat", namespace=False),
    )
    document = read_document(message)
    assert [item.guid for item in document.items] == ["flat"]
    assert document.refused == [("deep", "nested too deeply to read")]


def test_media_rss_captions_are_not_taken_for_the_story():
    rss = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
<item><title>Judul</title><guid>g1</guid><description>Isi berita.</description>
<media:content url="https://p.example/a.jpg" type="image/jpeg">
  <media:description>Keterangan A</media:description></media:content>
<media:keywords>foto, kremlin</media:keywords>
</item></channel></rss>"""
    atom = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<title>T</title><id>f</id><updated>2026-12-01T07:00:00Z</updated>
<entry><id>e1</id><title>Judul</title><updated>2026-12-01T07:00:00Z</updated>
<summary>Ringkasan.</summary><media:description>Keterangan B</media:description>
</entry></feed>"""
    from_rss, from_atom = read_one(rss), read_one(atom)
    assert (from_rss.body_html, from_rss.standfirst, from_rss.subjects) == ("Isi berita.", "", ())
    assert from_rss.pictures[0].caption == "Keterangan A"
    assert from_atom.body_html == "<p>Ringkasan.</p>"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_xml_in_utf_16_is_read(encoding):
    feed = samples.rss_feed(samples.rss_item(title="Café di Moskow")).decode()
    item = read_one(feed.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode(encoding))
    assert item.headline == "Café di Moskow"


def test_a_json_feed_is_told_apart_from_ninjs():
    data = samples.to_json({"version": "https://jsonfeed.org/version/1.1", "items": []})
    with pytest.raises(WireError, match="a JSON Feed, not ninjs"):
        read_document(data)


def test_xml_in_a_multi_byte_encoding_it_declares_is_read():
    feed = samples.rss_feed(samples.rss_item(title="普京：俄罗斯准备与印尼合作")).decode()
    feed = feed.replace('encoding="UTF-8"', 'encoding="GB2312"').replace("Café", "")
    assert read_one(feed.encode("gb2312")).headline == "普京：俄罗斯准备与印尼合作"


def test_xml_not_in_the_encoding_it_declares_is_refused():
    feed = samples.rss_feed().decode().replace('encoding="UTF-8"', 'encoding="GB2312"')
    data = feed.encode("utf-8").replace(b"Putin", b"Put\xff n")  # 0xff begins no GB2312 character
    assert_refused_quickly(data, "XML that is not gb2312 as it declares: byte 0xff at position")


def test_a_ninjs_picture_item_is_its_own_picture_with_its_caption_as_standfirst():
    item = {
        "uri": "urn:xinhua:photo:1",
        "type": "picture",
        "headline": "Putin di Moskow",
        "description_text": samples.XINHUA_CAPTION,
        "byline": samples.XINHUA_CREDIT,
        "renditions": {"original": {"href": "https://p.example/photo.jpg", "width": 10}},
    }
    read = read_one(samples.to_json(item))
    assert read.standfirst == samples.XINHUA_CAPTION
    assert read.pictures == (
        WirePicture("https://p.example/photo.jpg", samples.XINHUA_CAPTION, samples.XINHUA_CREDIT),
    )


def test_a_newsml_g2_plain_text_body_becomes_paragraphs():
    body = '<inlineData contenttype="text/plain">Satu &amp; dua.\n\nTiga.</inlineData>'
    item = read_one(samples.newsml_document(samples.newsml_item(body=body)))
    assert item.body_html == "<p>Satu &amp; dua.</p><p>Tiga.</p>"


def _paths(value, path=()):
    """Every place in a JSON value, as the keys and indexes that lead to it."""
    if path:
        yield path
    if isinstance(value, dict | list):
        for key, child in value.items() if isinstance(value, dict) else enumerate(value):
            yield from _paths(child, (*path, key))


@pytest.mark.parametrize("sample", [samples.xinhua_ninjs_item, samples.ninjs2_item])
def test_any_ninjs_field_of_any_type_gives_a_document_or_a_reason(sample):
    for path in _paths(sample()):
        for wrong in (None, 7, 1.5, True, "", [], {}, [1], {"a": 1}):
            item = sample()
            parent = item
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = wrong
            try:
                document = read_document(samples.to_json(item))
            except WireError:
                continue
            assert len(document.items) + len(document.refused) >= 1, path


@pytest.mark.parametrize(
    ("authors", "byline"),
    [
        ("<author>redaksi@xinhua.example (Li Wei)</author>", "Li Wei"),
        ("<author>Li Wei &lt;li@xinhua.example&gt;</author>", "Li Wei"),
        ("<author>redaksi@xinhua.example</author>", ""),
        ("<dc:creator>Li Wei</dc:creator><dc:creator>Bai Xueqi</dc:creator>", "Li Wei, Bai Xueqi"),
    ],
)
def test_an_rss_byline_gives_every_name_and_never_an_address(authors, byline):
    feed = samples.rss_feed(samples.rss_item(extra=authors)).replace(
        b"<dc:creator>Alexander Zemlianichenko</dc:creator>", b""
    )
    assert read_one(feed).byline == byline
