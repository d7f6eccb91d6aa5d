"""ingest_wire: files and addresses, polling the due sources, its output and exit status."""

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article
from tests import server
from tests.factories import SectionFactory, image_bytes
from tests.wire import samples
from wire.models import WireSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return SectionFactory(name="Dunia", slug="dunia")


def xinhua_story(
    *, uri="urn:xinhua:1", headline="Rusia dan China perkuat kerja sama", **fields
) -> dict:
    """Xinhua's ninjs item (tests/wire/samples.py) without its picture: nothing to fetch."""
    return samples.xinhua_ninjs_item(uri=uri, headline=headline, picture_base=None, **fields)


def ninjs(*items: dict) -> bytes:
    return samples.to_json(list(items))


def run(*args) -> tuple[str, str | None]:
    """The command's output, and its error if it exits with one."""
    out = StringIO()
    try:
        call_command("ingest_wire", *args, stdout=out, no_color=True)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def test_a_file_is_ingested_with_a_line_per_item(tmp_path, world):
    path = tmp_path / "xinhua.json"
    path.write_bytes(ninjs(xinhua_story(), xinhua_story(uri="urn:xinhua:2", headline="Kedua")))

    output, error = run(str(path), "--section", "dunia")

    assert error is None
    lines = output.splitlines()
    assert lines[0] == f"{path}:"
    assert lines[1].startswith("  created: urn:xinhua:1 “Rusia dan China perkuat kerja sama”")
    assert lines[2].startswith("  created: urn:xinhua:2 “Kedua”")
    assert lines[-1] == "Summary: 2 created, 0 updated, 0 skipped, 0 kept for review, 0 refused."
    assert Article.objects.filter(status="draft").count() == 2


def test_running_twice_skips_and_a_newer_version_updates(tmp_path, world):
    path = tmp_path / "xinhua.json"
    path.write_bytes(ninjs(xinhua_story()))
    run(str(path), "--section", "dunia")

    output, _ = run(str(path), "--section", "dunia")
    assert "  skipped: urn:xinhua:1" in output

    path.write_bytes(ninjs(xinhua_story(version="2", headline="Judul baru")))
    output, _ = run(str(path), "--section", "dunia")
    assert "  updated: urn:xinhua:1 “Judul baru”" in output
    assert Article.objects.get().headline == "Judul baru"


def test_an_item_refused_makes_the_command_fail(tmp_path, db):
    path = tmp_path / "xinhua.json"
    path.write_bytes(ninjs(xinhua_story()))

    output, error = run(str(path))

    assert "  refused: urn:xinhua:1 “Rusia dan China perkuat kerja sama” — no section" in output
    assert "1 refused." in output
    assert error == "1 refused."


def test_a_document_refused_whole_counts(tmp_path, world):
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"items": [')
    good = tmp_path / "good.json"
    good.write_bytes(ninjs(xinhua_story()))

    output, error = run(str(broken), str(good), "--section", "dunia")

    assert f"  refused: {broken} — broken JSON" in output
    assert "  created: urn:xinhua:1" in output
    assert error == "1 refused."


def test_a_missing_file_or_a_refused_address_is_one_line(tmp_path, world, settings):
    settings.WIRE_ALLOW_PRIVATE_ADDRESSES = False

    output, error = run(str(tmp_path / "none.json"), "http://169.254.169.254/latest/")

    assert f"  refused: {tmp_path / 'none.json'} — cannot read" in output
    assert "is at 169.254.169.254, a local or private address: refused" in output
    assert error == "2 refused."


def test_an_address_is_fetched_with_its_pictures(world, wire_server, private_allowed):
    # The largest rendition of the item's picture is the one fetched.
    wire_server.serve("/photo-original.jpg", image_bytes(), content_type="image/jpeg")
    item = samples.xinhua_ninjs_item(picture_base=wire_server.url("/photo"))
    url = wire_server.serve("/feed.json", ninjs(item), content_type="application/json")

    output, error = run(url, "--section", "dunia", "--agency", "Antara")

    assert error is None, output
    assert wire_server.requests == ["/feed.json", "/photo-original.jpg"]
    article = Article.objects.get()
    assert article.source_agencies.startswith("Antara")
    assert article.lead_photo.credit == samples.XINHUA_CREDIT


def test_an_unknown_section_is_an_error(db):
    with pytest.raises(CommandError, match="no section with the slug “nowhere”"):
        call_command("ingest_wire", "x.json", "--section", "nowhere")


def test_nothing_to_do_is_an_error(db):
    with pytest.raises(CommandError, match="Give a file or an address"):
        call_command("ingest_wire")


def test_sources_polls_only_the_active_due_ones(world, wire_server, private_allowed):
    feed = wire_server.serve("/feed.json", ninjs(xinhua_story()))
    now = timezone.now()
    due = WireSource.objects.create(
        name="Due", location=feed, default_section=world, last_polled_at=now - timedelta(minutes=20)
    )
    never = WireSource.objects.create(
        name="Never polled", location=feed, agency="Antara", default_section=world
    )
    recent = WireSource.objects.create(
        name="Recent", location=feed, last_polled_at=now - timedelta(minutes=5)
    )
    inactive = WireSource.objects.create(name="Off", location=feed, active=False)

    output, error = run("--sources")

    assert error is None, output
    assert "Due (" in output and "Never polled (" in output
    assert "Recent" not in output and "Off" not in output
    assert wire_server.requests == ["/feed.json", "/feed.json"]
    for source in (due, never):
        source.refresh_from_db()
        assert source.last_polled_at > now
        assert source.last_result.startswith("1 created")
    recent.refresh_from_db()
    inactive.refresh_from_db()
    assert recent.last_polled_at < now and inactive.last_polled_at is None
    # The two sources name two agencies: the same item is a story of each.
    assert Article.objects.count() == 2


def test_a_source_naming_a_file_outside_the_drop_folder_is_refused(world, tmp_path, settings):
    settings.WIRE_FILE_SOURCES_DIR = str(tmp_path / "drop")
    source = WireSource.objects.create(name="Local", location="/etc/passwd")

    output, error = run("--sources")

    assert "refused: /etc/passwd — Isi alamat http(s)" in output
    assert error == "1 refused."
    source.refresh_from_db()
    assert "1 refused" in source.last_result


def test_a_source_in_the_drop_folder_is_read(world, tmp_path, settings):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "today.json").write_bytes(ninjs(xinhua_story()))
    settings.WIRE_FILE_SOURCES_DIR = str(drop)
    WireSource.objects.create(name="Drop", location=str(drop / "today.json"), default_section=world)

    output, error = run("--sources")

    assert error is None, output
    assert Article.objects.count() == 1


