"""Items into drafts: text, agency, byline, section, pictures, versions and refusals."""

import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from PIL import Image
from taggit.models import Tag

from articles.caching import AfterCommit
from articles.models import Article, Author, Photo
from tests.factories import AuthorFactory, SectionFactory, image_bytes
from wire.ingest import apply_pending_update, ingest, pending_comparison
from wire.items import WireDocument, WireItem, WirePicture
from wire.models import SubjectSection, WireSource, WireStory

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Rusia dan China sepakat memperkuat kerja sama energi.</p>"
    '<script>alert("x")</script><p>Kedua negara menandatangani perjanjian.</p>'
)


def xinhua_item(**overrides) -> WireItem:
    values = {
        "guid": "urn:newsml:xinhuanet.com:20261201:a1",
        "headline": "Rusia dan China perkuat kerja sama energi",
        "standfirst": "Kedua negara menandatangani perjanjian baru.",
        "body_html": BODY,
        "located": "Moskow, Rusia",
        "provider": "Xinhua",
        "byline": "Xinhua",
        "subjects": ("Energi", "Rusia"),
        "version": 1,
        "version_time": datetime(2026, 12, 1, 3, 0, tzinfo=UTC),
    }
    values.update(overrides)
    return WireItem(**values)


def noise_png(width: int, height: int) -> bytes:
    """A PNG of random pixels: it does not compress, so it is as large as it looks."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def document(*items, title="Xinhua Indonesia", refused=()) -> WireDocument:
    return WireDocument(format="ninjs", items=list(items), title=title, refused=list(refused))


@pytest.fixture(autouse=True)
def site_name(settings):
    settings.NEWSROOM_SITE_NAME = "Indonesia Window"
    settings.WIRE_AGENCY_WITH_SITE_NAME = True


@pytest.fixture
def world(db):
    return SectionFactory(name="Dunia", slug="dunia")


def test_an_item_becomes_a_draft_with_dateline_and_agency(world):
    report = ingest(document(xinhua_item()), section=world)

    [result] = report.created
    article = Article.objects.get(pk=result.article_id)
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert article.headline == "Rusia dan China perkuat kerja sama energi"
    assert article.standfirst == "Kedua negara menandatangani perjanjian baru."
    assert "<script>" not in article.body and "perjanjian" in article.body
    assert article.dateline == "Moskow, Rusia (Xinhua/Indonesia Window) –"
    assert article.section == world
    assert sorted(tag.name for tag in article.tags.all()) == ["Energi", "Rusia"]
    assert article.slug == "rusia-dan-china-perkuat-kerja-sama-energi"
    story = article.wire_story
    assert (story.agency, story.guid, story.version, story.format) == (
        "Xinhua",
        "urn:newsml:xinhuanet.com:20261201:a1",
        1,
        "ninjs",
    )


def test_the_site_name_follows_the_agency_only_when_set(world, settings):
    settings.WIRE_AGENCY_WITH_SITE_NAME = False

    [result] = ingest(document(xinhua_item()), section=world).created

    assert Article.objects.get(pk=result.article_id).source_agencies == "Xinhua"


@pytest.mark.parametrize(
    ("option", "source_agency", "provider", "expected"),
    [
        ("Antara", "Reuters", "Xinhua", "Antara/Indonesia Window"),
        (None, "Reuters", "Xinhua", "Reuters/Indonesia Window"),
        (None, "", "Xinhua", "Xinhua/Indonesia Window"),
        (None, "", "", "Xinhua Indonesia/Indonesia Window"),  # the feed's title
    ],
)
def test_the_agency_is_the_option_then_the_source_then_the_item_then_the_feed(
    world, option, source_agency, provider, expected
):
    source = WireSource.objects.create(
        name="Feed", location="https://example.com/feed", agency=source_agency
    )
    item = xinhua_item(provider=provider, byline="")

    [result] = ingest(document(item), source=source, section=world, agency=option).created

    assert Article.objects.get(pk=result.article_id).source_agencies == expected


def test_a_persons_byline_becomes_an_author_or_matches_one(world):
    existing = AuthorFactory(name="Li Wei", slug="li-wei")

    [first] = ingest(document(xinhua_item(byline="By LI WEI")), section=world).created
    [second] = ingest(
        document(xinhua_item(guid="b2", byline="Anna Petrova and Li Wei, Xinhua")), section=world
    ).created

    assert list(Article.objects.get(pk=first.article_id).authors.all()) == [existing]
    authors = Article.objects.get(pk=second.article_id).authors.order_by("name")
    assert [author.name for author in authors] == ["Anna Petrova", "Li Wei"]
    assert authors[0].slug == "anna-petrova"


@pytest.mark.parametrize(
    "byline", ["Xinhua", "Reuters Staff", "AFP", "Redaksi", "Antara News Desk", "", "XINHUA"]
)
def test_an_agency_or_desk_byline_leaves_the_desk_byline(world, byline):
    [result] = ingest(document(xinhua_item(byline=byline)), section=world).created

    article = Article.objects.get(pk=result.article_id)
    assert article.byline == "Redaksi"
    assert not Author.objects.exists()


def test_a_subject_mapped_by_the_editors_decides_the_section(world):
    economy = SectionFactory(name="Ekonomi", slug="ekonomi")
    SubjectSection.objects.create(subject="energi", section=economy)
    source = WireSource.objects.create(
        name="Feed", location="https://example.com/feed", default_section=world
    )

    [result] = ingest(document(xinhua_item()), source=source).created

    assert Article.objects.get(pk=result.article_id).section == economy


def test_the_sources_section_comes_before_the_option(world):
    sport = SectionFactory(name="Olahraga", slug="olahraga")
    source = WireSource.objects.create(
        name="Feed", location="https://example.com/feed", default_section=sport
    )

    [result] = ingest(document(xinhua_item()), source=source, section=world).created

    assert Article.objects.get(pk=result.article_id).section == sport


def test_an_item_with_no_section_is_refused(db):
    [result] = ingest(document(xinhua_item())).refused

    assert result.reason.startswith("no section")
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"headline": "  <b> </b> "}, "the item has no headline"),
        ({"body_html": "<p> </p>", "standfirst": ""}, "the item has no text"),
        ({"guid": " "}, "the item has no id"),
    ],
)
def test_an_item_with_unusable_text_is_refused(world, overrides, reason):
    [result] = ingest(document(xinhua_item(**overrides)), section=world).refused

    assert result.reason == reason
    assert not Article.objects.exists()


def test_a_body_less_item_takes_its_standfirst_as_body(world):
    item = xinhua_item(body_html="", standfirst="Ringkas <saja> & jelas.")

    [result] = ingest(document(item), section=world).created

    assert Article.objects.get(pk=result.article_id).body == "<p>Ringkas &amp; jelas.</p>"


def test_nul_and_control_characters_do_not_reach_the_database(world):
    item = xinhua_item(headline="Berita\x00 penting\x07", body_html="<p>Isi\x00 berita</p>")

    [result] = ingest(document(item), section=world).created

    article = Article.objects.get(pk=result.article_id)
    assert article.headline == "Berita penting"
    assert "\x00" not in article.body


def test_slugs_are_ascii_and_unique(world):
    ingest(document(xinhua_item(guid="a", headline="Café à Jakarta")), section=world)
    ingest(document(xinhua_item(guid="b", headline="Café à Jakarta")), section=world)
    ingest(document(xinhua_item(guid="c", headline="北京")), section=world)

    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "berita",
        "cafe-a-jakarta",
        "cafe-a-jakarta-2",
    ]


def test_a_long_headline_is_cut_to_fit(world):
    item = xinhua_item(headline="kata " * 100)

    [result] = ingest(document(item), section=world).created

    assert len(Article.objects.get(pk=result.article_id).headline) == 200


def test_the_same_item_twice_makes_one_article(world):
    ingest(document(xinhua_item()), section=world)
    report = ingest(document(xinhua_item()), section=world)

    assert Article.objects.count() == 1
    [skipped] = report.skipped
    assert "is not newer" in skipped.reason


def test_the_same_item_from_two_feeds_of_the_agency_is_one_story(world):
    first = WireSource.objects.create(name="A", location="https://a.example/", agency="Xinhua")
    second = WireSource.objects.create(name="B", location="https://b.example/", agency="XINHUA")

    ingest(document(xinhua_item()), source=first, section=world)
    report = ingest(document(xinhua_item()), source=second, section=world)

    assert len(report.skipped) == 1
    assert WireStory.objects.count() == Article.objects.count() == 1


def test_a_newer_version_updates_the_draft(world):
    ingest(document(xinhua_item()), section=world)

    report = ingest(
        document(
            xinhua_item(
                version=2,
                headline="Rusia dan China teken perjanjian energi",
                body_html="<p>Versi baru.</p>",
                subjects=("Energi", "China"),
            )
        ),
        section=world,
    )

    [updated] = report.updated
    article = Article.objects.get()
    assert article.headline == "Rusia dan China teken perjanjian energi"
    assert article.body == "<p>Versi baru.</p>"
    assert article.status == Article.Status.DRAFT
    assert sorted(tag.name for tag in article.tags.all()) == ["China", "Energi"]
    assert article.wire_story.version == 2
    assert article.slug == "rusia-dan-china-perkuat-kerja-sama-energi"  # its address stays


def test_a_later_version_time_counts_as_newer(world):
    ingest(document(xinhua_item(version=None)), section=world)

    later = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
    report = ingest(
        document(xinhua_item(version=None, version_time=later, headline="Lebih baru")),
        section=world,
    )

    assert len(report.updated) == 1
    assert Article.objects.get().headline == "Lebih baru"


def test_an_older_version_changes_nothing(world):
    ingest(document(xinhua_item(version=3)), section=world)

    report = ingest(document(xinhua_item(version=2, headline="Lama")), section=world)

    assert [result.outcome for result in report.results] == ["skipped"]
    assert Article.objects.get().headline == "Rusia dan China perkuat kerja sama energi"


def test_a_newer_version_of_a_published_article_is_kept_for_an_editor(world):
    ingest(document(xinhua_item()), section=world)
    article = Article.objects.get()
    article.status = Article.Status.PUBLISHED
    article.save()

    report = ingest(
        document(xinhua_item(version=2, headline="Judul baru dari agensi")), section=world
    )

    [kept] = report.kept_for_review
    assert kept.article_id == article.pk
    article.refresh_from_db()
    assert article.headline == "Rusia dan China perkuat kerja sama energi"
    story = article.wire_story
    assert story.pending_update["headline"] == "Judul baru dari agensi"
    assert story.version == 1
    changes = {field.name: field for field in pending_comparison(story) if field.changed}
    assert (changes["headline"].now, changes["headline"].after) == (
        article.headline,
        "Judul baru dari agensi",
    )

    result = apply_pending_update(story)

    assert result.outcome == "updated"
    article.refresh_from_db()
    assert article.headline == "Judul baru dari agensi"
    assert article.status == Article.Status.PUBLISHED
    story.refresh_from_db()
    assert story.pending_update is None and story.version == 2


def test_a_version_older_than_the_pending_one_is_skipped(world):
    ingest(document(xinhua_item()), section=world)
    Article.objects.update(status=Article.Status.PUBLISHED, published_at=datetime.now(UTC))
    ingest(document(xinhua_item(version=3, headline="Tiga")), section=world)

    report = ingest(document(xinhua_item(version=2, headline="Dua")), section=world)

    assert len(report.skipped) == 1
    assert WireStory.objects.get().pending_update["headline"] == "Tiga"


def test_an_item_whose_article_was_deleted_is_not_made_again(world):
    ingest(document(xinhua_item()), section=world)
    Article.objects.get().delete()

    report = ingest(document(xinhua_item(version=2)), section=world)

    assert report.skipped[0].reason == "its article was deleted"
    assert not Article.objects.exists()


def test_pictures_become_photos_with_caption_credit_and_alt_text_to_check(
    world, wire_server, private_allowed
):
    lead = wire_server.serve("/lead.jpg", image_bytes(), content_type="image/jpeg")
    second = wire_server.serve("/2.png", image_bytes(image_format="PNG"), content_type="image/png")
    pictures = (
        WirePicture(lead, caption="Presiden berjabat tangan.", credit="Xinhua/Alexander Jr"),
        WirePicture(second, caption="Suasana pertemuan.", credit="Xinhua/Li Wei"),
    )

    [result] = ingest(document(xinhua_item(pictures=pictures)), section=world).created

    article = Article.objects.get(pk=result.article_id)
    photos = list(article.photos.order_by("order"))
    assert [(p.caption, p.credit, p.alt_text, p.is_lead) for p in photos] == [
        ("Presiden berjabat tangan.", "Xinhua/Alexander Jr", "Presiden berjabat tangan.", True),
        ("Suasana pertemuan.", "Xinhua/Li Wei", "Suasana pertemuan.", False),
    ]
    assert photos[0].renditions
    assert article.wire_story.alt_text_needs_check
    assert result.problems == []


def test_a_pictures_metadata_is_stripped_as_on_upload(world, wire_server, private_allowed):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    url = wire_server.serve("/exif.jpg", image_bytes(exif=exif.tobytes()))

    [result] = ingest(
        document(xinhua_item(pictures=(WirePicture(url, caption="Foto"),))), section=world
    ).created

    photo = Photo.objects.get(article_id=result.article_id)
    with Image.open(photo.image.path) as stored:
        assert not stored.getexif()


def test_a_picture_that_fails_leaves_the_story_without_it(world, wire_server, private_allowed):
    private_allowed.WIRE_MAX_PICTURE_BYTES = 50_000
    good = wire_server.serve("/good.jpg", image_bytes(size=(200, 100)))
    not_image = wire_server.serve("/page.jpg", b"<html>not a picture</html>")
    too_big = wire_server.serve("/big.png", noise_png(300, 300))
    missing = wire_server.url("/missing.jpg")
    pictures = tuple(WirePicture(url, caption="c") for url in (not_image, too_big, missing, good))

    with translation.override("en"):
        [result] = ingest(document(xinhua_item(pictures=pictures)), section=world).created

    [photo] = Photo.objects.filter(article_id=result.article_id)
    assert photo.is_lead
    assert len(result.problems) == 3
    assert "not an image" in result.problems[0]
    assert "the limit is" in result.problems[1]
    assert "answered 404" in result.problems[2]
    assert "left out" in result.line()


def test_a_newer_version_adds_only_new_pictures(world, wire_server, private_allowed):
    first = WirePicture(wire_server.serve("/1.jpg", image_bytes()), caption="Satu")
    second = WirePicture(wire_server.serve("/2.jpg", image_bytes()), caption="Dua")
    ingest(document(xinhua_item(pictures=(first,))), section=world)

    ingest(document(xinhua_item(version=2, pictures=(first, second))), section=world)

    photos = Article.objects.get().photos.order_by("order")
    assert [(p.caption, p.is_lead) for p in photos] == [("Satu", True), ("Dua", False)]
    assert wire_server.requests.count("/1.jpg") == 1


def test_a_refused_item_leaves_nothing_and_the_others_go_in(world, wire_server, private_allowed):
    # A real refusal from the database at the item's last write (its story), made by a
    # trigger for this test: everything the item wrote before is rolled back.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE FUNCTION refuse_bad_story() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_bad_story BEFORE INSERT ON wire_wirestory
                FOR EACH ROW WHEN (NEW.guid = 'bad') EXECUTE FUNCTION refuse_bad_story();
            """
        )
    picture = WirePicture(wire_server.serve("/bad.jpg", image_bytes()), caption="Foto")
    bad = xinhua_item(
        guid="bad", headline="Bad", byline="Anna Petrova", subjects=("Khusus",), pictures=(picture,)
    )
    good = xinhua_item(guid="good", headline="Berita lain", byline="", subjects=())

    report = ingest(document(bad, good), section=world)

    assert [result.outcome for result in report.results] == ["refused", "created"]
    assert "refused for the test" in report.refused[0].reason
    assert list(Article.objects.values_list("headline", flat=True)) == ["Berita lain"]
    assert not Author.objects.exists()
    assert not Tag.objects.exists()
    assert not Photo.objects.exists()
    assert wire_server.requests == ["/bad.jpg"]  # it was fetched, stored, then rolled back
    photos_folder = Path(settings.MEDIA_ROOT) / "photos"
    assert not [path for path in photos_folder.rglob("*") if path.name.startswith("bad-")]


