"""The editors' wire in the admin: rights, importing a file, a draft's origin, agency updates."""

from datetime import UTC, datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from tests.articles.test_admin import article_form
from tests.rights import login_with
from tests.wire import samples
from wire.ingest import ingest
from wire.items import WireDocument, WireItem
from wire.models import WireSource, WireStory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:wire_import_file")


def ninjs_file(*items: dict, name="xinhua.json"):
    """A ninjs file of Xinhua's items (tests/wire/samples.py), as an editor uploads it."""
    return SimpleUploadedFile(name, samples.to_json(list(items)), content_type="application/json")


def xinhua_story(**fields) -> dict:
    """Xinhua's ninjs item without its picture: nothing to fetch."""
    return samples.xinhua_ninjs_item(picture_base=None, **fields)


def wire_article(section, **fields) -> Article:
    values = {"guid": "urn:xinhua:9", "headline": "Judul dari agensi", "body_html": "<p>Isi.</p>"}
    values.update(fields)
    document = WireDocument(format="ninjs", items=[WireItem(provider="Xinhua", **values)])
    [result] = ingest(document, section=section).created
    return Article.objects.get(pk=result.article_id)


def test_editors_hold_the_rights_on_the_wire(db):
    rights = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))

    assert {"add_wiresource", "change_subjectsection", "change_wirestory"} <= rights
    assert "publish_article" in rights  # articles/roles.py's rights are kept


def test_the_sources_list_offers_the_import(editor_client):
    response = editor_client.get(reverse("admin:wire_wiresource_changelist"))

    assert response.status_code == 200
    assert IMPORT_URL in response.content.decode()
    assert editor_client.get(IMPORT_URL).status_code == 200


def test_an_editor_imports_a_file_received_by_email(editor_client, section):
    upload = ninjs_file(
        xinhua_story(uri="urn:xinhua:1"), xinhua_story(uri="urn:xinhua:2", headline=" ")
    )

    response = editor_client.post(
        IMPORT_URL, {"file": upload, "section": section.pk, "agency": "Xinhua"}
    )

    assert response.status_code == 302
    *lines, summary = [str(message) for message in get_messages(response.wsgi_request)]
    assert len(lines) == 2, lines
    article = Article.objects.get()
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    [created] = [line for line in lines if line.startswith("Dibuat: urn:xinhua:1")]
    assert f'(<a href="{change_url}">artikel {article.pk}</a>)' in created
    assert "Ditolak: urn:xinhua:2 — unusable text: no headline" in lines
    assert summary == "1 dibuat, 0 diperbarui, 0 dilewati, 0 disimpan untuk ditinjau, 1 ditolak"
    assert (article.status, article.section) == (Article.Status.DRAFT, section)
    # The editor who imported it is credited, as for a draft made by hand.
    editor = response.wsgi_request.user
    assert (article.created_by, article.updated_by) == (editor, editor)
    page = editor_client.get(change_url).content.decode()
    assert editor.get_username() in page


def test_the_import_form_is_in_the_sites_language(editor_client):
    html = editor_client.get(IMPORT_URL).content.decode()

    assert "Rubrik:" in html and "Section:" not in html


def test_a_file_over_the_limit_is_refused_by_the_form(editor_client, section, settings):
    settings.WIRE_MAX_DOCUMENT_BYTES = 50

    response = editor_client.post(
        IMPORT_URL, {"file": ninjs_file(xinhua_story()), "section": section.pk}
    )

    assert response.status_code == 200
    assert "berkas kantor berita paling besar" in str(response.context["form"].errors["file"])
    assert not Article.objects.exists()


def test_a_user_who_cannot_add_articles_cannot_import(client, db):
    login_with(client, "wire.view_wiresource")

    assert client.get(IMPORT_URL).status_code == 403


def test_a_source_must_be_an_http_address_or_in_the_drop_folder(editor_client):
    response = editor_client.post(
        reverse("admin:wire_wiresource_add"),
        {"name": "Lokal", "location": "file:///etc/passwd", "poll_interval_minutes": 15},
    )

    assert response.status_code == 200
    assert "Hanya alamat http dan https" in str(response.context["adminform"].form.errors)
    assert not WireSource.objects.exists()


