"""Revisions: every save keeps what readers see; the history compares and restores."""

import importlib
from contextlib import contextmanager

import pytest
from django.apps import apps as django_apps
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Photo
from articles.signals import content_changed
from editorial.models import Revision
from editorial.revisions import FIELD_LABELS, snapshot_of, summary
from newsroom.text_compare import body_text, word_diff
from tests.articles.test_admin import ADD_URL, article_form, photo_file
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory
from tests.rights import login_with

pytestmark = pytest.mark.django_db


def run_on_commit_callbacks():
    """Run what waits for the test's transaction to commit, as a real commit would, once."""
    connection = transaction.get_connection()
    while connection.run_on_commit:
        waiting = list(connection.run_on_commit)
        connection.run_on_commit.clear()
        for _savepoints, callback, _robust in waiting:
            callback()


@contextmanager
def committing():
    """A block that starts after a commit and ends with one (the test's transaction stays open)."""
    run_on_commit_callbacks()
    yield
    run_on_commit_callbacks()


@pytest.fixture
def story(section):
    """A published article with an author, two tags and a lead photo: one revision."""
    with committing():
        article = ArticleFactory(
            section=section,
            headline="Banjir rendam ribuan rumah",
            body="<p>Banjir merendam <b>ribuan</b> rumah warga.</p><p>Warga mengungsi.</p>",
            tags=["Banjir", "Cuaca"],
            authors=[AuthorFactory(name="Sari Dewi")],
        )
        PhotoFactory(article=article, caption="Warga mengungsi.", is_lead=True)
    return article


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def revision_url(revision):
    return reverse("admin:articles_article_revision", args=[revision.article_id, revision.pk])


def restore_url(revision, article=None):
    article_id = article.pk if article else revision.article_id
    return reverse("admin:articles_article_restore", args=[article_id, revision.pk])


def test_a_save_by_a_script_makes_one_revision_without_a_user(story):
    revision = Revision.objects.get(article=story)

    assert revision.user is None
    assert revision.changed_fields == []
    assert revision.snapshot["headline"] == "Banjir rendam ribuan rumah"
    assert revision.snapshot["tags"] == ["Banjir", "Cuaca"]
    assert [author["name"] for author in revision.snapshot["authors"]] == ["Sari Dewi"]
    assert revision.snapshot["photos"][0]["caption"] == "Warga mengungsi."
    assert revision.snapshot["photos"][0]["is_lead"] is True


def test_a_save_that_changes_nothing_readers_see_makes_no_revision(story):
    with committing():
        story.is_featured = True
        story.comments_open = False
        story.save()
        story.photos.get().save()
        story.tags.add("banjir")  # the same tag, another case

    assert story.revisions.count() == 1


def test_one_save_of_text_links_tags_and_captions_makes_one_revision(story):
    with committing(), transaction.atomic():
        story.headline = "Banjir rendam puluhan ribu rumah"
        story.save()
        story.tags.add("Jakarta")
        story.tags.remove("Cuaca")
        story.authors.add(AuthorFactory(name="Budi Santoso"))
        photo = story.photos.get()
        photo.credit = "Antara/Budi"
        photo.save()

    latest, first = story.revisions.all()
    assert latest.changed_fields == ["headline", "authors", "tags", "photos"]
    assert latest.snapshot["tags"] == ["Banjir", "Jakarta"]
    assert latest.snapshot["photos"][0]["credit"] == "Antara/Budi"
    assert first.snapshot["headline"] == "Banjir rendam ribuan rumah"


def test_the_migration_gives_existing_articles_their_first_revision(story):
    Revision.objects.all().delete()
    other = ArticleFactory(section=story.section)  # no tags, authors or photos
    migration = importlib.import_module("editorial.migrations.0001_revisions")

    migration.record_baselines(django_apps, schema_editor=None)

    assert story.revisions.get().snapshot == snapshot_of(story.pk)
    assert other.revisions.get().snapshot == snapshot_of(other.pk)
    run_on_commit_callbacks()  # the factory's save, now after the baseline: nothing new
    assert Revision.objects.count() == 2


def test_a_revision_is_written_after_commit_not_before(story):
    run_on_commit_callbacks()
    story.standfirst = "Ringkasan baru."
    story.save()

    assert story.revisions.count() == 1
    run_on_commit_callbacks()
    assert story.revisions.count() == 2


