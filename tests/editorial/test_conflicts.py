"""Edit conflicts and presence, through the admin: nobody loses work, nobody is locked out."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.editing import EditConflict, save_article
from articles.models import Article
from editorial.models import Presence
from tests.factories import ArticleFactory, PhotoFactory, UserFactory

pytestmark = pytest.mark.django_db


def editor_named(username, first_name="", last_name=""):
    user = UserFactory(username=username, first_name=first_name, last_name=last_name, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def presence_url(article):
    return reverse("admin:articles_article_presence", args=[article.pk])


def form_as_opened(client, article) -> dict:
    """What the change form holds when `client` opens it: every field, as the browser sends it."""
    page = client.get(change_url(article))
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name == "published_at" and value is None:
            data.update(published_at_0="", published_at_1="")
        elif name == "published_at":
            local = timezone.localtime(value)
            data.update(
                published_at_0=local.strftime("%d-%m-%Y"), published_at_1=local.strftime("%H:%M:%S")
            )
        elif name == "authors":
            data[name] = [str(pk) for pk in value or []]
        elif name in {"is_featured", "comments_open"}:
            if value:
                data[name] = "on"
        elif name == "tags":
            data[name] = field.widget.format_value(value) or ""
        elif value is not None:
            data[name] = str(field.prepare_value(value))
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for photo_form in formset.forms:
            for name in photo_form.fields:
                value = photo_form[name].value()
                if name in {"is_lead", "DELETE"}:
                    if value:
                        data[photo_form.add_prefix(name)] = "on"
                elif value is not None and name != "image":
                    data[photo_form.add_prefix(name)] = getattr(value, "pk", value)
    return data


@pytest.fixture
def story(section):
    article = ArticleFactory(
        section=section,
        headline="Banjir rendam pesisir utara",
        standfirst="Ratusan rumah tergenang.",
        tags=["Banjir"],
    )
    PhotoFactory(article=article, is_lead=True, caption="Warga mengungsi.")
    return article


@pytest.fixture
def andi(db):
    return editor_named("andi", "Andi", "Wijaya")


@pytest.fixture
def budi(db):
    return editor_named("budi", "Budi", "Santoso")


def test_the_issues_reproduction_b_is_refused_and_nothing_is_lost(story, andi, budi):
    editor_a, editor_b = logged_in(andi), logged_in(budi)
    form_a, form_b = form_as_opened(editor_a, story), form_as_opened(editor_b, story)

    response_a = editor_a.post(
        change_url(story), {**form_a, "headline": "Banjir rob rendam Jakarta"}
    )
    assert response_a.status_code == 302

    mine = {
        **form_b,
        "standfirst": "Air laut pasang menggenangi ratusan rumah.",
        "tags": "Banjir, Rob",
        "photos-0-caption": "Warga mengungsi ke masjid.",
    }
    response_b = editor_b.post(change_url(story), mine)

    assert response_b.status_code == 200
    story.refresh_from_db()
    assert story.headline == "Banjir rob rendam Jakarta"  # A's headline kept
    assert story.standfirst == "Ratusan rumah tergenang."
    assert story.updated_by == andi
    assert story.photos.get().caption == "Warga mengungsi."
    page = response_b.content.decode()
    assert "Artikel ini sudah disimpan oleh Andi Wijaya pada" in page
    assert "Banjir rob rendam Jakarta" in page  # their version, to compare
    assert f'href="{change_url(story)}" target="_blank"' in page
    form = response_b.context["adminform"].form
    assert form["standfirst"].value() == "Air laut pasang menggenangi ratusan rumah."
    assert form["tags"].value() == "Banjir, Rob"
    assert form["headline"].value() == form_b["headline"]  # B's text, not A's
    photos = response_b.context["inline_admin_formsets"][0].formset
    assert photos.forms[0]["caption"].value() == "Warga mengungsi ke masjid."


def test_after_the_refusal_saving_again_replaces_the_other_version_on_purpose(story, andi, budi):
    editor_a, editor_b = logged_in(andi), logged_in(budi)
    form_a, form_b = form_as_opened(editor_a, story), form_as_opened(editor_b, story)
    editor_a.post(change_url(story), {**form_a, "headline": "Judul dari Andi"})
    mine = {**form_b, "standfirst": "Ringkasan dari Budi."}

    refused = editor_b.post(change_url(story), mine)
    carried = refused.context["adminform"].form["based_on_version"].value()
    again = editor_b.post(change_url(story), {**mine, "based_on_version": carried})

    assert again.status_code == 302
    story.refresh_from_db()
    assert story.standfirst == "Ringkasan dari Budi."
    assert story.headline == form_b["headline"]  # B chose to keep their whole text
    assert story.updated_by == budi


def test_the_refusal_names_the_fields_that_differ(story, andi, budi):
    editor_a, editor_b = logged_in(andi), logged_in(budi)
    form_a, form_b = form_as_opened(editor_a, story), form_as_opened(editor_b, story)
    editor_a.post(change_url(story), {**form_a, "headline": "Judul dari Andi"})

    response = editor_b.post(change_url(story), {**form_b, "standfirst": "Ringkasan dari Budi."})

    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert "Judul dan Ringkasan" in errors[0]


def test_saving_twice_from_ones_own_form_is_no_conflict(story, andi):
    editor = logged_in(andi)
    form = form_as_opened(editor, story)
    assert editor.post(change_url(story), {**form, "_continue": "1"}).status_code == 302

    again = form_as_opened(editor, story)
    assert again["based_on_version"] == "2"
    assert editor.post(change_url(story), {**again, "headline": "Lagi"}).status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.version) == ("Lagi", 3)


@pytest.mark.parametrize("version", [None, "", "abc", "1.5", "-1", "١", "9" * 5000])
def test_a_crafted_post_without_a_usable_version_is_a_form_error(story, andi, version):
    editor = logged_in(andi)
    data = {**form_as_opened(editor, story), "headline": "Judul palsu"}
    if version is None:
        del data["based_on_version"]
    else:
        data["based_on_version"] = version

    response = editor.post(change_url(story), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors and ("versi" in errors[0] or "sudah disimpan" in errors[0])
    story.refresh_from_db()
    assert story.headline == "Banjir rendam pesisir utara"


def test_an_article_deleted_meanwhile_is_a_clear_answer_not_an_error(story, andi):
    editor = logged_in(andi)
    data = form_as_opened(editor, story)
    story.delete()

    response = editor.post(change_url(story), data, follow=True)

    assert response.status_code == 200
    assert not Article.objects.filter(pk=story.pk).exists()


def test_a_form_opened_before_a_bulk_publish_is_refused(section, andi, budi):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)
    editor_b = logged_in(budi)
    form_b = form_as_opened(editor_b, draft)

    logged_in(andi).post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.version == 2 and draft.updated_by == andi

    response = editor_b.post(change_url(draft), {**form_b, "standfirst": "Versi Budi."})
    assert response.status_code == 200
    assert "sudah disimpan oleh Andi Wijaya" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_bulk_unpublish_bumps_the_version(story, andi):
    logged_in(andi).post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [story.pk]},
    )
    story.refresh_from_db()
    assert (story.status, story.version, story.updated_by) == (Article.Status.DRAFT, 2, andi)


def test_every_write_that_changes_the_article_is_a_new_version(story):
    assert story.version == 1
    story.save()
    assert story.version == 2
    Article.objects.filter(pk=story.pk).update(standfirst="Lewat update().")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET body = '<p>SQL</p>' WHERE id = %s", [story.pk])
    story.refresh_from_db()
    assert story.version == 4


def test_writes_that_change_nothing_or_only_the_search_vector_keep_the_version(story):
    Article.objects.filter(pk=story.pk).update(headline=story.headline)
    Article.objects.filter(pk=story.pk).update(search_vector=None)
    Article.objects.filter(pk=story.pk).update(version=99)
    story.refresh_from_db()
    assert story.version == 1


def test_save_article_refuses_an_edit_of_an_older_version(story, andi):
    story.headline = "Versi pertama"
    save_article(story, based_on_version=1, saved_by=andi)
    assert story.version == 2

    stale = Article.objects.get(pk=story.pk)
    stale.headline = "Versi basi"
    with pytest.raises(EditConflict) as refused:
        save_article(stale, based_on_version=1)
    assert refused.value.stored.saved_by_name == "Andi Wijaya"
    story.refresh_from_db()
    assert story.headline == "Versi pertama"


def test_a_save_by_a_script_after_an_editors_is_not_attributed_to_the_editor(story, andi, budi):
    editor_b = logged_in(budi)
    form_b = form_as_opened(editor_b, story)
    logged_in(andi).post(change_url(story), {**form_as_opened(logged_in(andi), story)})
    script_copy = Article.objects.get(pk=story.pk)
    script_copy.dateline_place = "Jakarta"
    save_article(script_copy, based_on_version=script_copy.version)

    response = editor_b.post(change_url(story), {**form_b, "standfirst": "Versi Budi."})

    assert "Artikel ini sudah disimpan oleh orang lain pada" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_version_at_once_cannot_both_pass(section):
    """The second save waits for the first one's lock, then sees the new version."""
    article = ArticleFactory(section=section)
    first_saved, outcomes = threading.Event(), {}

    def first():
        try:
            with transaction.atomic():
                mine = Article.objects.get(pk=article.pk)
                mine.headline = "Yang pertama"
                save_article(mine, based_on_version=1)
                first_saved.set()
                # Still in the transaction: a read-then-write check would let the second pass now.
                threading.Event().wait(0.5)
            outcomes["first"] = "saved"
        finally:
            first_saved.set()
            connection.close()

    def second():
        try:
            first_saved.wait(5)
            theirs = Article.objects.get(pk=article.pk)
            theirs.headline = "Yang kedua"
            save_article(theirs, based_on_version=1)
            outcomes["second"] = "saved"
        except EditConflict:
            outcomes["second"] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert outcomes == {"first": "saved", "second": "refused"}
    article.refresh_from_db()
    assert (article.headline, article.version) == ("Yang pertama", 2)