def test_items_the_reader_refused_are_reported(world):
    report = ingest(document(refused=[("item 3", "no headline")]), section=world)

    assert [(r.guid, r.reason) for r in report.refused] == [("item 3", "no headline")]


def test_ingest_announces_the_article_to_the_http_cache(world):
    [result] = ingest(document(xinhua_item()), section=world).created

    # What the test's transaction will announce when it commits (articles/caching.py).
    keys = set().union(
        *(
            callback.keys
            for _savepoints, callback, _robust in connection.run_on_commit
            if isinstance(callback, AfterCommit)
        )
    )
    assert f"article-{result.article_id}" in keys


def test_a_version_numbered_by_a_time_stamp_fits(world):
    ingest(document(xinhua_item(version=20261201123456)), section=world)

    report = ingest(document(xinhua_item(version=20261201123500, headline="Baru")), section=world)

    assert len(report.updated) == 1
    assert WireStory.objects.get().version == 20261201123500


def test_at_most_twenty_pictures_of_an_item_are_fetched(world, wire_server, private_allowed):
    wire_server.fallback = (200, "image/jpeg", image_bytes(size=(100, 80)))
    pictures = tuple(WirePicture(wire_server.url(f"/{n}.jpg")) for n in range(22))

    [result] = ingest(document(xinhua_item(pictures=pictures)), section=world).created

    assert Photo.objects.filter(article_id=result.article_id).count() == 20
    assert len(result.problems) == 2 and "more than 20" in result.problems[0]