def test_an_admin_save_records_the_editor(editor_client, editor, section):
    with committing():
        response = editor_client.post(
            ADD_URL, article_form(section, **{"photos-0-image": photo_file()})
        )
    assert response.status_code == 302
    article = Article.objects.get()
    photo = article.photos.get()
    first = article.revisions.get()  # the article, its tags and its new photo: one revision
    assert first.snapshot["tags"] == ["Bencana", "Gempa"]
    assert first.snapshot["photos"][0]["caption"] == "Warga berkumpul di lapangan."

    with committing():
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form(
                section,
                headline="Gempa sedang guncang pesisir selatan",
                slug=article.slug,
                **{
                    "photos-INITIAL_FORMS": "1",
                    "photos-0-id": photo.pk,
                    "photos-0-article": article.pk,
                    "photos-0-caption": "Warga berkumpul di lapangan desa.",
                },
            ),
        )

    assert response.status_code == 302
    latest, first = article.revisions.all()
    assert first.user == editor and latest.user == editor
    assert latest.changed_fields == ["headline", "photos"]
    assert latest.snapshot["photos"][0]["caption"] == "Warga berkumpul di lapangan desa."


def test_the_history_lists_revisions_newest_first_with_who_and_what(story, editor_client):
    with committing():
        story.headline = "Banjir surut"
        story.save()

    response = editor_client.get(history_url(story))

    assert response.status_code == 200
    html = response.content.decode()
    newest, oldest = story.revisions.all()
    assert html.index(revision_url(newest)) < html.index(revision_url(oldest))
    rows = response.context["page"].object_list
    assert [row["revision"] for row in rows] == [newest, oldest]
    with translation.override("id"):
        assert rows[0]["summary"] == summary(newest)
        assert str(FIELD_LABELS["headline"]) in rows[0]["summary"]
    assert rows[0]["summary"] in html


def test_a_revision_shows_its_text_and_the_words_changed_since(story, editor_client):
    with committing():
        story.body = "<p>Banjir merendam <b>puluhan</b> rumah warga.</p><p>Warga mengungsi.</p>"
        story.save()
    first = story.revisions.last()

    response = editor_client.get(revision_url(first))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>ribuan</del><ins>puluhan</ins>" in html
    assert "Banjir merendam ribuan rumah warga." in html  # the revision's own text
    assert "&lt;b&gt;" not in html and "<b>ribuan" not in html


def test_readers_pages_neither_read_nor_write_revisions(story, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.get_absolute_url())
        run_on_commit_callbacks()

    assert response.status_code == 200
    assert not [query for query in queries if "editorial_revision" in query["sql"]]


def test_the_word_comparison_marks_insertions_and_deletions():
    diff = word_diff("Presiden tiba di Jakarta", "Presiden tiba di Bandung pagi")

    assert str(diff) == "Presiden tiba di <del>Jakarta</del><ins>Bandung pagi</ins>"


def test_the_comparison_escapes_what_editors_typed():
    assert "&lt;script&gt;" in str(word_diff("a", "<script>"))


def test_the_comparison_keeps_punctuation_apart_from_words():
    diff = word_diff("di pesisir utara.", "di pesisir utara Jawa.")

    assert str(diff) == "di pesisir utara<ins> Jawa</ins>."


def test_the_body_is_compared_as_text_with_paragraphs():
    text = body_text("<p>Satu &amp; dua.</p><p>Tiga<br>empat   lima</p>")

    assert text == "Satu & dua.\n\nTiga\n\nempat lima"


def test_restore_brings_the_old_text_back_as_a_new_revision(story, editor_client, editor, client):
    first = story.revisions.get()
    with committing():
        story.headline = "Judul yang keliru"
        story.save()
        story.tags.set(["Salah"])
        photo = story.photos.get()
        photo.caption = "Keterangan keliru."
        photo.save()
    announced = []

    def listen(sender, keys, **kwargs):
        announced.append(keys)

    content_changed.connect(listen)
    try:
        with committing():
            response = editor_client.post(restore_url(first))
    finally:
        content_changed.disconnect(listen)

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Banjir rendam ribuan rumah"
    assert sorted(tag.name for tag in story.tags.all()) == ["Banjir", "Cuaca"]
    assert story.photos.get().caption == "Warga mengungsi."
    restored = story.revisions.first()
    assert story.revisions.count() == 3
    assert restored.restored_from == first and restored.user == editor
    assert restored.snapshot == first.snapshot
    assert any(f"article-{story.pk}" in keys for keys in announced)
    page = Client().get(story.get_absolute_url())
    assert "Banjir rendam ribuan rumah" in page.content.decode()
    history = editor_client.get(history_url(story))
    assert [str(entry) for entry in history.context["action_list"]]  # Django's log, below


def test_restoring_the_current_text_makes_no_revision(story, editor_client):
    with committing():
        response = editor_client.post(restore_url(story.revisions.get()), follow=True)

    assert story.revisions.count() == 1
    assert response.status_code == 200
    assert len(list(response.context["messages"])) == 1


def test_the_history_pages_make_few_queries_however_long_the_history(
    story, editor_client, django_assert_max_num_queries
):
    for number in range(30):
        with committing():
            story.headline = f"Banjir, kabar ke-{number}"
            story.save()
    first = story.revisions.last()

    with django_assert_max_num_queries(12):
        assert editor_client.get(history_url(story)).status_code == 200
    with django_assert_max_num_queries(12):
        assert editor_client.get(revision_url(first)).status_code == 200


