"""The editors' wire in the admin: rights, importing a file, a draft's origin, agency updates."""

import pytest
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
    assert any(line.startswith("created: urn:xinhua:1") for line in lines), lines
    assert "refused: urn:xinhua:2 — unusable text: no headline" in lines
    assert summary.startswith("1 created") and summary.endswith("1 refused")
    article = Article.objects.get()
    assert (article.status, article.section) == (Article.Status.DRAFT, section)


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
    assert "+Paragraf tambahan." in html
    assert page.context["may_apply"]

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
    assert not page.context["may_apply"]
    assert refused.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Judul dari agensi"


def test_a_draft_whose_alt_text_is_to_check_says_so(editor_client, section):
    article = wire_article(section)
    WireStory.objects.filter(article=article).update(alt_text_needs_check=True)

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert any("sebelum menerbitkan" in str(message) for message in page.context["messages"]), (
        "the warning shows on the article's page"
    )