def test_the_article_page_shows_where_a_draft_came_from(editor_client, section):
    article = wire_article(section)

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "urn:xinhua:9" in html and "Xinhua" in html
    assert 'name="wire_story-0-alt_text_needs_check"' in html


def test_an_article_not_from_the_agency_has_no_origin_block(editor_client, article):
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert page.status_code == 200
    assert "wire_story-TOTAL_FORMS" not in page.content.decode()


def test_an_editor_unticks_the_alt_text_check(editor_client, section):
    article = wire_article(section)
    story = article.wire_story
    story.alt_text_needs_check = True
    story.save()
    data = article_form(
        section,
        headline=article.headline,
        slug=article.slug,
        tags="",
        **{"photos-TOTAL_FORMS": "0"},
        **{
            "wire_story-TOTAL_FORMS": "1",
            "wire_story-INITIAL_FORMS": "1",
            "wire_story-MIN_NUM_FORMS": "0",
            "wire_story-MAX_NUM_FORMS": "0",
            "wire_story-0-id": str(story.pk),
            "wire_story-0-article": str(article.pk),
        },
    )

    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    story.refresh_from_db()
    assert not story.alt_text_needs_check


def publish_with_pending_update(section) -> Article:
    article = wire_article(section, version=1)
    article.status = Article.Status.PUBLISHED
    article.save()
    newer = WireItem(
        guid="urn:xinhua:9",
        headline="Judul yang diperbarui agensi",
        body_html="<p>Isi.</p><p>Paragraf tambahan.</p>",
        provider="Xinhua",
        version=2,
    )
    [kept] = ingest(WireDocument(format="ninjs", items=[newer]), section=section).kept_for_review
    assert kept.article_id == article.pk
    return article


def test_an_editor_sees_and_applies_the_update_from_the_agency(editor_client, section):
    article = publish_with_pending_update(section)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    update_url = reverse("admin:wire_article_agency_update", args=[article.pk])
    assert update_url in editor_client.get(change_url).content.decode()

    page = editor_client.get(update_url)

    html = page.content.decode()
    assert "Judul yang diperbarui agensi" in html
    assert "Paragraf tambahan.</ins>" in html
    assert "@@" not in html and "+++" not in html
    assert page.context["may_decide"]

    response = editor_client.post(update_url)

    assert response.status_code == 302 and response.url == change_url
    article.refresh_from_db()
    assert article.headline == "Judul yang diperbarui agensi"
    assert article.status == Article.Status.PUBLISHED
    story = WireStory.objects.get(article=article)
    assert story.pending_update is None and story.version == 2


def test_who_may_not_publish_sees_the_update_but_cannot_apply_it(client, section):
    article = publish_with_pending_update(section)
    login_with(client, "articles.change_article", "articles.view_article")
    # Without the publish right one sees one's own articles only (editorial/workflow.py).
    Article.objects.filter(pk=article.pk).update(created_by=client.session["_auth_user_id"])
    update_url = reverse("admin:wire_article_agency_update", args=[article.pk])

    page = client.get(update_url)
    refused = client.post(update_url)

    assert page.status_code == 200
    assert not page.context["may_decide"]
    assert refused.status_code == 403
    assert client.post(update_url, {"dismiss": "1"}).status_code == 403
    assert WireStory.objects.get(article=article).pending_update is not None
    article.refresh_from_db()
    assert article.headline == "Judul dari agensi"


def test_a_draft_whose_alt_text_is_to_check_says_so(editor_client, section):
    article = wire_article(section)
    WireStory.objects.filter(article=article).update(alt_text_needs_check=True)

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert any("sebelum menerbitkan" in str(message) for message in page.context["messages"]), (
        "the warning shows on the article's page"
    )


