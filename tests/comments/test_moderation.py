"""Moderators: a queue of pending comments, bulk decisions, rights on comments only."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, Refusal
from comments.services import notify_moderators
from tests.factories import ArticleFactory, UserFactory
from tests.rights import login_with, offered_actions

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator(db):
    user = UserFactory(username="moderator", is_staff=True, email="moderator@example.com")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def pending(article, number=0, **fields):
    defaults = {
        "name": f"Pembaca {number}",
        "email": f"pembaca{number}@example.com",
        "body": f"Komentar nomor {number}.",
        "created_at": timezone.now() - timedelta(minutes=60 - number),
    }
    return Comment.objects.create(article=article, **{**defaults, **fields})


def test_the_queue_opens_on_pending_comments_oldest_first(moderator_client, article):
    first, second = pending(article, 1), pending(article, 2)
    pending(article, 3, status=Comment.Status.APPROVED)

    response = moderator_client.get(QUEUE)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [first, second]
    for column in ["pembaca1@example.com", article.headline, "Komentar nomor 1."]:
        assert column in response.text


def test_the_queue_filters_by_status_and_article_and_searches(moderator_client, article):
    other = ArticleFactory(headline="Berita lain")
    spam = pending(article, 1, status=Comment.Status.SPAM)
    elsewhere = pending(other, 2)

    by_status = moderator_client.get(QUEUE, {"status": "spam"})
    by_article = moderator_client.get(QUEUE, {"article__id__exact": other.pk})
    everything = moderator_client.get(QUEUE, {"status": "all", "q": "pembaca2"})

    assert list(by_status.context["cl"].result_list) == [spam]
    assert list(by_article.context["cl"].result_list) == [elsewhere]
    assert list(everything.context["cl"].result_list) == [elsewhere]


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("mark_as_spam", "spam")],
)
def test_bulk_actions_record_who_moderated_and_when(
    moderator_client, moderator, article, action, status
):
    comments = [pending(article, number) for number in range(3)]

    moderator_client.post(
        QUEUE, {"action": action, "_selected_action": [c.pk for c in comments[:2]]}
    )

    decided = Comment.objects.filter(status=status)
    assert decided.count() == 2
    assert all(c.moderated_by == moderator and c.moderated_at for c in decided)
    assert Comment.objects.get(pk=comments[2].pk).status == Comment.Status.PENDING


def test_an_approved_comment_is_on_the_article_page_at_the_next_request(moderator_client, article):
    reader = Client()
    comment = pending(article, 1, body="Akhirnya tampil juga.")
    assert "Akhirnya tampil juga." not in reader.get(article.get_absolute_url()).text

    moderator_client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})

    assert "Akhirnya tampil juga." in reader.get(article.get_absolute_url()).text


def test_a_moderator_cannot_touch_articles(moderator_client, article):
    assert moderator_client.get(reverse("admin:articles_article_changelist")).status_code == 403
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert moderator_client.post(change, {"headline": "Diubah"}).status_code == 403
    assert moderator_client.get(reverse("admin:articles_article_add")).status_code == 403


def test_nobody_adds_comments_in_the_admin(moderator_client):
    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_editing_a_comments_status_records_the_moderator(moderator_client, moderator, article):
    comment = pending(article, 1)

    response = moderator_client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]), {"status": "approved"}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.moderated_by == moderator


def test_the_admin_shows_how_many_comments_wait(moderator_client, article):
    pending(article, 1)
    pending(article, 2)

    page = moderator_client.get(reverse("admin:index"))

    assert "2 komentar menunggu moderasi" in page.text


def test_moderators_are_emailed_at_most_once_per_interval(
    send_comment, moderator, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_comment(article, ip="203.0.113.1")
        send_comment(article, body="Komentar lain.", ip="203.0.113.2")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moderator@example.com"]
    assert "moderasi" in mail.outbox[0].subject
    assert notify_moderators() is False


@pytest.mark.parametrize(
    ("approved_from", "sent_from"),
    [("203.0.113.10", "203.0.113.10"), ("2001:db8:1:2::5", "2001:db8:1:2:ffff::9")],
    ids=["same IPv4 address", "same IPv6 /64"],
)
def test_an_approved_reader_can_be_trusted_at_once_from_the_same_address(
    send_comment, article, settings, approved_from, sent_from
):
    settings.COMMENTS_TRUST_APPROVED_EMAILS = True
    pending(
        article,
        1,
        status=Comment.Status.APPROVED,
        email="setia@example.com",
        ip_address=approved_from,
    )

    send_comment(
        article, email="Setia@example.com", body="Komentar baru dari pembaca setia.", ip=sent_from
    )

    assert Comment.objects.get(body__startswith="Komentar baru").status == "approved"


@pytest.mark.parametrize(
    ("approved_from", "sent_from"),
    [("203.0.113.10", "198.51.100.66"), ("2001:db8:1:2::5", "2001:db8:1:3::5"), (None, "::1")],
    ids=["other IPv4 address", "other IPv6 /64", "no address known"],
)
def test_a_stranger_who_guesses_an_approved_email_waits_for_moderation(
    send_comment, article, settings, approved_from, sent_from
):
    settings.COMMENTS_TRUST_APPROVED_EMAILS = True
    pending(
        article,
        1,
        status=Comment.Status.APPROVED,
        email="setia@example.com",
        ip_address=approved_from,
    )

    send_comment(article, email="setia@example.com", body="Iklan dari orang asing.", ip=sent_from)

    assert Comment.objects.get(body__startswith="Iklan").status == "pending"


def test_by_default_every_comment_waits(send_comment, article):
    pending(article, 1, status=Comment.Status.APPROVED, email="setia@example.com")

    send_comment(article, email="setia@example.com", body="Komentar baru dari pembaca setia.")

    assert Comment.objects.get(body__startswith="Komentar baru").status == "pending"


def count_page_queries(client, article):
    client.get(article.get_absolute_url())  # fill the shared fragments' cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(queries)


def test_article_page_queries_stay_constant_with_50_approved_comments(client, section):
    few, many = ArticleFactory(section=section), ArticleFactory(section=section)
    pending(few, 99, status=Comment.Status.APPROVED)
    for number in range(50):
        parent = Comment.objects.filter(article=many, parent=None).first() if number % 5 else None
        pending(many, number, status=Comment.Status.APPROVED, parent=parent)

    page = client.get(many.get_absolute_url())

    assert page.text.count('class="comment ') + page.text.count('class="comment"') == 50
    assert count_page_queries(client, few) == count_page_queries(client, many)


# Every bulk action checks the rights it needs: a user without them is not offered it,
# and posting it anyway changes nothing.


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("mark_as_spam", "spam")],
)
def test_moderating_in_bulk_needs_the_change_right(client, article, action, status):
    comment = pending(article, 1)

    viewer = login_with(client, "comments.view_comment")
    assert action not in offered_actions(viewer, QUEUE)
    viewer.post(QUEUE, {"action": action, "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING and comment.moderated_by is None

    login_with(client, "comments.view_comment", "comments.change_comment")
    assert action in offered_actions(client, QUEUE)
    client.post(QUEUE, {"action": action, "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == status and comment.moderated_by is not None


@pytest.mark.parametrize("model", ["comment", "refusal"])
def test_deleting_in_bulk_needs_the_delete_right(client, article, model):
    changelist = reverse(f"admin:comments_{model}_changelist")
    if model == "comment":
        thing = pending(article, 1, status=Comment.Status.SPAM)
        changelist += "?status=all"
    else:
        thing = Refusal.objects.create(reason=Refusal.Reason.HONEYPOT, article=article)
    data = {"action": "delete_selected", "_selected_action": [thing.pk], "post": "yes"}

    login_with(client, f"comments.view_{model}", "comments.change_comment")
    assert "delete_selected" not in offered_actions(client, changelist)
    client.post(changelist, data)
    assert type(thing).objects.filter(pk=thing.pk).exists()

    login_with(client, f"comments.view_{model}", f"comments.delete_{model}")
    assert "delete_selected" in offered_actions(client, changelist)
    client.post(changelist, data)
    assert not type(thing).objects.filter(pk=thing.pk).exists()


def test_a_user_who_may_only_view_comments_cannot_moderate_one_by_one(client, article):
    comment = pending(article, 1)
    login_with(client, "comments.view_comment")

    response = client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]), {"status": "approved"}
    )

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING and comment.moderated_by is None