def test_restore_says_which_deleted_photos_could_not_come_back(story, editor_client):
    first = story.revisions.get()
    with committing():
        story.photos.get().delete()

    with committing():
        response = editor_client.post(restore_url(first), follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert any("Warga mengungsi." in message for message in messages)
    assert not Photo.objects.filter(article=story).exists()


def their_own(client, article):
    """Make the logged-in user the article's creator: without the publish right, a user
    sees only their own articles (editorial/workflow.py)."""
    Article.objects.filter(pk=article.pk).update(created_by=client.session["_auth_user_id"])


def test_a_user_who_may_only_view_articles_cannot_restore(story, client):
    login_with(client, "articles.view_article")
    their_own(client, story)

    assert client.get(history_url(story)).status_code == 200
    assert client.post(restore_url(story.revisions.get())).status_code == 403


def test_restoring_a_published_article_needs_the_publish_right(story, client):
    first = story.revisions.get()
    with committing():
        story.headline = "Judul baru"
        story.save()
    login_with(client, "articles.view_article", "articles.change_article")
    their_own(client, story)

    assert client.post(restore_url(first)).status_code == 403
    with committing():
        Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
        assert client.post(restore_url(first)).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Banjir rendam ribuan rumah"


def test_restore_needs_a_post_with_the_csrf_token(story, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.get(restore_url(story.revisions.get())).status_code == 405
    assert client.post(restore_url(story.revisions.get())).status_code == 403


def test_a_revision_of_another_article_is_not_found(story, editor_client):
    with committing():
        other = ArticleFactory(section=SectionFactory())
    crafted = restore_url(other.revisions.get(), article=story)

    assert editor_client.post(crafted).status_code == 404
    assert editor_client.get(crafted.removesuffix("restore/")).status_code == 404


@pytest.mark.parametrize("revision_id", ["abc", "0", "-1", "99999999999999999999999", "1.5", "%00"])
def test_junk_revision_ids_are_not_found(story, editor_client, revision_id):
    base = history_url(story)

    assert editor_client.get(f"{base}{revision_id}/").status_code == 404
    assert editor_client.post(f"{base}{revision_id}/restore/").status_code == 404


@pytest.mark.parametrize("article_id", ["abc", "0", "99999999999999999999999"])
def test_junk_article_ids_are_not_found(story, editor_client, article_id):
    revision = story.revisions.get()

    assert (
        editor_client.get(
            f"/admin/articles/article/{article_id}/history/{revision.pk}/"
        ).status_code
        == 404
    )
    assert (
        editor_client.post(
            f"/admin/articles/article/{article_id}/history/{revision.pk}/restore/"
        ).status_code
        == 404
    )


# --- What the history says (visual QA) -------------------------------------------------


def test_the_admin_log_names_the_fields_changed_in_indonesian_and_not_the_version(
    editor_client, section
):
    with committing():
        editor_client.post(ADD_URL, article_form(section, **{"photos-TOTAL_FORMS": "0"}))
    article = Article.objects.get()

    with committing():
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form(
                section,
                headline="Gempa sedang guncang pesisir selatan",
                standfirst="Dua rumah rusak ringan.",
                based_on_version=str(article.version),
                **{"photos-TOTAL_FORMS": "0"},
            ),
        )
    assert response.status_code == 302

    html = editor_client.get(history_url(article)).content.decode()
    log = html[html.index('id="admin-log"') :]
    assert "Judul dan Ringkasan berubah." in log
    assert "based_on_version" not in log
    assert "Headline" not in log and "Standfirst" not in log


def test_a_change_of_the_body_markup_alone_is_told_apart_from_a_change_of_its_text(story):
    with committing():
        story.headline = "Banjir rendam ratusan rumah"
        # The same text readers read, in other markup (as the editor's first save writes it).
        story.body = (
            "<p>Banjir merendam <strong>ribuan</strong> rumah warga.</p>\n<p>Warga mengungsi.</p>"
        )
        story.save()
    formatting = story.revisions.first()
    assert formatting.changed_fields == ["headline", "body_formatting"]
    with translation.override("id"):
        assert summary(formatting) == "Diubah: judul, isi berita (format)"

    with committing():
        story.body = "<p>Banjir merendam <strong>ratusan</strong> rumah warga.</p>"
        story.save()
    assert story.revisions.first().changed_fields == ["body"]


def test_revision_times_show_their_seconds(story, editor_client):
    with committing():
        story.headline = "Banjir surut"
        story.save()
    newest = story.revisions.first()
    local = timezone.localtime(newest.created_at)
    with_seconds = f"{local.hour}.{local:%M}.{local:%S}"

    history = editor_client.get(history_url(story))
    detail = editor_client.get(revision_url(newest)).content.decode()

    shown = history.context["page"].object_list[0]["when"]
    assert shown.endswith(with_seconds)
    assert f">{shown}</time>" in history.content.decode()
    assert f"&rsaquo; {shown}" in detail