def test_the_update_page_compares_each_field_word_by_word(editor_client, section):
    article = publish_with_pending_update(section)
    story = article.wire_story
    story.received_at = datetime(2026, 12, 1, 7, 14, tzinfo=UTC)
    story.save()
    WireStory.objects.filter(pk=story.pk).update(
        pending_received_at=datetime(2026, 12, 1, 7, 30, tzinfo=UTC)
    )

    page = editor_client.get(reverse("admin:wire_article_agency_update", args=[article.pk]))

    html = page.content.decode()
    fields = {field.name: field for field in page.context["fields"]}
    assert list(fields) == [
        "headline",
        "standfirst",
        "dateline_place",
        "source_agencies",
        "authors",
        "body",
        "tags",
        "photos",
    ]
    headline = fields["headline"]
    assert (headline.now, headline.after) == ("Judul dari agensi", "Judul yang diperbarui agensi")
    assert "<del>dari</del>" in str(headline.diff) and "<ins>yang diperbarui</ins>" in str(
        headline.diff
    )
    assert fields["body"].now == "Isi."  # plain text, not HTML
    assert fields["body"].after == "Isi.\n\nParagraf tambahan."
    assert not fields["tags"].changed
    # The item, the versions and the times as the admin writes them (Asia/Jakarta, Indonesian).
    assert "urn:xinhua:9" in html and "Xinhua" in html
    assert "versi 1 — diterima 1 Des. 2026, 14.14" in html
    assert "versi 2 — diterima 1 Des. 2026, 14.30" in html
    assert 'name="dismiss"' in html


def test_an_editor_dismisses_the_update_and_the_same_version_stays_dismissed(
    editor_client, section
):
    article = publish_with_pending_update(section)
    update_url = reverse("admin:wire_article_agency_update", args=[article.pk])

    response = editor_client.post(update_url, {"dismiss": "Abaikan"})

    change_url = reverse("admin:articles_article_change", args=[article.pk])
    assert response.status_code == 302 and response.url == change_url
    article.refresh_from_db()
    assert article.headline == "Judul dari agensi"
    story = WireStory.objects.get(article=article)
    assert story.pending_update is None and story.version == 1
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.user == response.wsgi_request.user and entry.action_flag == CHANGE
    assert "versi 2" in entry.get_change_message()
    # A poll bringing the same version again does not bring it back; a newer one does.
    again = WireItem(
        guid="urn:xinhua:9", headline="Lagi", body_html="<p>Isi.</p>", provider="Xinhua", version=2
    )
    report = ingest(WireDocument(format="ninjs", items=[again]), section=section)
    assert [result.outcome for result in report.results] == ["skipped"]
    newer = WireItem(
        guid="urn:xinhua:9",
        headline="Lebih baru",
        body_html="<p>Isi.</p>",
        provider="Xinhua",
        version=3,
    )
    report = ingest(WireDocument(format="ninjs", items=[newer]), section=section)
    assert [result.outcome for result in report.results] == ["kept for review"]


def test_a_published_article_with_an_update_says_so_at_the_top(editor_client, section):
    article = publish_with_pending_update(section)
    WireStory.objects.filter(article=article).update(
        pending_received_at=datetime(2026, 12, 1, 7, 30, 12, 345678, tzinfo=UTC),
        received_at=datetime(2026, 12, 1, 7, 14, 5, 123456, tzinfo=UTC),
    )

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    update_url = reverse("admin:wire_article_agency_update", args=[article.pk])
    [warning] = [str(m) for m in page.context["messages"] if "versi baru" in str(m)]
    assert warning == (
        "Kantor berita mengirim versi baru (versi 2, diterima 1 Des. 2026, 14.30): "
        f'<a href="{update_url}">lihat perubahannya</a>'
    )
    html = page.content.decode()
    assert "1 Des. 2026, 14.14" in html and "123456" not in html and "+00:00" not in html
    # The origin comes first of the inlines, right after the article's own fields.
    assert html.index('id="wire_story-group"') < html.index('id="photos-group"')


def test_a_draft_imported_by_the_command_has_no_creator(section):
    article = wire_article(section)

    assert (article.created_by, article.updated_by) == (None, None)