# --- Presence ---


def test_opening_an_article_another_editor_has_open_names_them(story, andi, budi):
    logged_in(andi).get(change_url(story))

    page = logged_in(budi).get(change_url(story))

    assert page.context["presence_notice"] == "Sedang disunting oleh Andi Wijaya"
    assert "Sedang disunting oleh Andi Wijaya" in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "private" in page["Cache-Control"]


def test_a_username_stands_in_for_a_missing_full_name(story, budi):
    logged_in(editor_named("citra")).get(change_url(story))

    page = logged_in(budi).get(change_url(story))

    assert page.context["presence_notice"] == "Sedang disunting oleh citra"


def test_nobody_is_shown_to_themselves_or_when_alone(story, andi):
    editor = logged_in(andi)
    editor.get(change_url(story))

    page = editor.get(change_url(story))

    assert page.context["presence_notice"] == ""
    assert "Sedang disunting" not in page.content.decode()


def test_presence_is_forgotten_after_the_window(story, andi, budi, settings):
    settings.NEWSROOM_PRESENCE_MINUTES = 5
    logged_in(andi).get(change_url(story))
    Presence.objects.update(seen_at=timezone.now() - timedelta(minutes=6))

    page = logged_in(budi).get(change_url(story))

    assert page.context["presence_notice"] == ""
    assert not Presence.objects.filter(user=andi).exists()