def command_process(*args):
    env = {
        **os.environ,
        "DATABASE_URL": server.test_database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "EMBEDDED_POSTGRES": "false",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "ingest_wire", *args],
        cwd=server.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_the_exit_status_says_whether_anything_was_refused(tmp_path):
    nothing_due = command_process("--sources")
    refused = command_process(str(tmp_path / "missing.json"))

    assert nothing_due.returncode == 0, nothing_due.stderr
    assert "No wire source is due." in nothing_due.stdout
    assert refused.returncode == 1
    assert "refused:" in refused.stdout and "cannot read" in refused.stdout
    assert "1 refused." in refused.stderr
    assert "Traceback" not in refused.stderr


# Each agency format, with what the readers take from it all the way to the draft.


@pytest.fixture
def pictures_everywhere(wire_server, private_allowed):
    """Every path of the test server that is not a document is a JPEG."""
    wire_server.fallback = (200, "image/jpeg", image_bytes(size=(800, 600)))
    return wire_server


def test_a_xinhua_ninjs_item_becomes_a_draft_like_the_reference_page(
    world, pictures_everywhere, settings, tmp_path
):
    settings.NEWSROOM_SITE_NAME = "Indonesia Window"
    item = samples.xinhua_ninjs_item(picture_base=pictures_everywhere.url("/putin"))
    path = tmp_path / "xinhua.json"
    path.write_bytes(samples.to_json(item))

    output, error = run(str(path), "--section", "dunia")

    assert error is None, output
    assert "  created: urn:newsml:xinhua.net:20261201:putin-indonesia" in output
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.dateline == "Moskow, Rusia (Xinhua/Indonesia Window) –"
    assert article.byline == "Redaksi"
    assert {tag.name for tag in article.tags.all()} >= {"Politik", "Ekonomi"}
    lead = article.lead_photo
    assert (lead.caption, lead.credit) == (samples.XINHUA_CAPTION, samples.XINHUA_CREDIT)
    assert lead.alt_text == samples.XINHUA_CAPTION
    assert article.wire_story.alt_text_needs_check

    newer = samples.xinhua_ninjs_item(
        version="2",
        headline="Putin: kerja sama diperluas",
        picture_base=pictures_everywhere.url("/putin"),
    )
    path.write_bytes(samples.to_json(newer))
    output, _ = run(str(path), "--section", "dunia")
    assert "  updated: urn:newsml:xinhua.net:20261201:putin-indonesia" in output
    assert Article.objects.get().headline == "Putin: kerja sama diperluas"
    assert article.photos.count() == 1


def test_an_rss_feed_with_media_rss_is_ingested_from_an_address(world, pictures_everywhere):
    feed = samples.rss_feed(samples.rss_item(picture_base=pictures_everywhere.url("/putin")))
    url = pictures_everywhere.serve("/rss.xml", feed, content_type="application/rss+xml")

    output, error = run(url, "--section", "dunia")

    assert error is None, output
    article = Article.objects.get()
    assert article.photos.exists()
    assert article.lead_photo.credit == samples.XINHUA_CREDIT
    assert article.wire_story.format == "rss"


def test_a_newsml_g2_item_is_ingested(world, pictures_everywhere, tmp_path):
    path = tmp_path / "item.xml"
    path.write_bytes(
        samples.newsml_document(
            samples.newsml_item(picture_base=pictures_everywhere.url("/putin-g2"))
        )
    )

    output, error = run(str(path), "--section", "dunia")

    assert error is None, output
    story = Article.objects.get().wire_story
    assert (story.guid, story.version) == ("urn:newsml:xinhua.net:20261201:putin-g2", 2)


def test_xml_with_entities_is_refused_whole(world, tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<rss version="2.0"><channel><title>&lol2;</title></channel></rss>'
    )

    output, error = run(str(path), "--section", "dunia")

    assert f"  refused: {path} — " in output
    assert error == "1 refused."
    assert not Article.objects.exists()
