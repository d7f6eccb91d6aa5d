"""The review workflow: reporters write and submit, editors review and publish."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from editorial.models import ReviewAlert
from editorial.workflow import notify_editors, submit_for_review, take_alert_turn
from tests.articles.test_admin import article_form, photo_file
from tests.factories import ArticleFactory, AuthorFactory, UserFactory
from tests.rights import offered_actions

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")
REFUSED = "Hanya editor yang menerbitkan, menjadwalkan, atau menarik artikel."
TIME_REFUSED = "Hanya editor yang menentukan waktu terbit."


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def in_group(group, **fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reporter(db):
    return in_group("Reporters", username="reporter")


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def own_draft(section, reporter):
    return ArticleFactory(
        section=section, status=Article.Status.DRAFT, published_at=None, created_by=reporter
    )


def form_data(section, article=None, **overrides):
    """The article form as a browser sends it, with no photo."""
    data = article_form(section, **{"photos-TOTAL_FORMS": "0"})
    if article is not None:
        data.update(headline=article.headline, slug=article.slug)
    data.update(overrides)
    return data


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


# The roles, as every migrate leaves them.

REPORTER_RIGHTS = {
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "add_photo"),
    ("articles", "change_photo"),
    ("articles", "view_photo"),
    ("articles", "view_section"),
    ("articles", "view_author"),
    ("taggit", "view_tag"),
}


def test_reporters_hold_exactly_the_writing_rights_after_migrate():
    reporters = Group.objects.get(name="Reporters")
    reporters.permissions.add(
        Permission.objects.get(content_type__app_label="articles", codename="publish_article"),
        Permission.objects.get(content_type__app_label="articles", codename="delete_article"),
    )
    reporters.permissions.remove(Permission.objects.get(codename="add_photo"))

    call_command("migrate", verbosity=0)

    assert codenames("Reporters") == REPORTER_RIGHTS


def test_a_deleted_reporters_group_is_made_again_at_the_next_migrate():
    Group.objects.filter(name="Reporters").delete()

    call_command("migrate", verbosity=0)

    assert codenames("Reporters") == REPORTER_RIGHTS


def test_editors_publish_and_hold_every_right_on_the_editorial_app_even_a_new_models():
    # As a model added to the editorial app would: its permissions appear, nobody grants them.
    content_type = ContentType.objects.create(app_label="editorial", model="sidenote")
    for action in ["add", "change", "delete", "view"]:
        Permission.objects.create(
            content_type=content_type, codename=f"{action}_sidenote", name=f"Can {action}"
        )

    call_command("migrate", verbosity=0)

    editors = codenames("Editors")
    assert ("articles", "publish_article") in editors
    assert {("editorial", f"{a}_sidenote") for a in ["add", "change", "delete", "view"]} <= (
        editors
    )
    assert not any(app == "editorial" for app, _codename in codenames("Reporters"))
    assert not any(app == "editorial" for app, _codename in codenames("Moderators"))


# A reporter writes and submits their own articles.


def test_a_reporter_writes_an_article_with_a_photo_and_it_is_theirs(reporter_client, section):
    form = reporter_client.get(ADD)
    assert [inline.formset.prefix for inline in form.context["inline_admin_formsets"]] == ["photos"]

    response = reporter_client.post(
        ADD, {**form_data(section), "photos-TOTAL_FORMS": "1", "photos-0-image": photo_file()}
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="gempa-kecil-guncang-pesisir-selatan")
    assert article.created_by.username == "reporter"
    assert article.status == Article.Status.DRAFT
    assert article.lead_photo is not None
    assert sorted(tag.name for tag in article.tags.all()) == ["Bencana", "Gempa"]


def test_a_reporter_chooses_draft_or_review_and_not_the_publication_time(
    reporter_client, own_draft
):
    page = reporter_client.get(change_url(own_draft))
    form = page.context["adminform"].form

    assert [value for value, _label in form.fields["status"].choices] == ["draft", "review"]
    assert "published_at" not in form.fields
    assert 'name="published_at_0"' not in page.text  # shown, read-only


def test_a_reporter_submits_their_draft_through_the_form(reporter_client, section, own_draft):
    response = reporter_client.post(
        change_url(own_draft), form_data(section, own_draft, status="review")
    )

    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.REVIEW


FUTURE = {"published_at_0": "2030-01-01", "published_at_1": "08:00:00"}


@pytest.mark.parametrize(
    ("crafted", "messages"),
    [
        ({"status": "published"}, [REFUSED]),
        ({"status": "published", **FUTURE}, [REFUSED, TIME_REFUSED]),
        ({"status": "review", **FUTURE}, [TIME_REFUSED]),
        ({"status": "withdrawn"}, [REFUSED]),
    ],
    ids=["publish", "schedule", "a publication time", "another status"],
)
def test_a_crafted_post_to_publish_is_refused_with_a_message(
    reporter_client, section, own_draft, crafted, messages
):
    response = reporter_client.post(change_url(own_draft), form_data(section, own_draft, **crafted))

    assert response.status_code == 200
    assert [message in response.text for message in [REFUSED, TIME_REFUSED]] == [
        message in messages for message in [REFUSED, TIME_REFUSED]
    ]
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.DRAFT
    assert own_draft.published_at is None


def test_a_reporter_cannot_add_an_article_already_published(reporter_client, section):
    response = reporter_client.post(ADD, form_data(section, status="published"))

    assert response.status_code == 200
    assert REFUSED in response.text
    assert not Article.objects.exists()


def test_the_list_shows_a_reporter_only_their_own_articles(reporter_client, reporter, section):
    created = ArticleFactory(section=section, created_by=reporter)
    bylined = ArticleFactory(section=section, authors=[AuthorFactory(user=reporter)])
    ArticleFactory(section=section, created_by=UserFactory())
    ArticleFactory(section=section)

    response = reporter_client.get(ARTICLES)

    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {created, bylined}


def test_someone_elses_article_is_out_of_a_reporters_reach(
    reporter_client, section, editor, django_capture_on_commit_callbacks
):
    other = ArticleFactory(
        section=section, status=Article.Status.DRAFT, published_at=None, created_by=editor
    )
    url = change_url(other)

    page = reporter_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        posted = reporter_client.post(url, form_data(section, other, headline="Dibajak"))
        reporter_client.post(
            ARTICLES, {"action": "submit_for_review", "_selected_action": [other.pk]}
        )

    assert page.status_code == 302 and page.url == reverse("admin:index")
    assert posted.status_code == 302 and posted.url == reverse("admin:index")
    # The revisions' history (editorial/revisions_admin.py) answers as for no article at all.
    history = reverse("admin:articles_article_history", args=[other.pk])
    assert reporter_client.get(history).status_code == 404
    assert reporter_client.get(other.get_absolute_url()).status_code == 404  # no preview
    other.refresh_from_db()
    assert other.headline != "Dibajak" and other.status == Article.Status.DRAFT
    assert mail.outbox == []


@pytest.mark.parametrize(
    "published_at",
    [timezone.now() - timedelta(hours=1), timezone.now() + timedelta(days=1)],
    ids=["published", "scheduled"],
)
def test_a_reporters_own_published_article_is_read_only(
    reporter_client, reporter, section, published_at
):
    article = ArticleFactory(section=section, created_by=reporter, published_at=published_at)

    page = reporter_client.get(change_url(article))
    posted = reporter_client.post(
        change_url(article), form_data(section, article, headline="Diubah", status="draft")
    )

    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert 'name="_save"' not in page.text
    assert posted.status_code == 403
    article.refresh_from_db()
    assert article.headline != "Diubah" and article.status == Article.Status.PUBLISHED


def test_a_reporter_previews_their_own_draft(reporter_client, own_draft):
    response = reporter_client.get(own_draft.get_absolute_url())

    assert response.status_code == 200
    assert own_draft.headline in response.text


# Bulk actions: a reporter submits; publishing is refused.


def test_a_reporter_is_offered_submit_for_review_and_no_publishing(reporter_client):
    assert offered_actions(reporter_client, ARTICLES) == {"submit_for_review"}


@pytest.mark.parametrize(
    ("action", "status"),
    [("publish", Article.Status.DRAFT), ("unpublish", Article.Status.PUBLISHED)],
)
def test_a_crafted_publishing_action_is_refused_with_a_message(
    reporter_client, reporter, section, action, status
):
    article = ArticleFactory(section=section, status=status, created_by=reporter)
    if status == Article.Status.DRAFT:
        Article.objects.filter(pk=article.pk).update(published_at=None)

    response = reporter_client.post(
        ARTICLES, {"action": action, "_selected_action": [article.pk]}, follow=True
    )

    assert REFUSED in response.text
    article.refresh_from_db()
    assert article.status == status


def test_submit_for_review_moves_only_the_reporters_own_drafts(
    reporter_client, reporter, section, own_draft
):
    published = ArticleFactory(section=section, created_by=reporter)
    others = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)

    reporter_client.post(
        ARTICLES,
        {
            "action": "submit_for_review",
            "_selected_action": [own_draft.pk, published.pk, others.pk],
        },
    )

    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses == {
        own_draft.pk: Article.Status.REVIEW,
        published.pk: Article.Status.PUBLISHED,
        others.pk: Article.Status.DRAFT,
    }


def test_editors_are_not_offered_submit_for_review(editor_client):
    assert {"publish", "unpublish"} <= offered_actions(editor_client, ARTICLES)
    assert "submit_for_review" not in offered_actions(editor_client, ARTICLES)


# The review queue and the header count.


def test_an_editor_arrives_on_the_review_queue_with_all_one_click_away(editor_client, section):
    waiting = ArticleFactory(
        section=section,
        status=Article.Status.REVIEW,
        published_at=None,
        created_by=UserFactory(username="reporter"),
    )
    published = ArticleFactory(section=section)

    arriving = editor_client.get(ARTICLES)
    queue = editor_client.get(arriving.url)
    status_filter = next(
        spec
        for spec in queue.context["cl"].filter_specs
        if getattr(spec, "field_path", None) == "status"
    )
    all_link = next(iter(status_filter.choices(queue.context["cl"])))  # "All" comes first
    everything = editor_client.get(ARTICLES + all_link["query_string"])
    cleared = editor_client.get(ARTICLES + queue.context["cl"].clear_all_filters_qs)
    total = editor_client.get(ARTICLES, headers={"referer": f"http://testserver{arriving.url}"})

    assert arriving.status_code == 302 and arriving.url == ARTICLES + "?status__exact=review"
    assert list(queue.context["cl"].result_list) == [waiting]
    assert "reporter" in queue.text  # who wrote it
    assert all_link["display"] == "Semua" and not all_link["selected"]
    assert everything.status_code == 200
    assert set(everything.context["cl"].result_list) == {waiting, published}
    assert cleared.status_code == 200
    assert set(cleared.context["cl"].result_list) == {waiting, published}
    assert total.status_code == 200  # "2 total", a link to the plain address from the list


def test_the_list_opens_on_everything_when_nothing_waits(editor_client, article):
    response = editor_client.get(ARTICLES)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [article]


def test_the_header_shows_editors_how_many_articles_wait_besides_the_comments(
    reporter_client, section, article, own_draft
):
    ArticleFactory.create_batch(2, section=section, status="review", published_at=None)
    Comment.objects.create(article=article, name="Pembaca", email="p@example.com", body="Bagus.")
    editor_and_moderator = in_group("Editors")
    editor_and_moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(editor_and_moderator)

    page = client.get(reverse("admin:index"))
    reporters_page = reporter_client.get(reverse("admin:index"))

    assert "2 artikel menunggu peninjauan" in page.text
    assert f'href="{ARTICLES}?status__exact=review"' in page.text
    assert "1 komentar menunggu moderasi" in page.text
    assert "menunggu peninjauan" not in reporters_page.text


# E-mails to the editors.


@pytest.fixture
def editors(db):
    chosen = in_group("Editors", username="redaktur", email="redaktur@example.com")
    in_group("Editors", username="tanpa-surel", email="")
    in_group("Editors", username="cuti", email="cuti@example.com", is_active=False)
    UserFactory(username="admin", is_staff=True, is_superuser=True, email="admin@example.com")
    return chosen


def submit_by_form(client, section, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(article), form_data(section, article, status="review"))
    assert response.status_code == 302


def test_editors_are_emailed_once_within_the_interval_and_again_after(
    reporter_client, reporter, section, editors, django_capture_on_commit_callbacks
):
    first, second, third = (
        ArticleFactory(
            section=section,
            headline=f"Berita {name}",
            status=Article.Status.DRAFT,
            published_at=None,
            created_by=reporter,
        )
        for name in ["pertama", "kedua", "ketiga"]
    )

    submit_by_form(reporter_client, section, first, django_capture_on_commit_callbacks)
    submit_by_form(reporter_client, section, second, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["admin@example.com", "redaktur@example.com"]
    assert message.subject == "1 artikel menunggu peninjauan"
    assert "Berita pertama (oleh reporter): http" in message.body
    assert change_url(first) in message.body

    # The interval passes (the database's clock decides): the next submission is told.
    ReviewAlert.objects.update(sent_at=timezone.now() - timedelta(minutes=5, seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        reporter_client.post(
            ARTICLES, {"action": "submit_for_review", "_selected_action": [third.pk]}
        )

    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "3 artikel menunggu peninjauan"
    for headline in ["Berita pertama", "Berita kedua", "Berita ketiga"]:
        assert headline in mail.outbox[1].body


def test_nothing_is_sent_when_the_submission_rolls_back(
    reporter, own_draft, editors, django_capture_on_commit_callbacks
):
    class Abandoned(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Abandoned),
        transaction.atomic(),
    ):
        submit_for_review(articles=Article.objects.filter(pk=own_draft.pk))
        raise Abandoned

    assert callbacks == []
    assert mail.outbox == []
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.DRAFT


def test_nothing_is_sent_when_nothing_waits_and_the_turn_is_kept(editors):
    assert notify_editors() is False
    assert mail.outbox == []
    assert not ReviewAlert.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_processes_submitting_at_once_take_the_turn_once():
    """Eight connections ask at the same instant: one gets the turn."""
    start = threading.Barrier(8)
    turns = []

    def ask():
        start.wait()
        try:
            turns.append(take_alert_turn(300))
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(turns) == [False] * 7 + [True]


def test_an_editor_moving_an_article_to_review_by_the_form_is_not_refused(
    editor_client, section, django_capture_on_commit_callbacks, editors
):
    article = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)

    submit_by_form(editor_client, section, article, django_capture_on_commit_callbacks)

    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert len(mail.outbox) == 1


def test_a_reporter_arrives_on_their_whole_list_not_the_queue(reporter_client, own_draft):
    Article.objects.filter(pk=own_draft.pk).update(status=Article.Status.REVIEW)

    response = reporter_client.get(ARTICLES)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [own_draft]


def test_the_review_email_names_the_authors_else_the_creators_full_name(
    section, editors, django_capture_on_commit_callbacks
):
    creator = in_group("Reporters", username="sdewi", first_name="Sari", last_name="Dewi")
    ArticleFactory(
        section=section,
        headline="Berita berpenulis",
        status=Article.Status.REVIEW,
        published_at=None,
        created_by=creator,
        authors=[AuthorFactory(name="Budi Santoso"), AuthorFactory(name="Ani Wijaya")],
    )
    ArticleFactory(
        section=section,
        headline="Berita tanpa penulis",
        status=Article.Status.REVIEW,
        published_at=None,
        created_by=creator,
    )

    assert notify_editors()

    body = mail.outbox[0].body
    assert "Berita berpenulis (oleh Ani Wijaya, Budi Santoso): http" in body
    assert "Berita tanpa penulis (oleh Sari Dewi): http" in body


# What is the editors' alone (visual QA).

RECORDS_SECTION = "Koreksi dan penarikan"


def test_a_reporter_sees_neither_corrections_nor_withdrawals(reporter_client, own_draft):
    change_page = reporter_client.get(change_url(own_draft))
    assert change_page.status_code == 200
    assert RECORDS_SECTION not in change_page.text

    index = reporter_client.get(reverse("admin:index")).text
    for name in ["correction", "withdrawal"]:
        changelist = reverse(f"admin:editorial_{name}_changelist")
        assert changelist not in index
        assert reporter_client.get(changelist).status_code == 403


def test_editors_see_corrections_and_withdrawals(editor_client, article):
    assert RECORDS_SECTION in editor_client.get(change_url(article)).text
    for name in ["correction", "withdrawal"]:
        assert editor_client.get(reverse(f"admin:editorial_{name}_changelist")).status_code == 200


def test_a_reporters_form_has_no_featuring_and_no_scheduling_help(
    reporter_client, editor, own_draft, section
):
    scheduling_help = "Waktu di masa depan menjadwalkannya"
    for page in [reporter_client.get(change_url(own_draft)), reporter_client.get(ADD)]:
        assert "is_featured" not in page.context["adminform"].form.fields
        assert 'name="is_featured"' not in page.text
        assert scheduling_help not in page.text
        assert "Waktu terbit" in page.text  # shown, not set
    # A crafted POST does not feature it either.
    response = reporter_client.post(
        change_url(own_draft), form_data(section, own_draft, is_featured="on")
    )
    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert not own_draft.is_featured

    editor_client = Client()
    editor_client.force_login(editor)
    editors_form = editor_client.get(change_url(own_draft))
    assert 'name="is_featured"' in editors_form.text and scheduling_help in editors_form.text