def test_the_heartbeat_keeps_presence_alive_and_answers_who_else_is_there(story, andi, budi):
    editor_a, editor_b = logged_in(andi), logged_in(budi)
    editor_a.get(change_url(story))
    editor_b.get(change_url(story))
    Presence.objects.filter(user=andi).update(seen_at=timezone.now() - timedelta(minutes=4))

    beat = editor_a.post(presence_url(story))

    assert beat.status_code == 200
    assert beat.json() == {
        "editors": ["Budi Santoso"],
        "notice": "Sedang disunting oleh Budi Santoso",
    }
    assert "no-cache" in beat["Cache-Control"] or "no-store" in beat["Cache-Control"]
    seen = Presence.objects.get(user=andi).seen_at
    assert timezone.now() - seen < timedelta(seconds=10)


def test_the_heartbeat_needs_csrf_staff_and_the_right_to_change(story, andi, client):
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(andi)
    assert checked.post(presence_url(story)).status_code == 403

    assert client.post(presence_url(story)).status_code == 302  # to the login page
    reader = UserFactory(username="pembaca", is_staff=True)
    # Refused: with no right on articles, the article is not even theirs to see (404).
    assert logged_in(reader).post(presence_url(story)).status_code in {403, 404}
    assert not Presence.objects.exists()


@pytest.mark.parametrize("address", ["999999/presence/", "abc/presence/", "%00/presence/"])
def test_the_heartbeat_answers_junk_with_a_4xx(andi, address):
    response = logged_in(andi).post(reverse("admin:articles_article_changelist") + address)

    assert 400 <= response.status_code < 500


def test_the_heartbeat_is_a_post(story, andi):
    assert logged_in(andi).get(presence_url(story)).status_code == 405
