"""Each defence, and each kind of bad input: a clear refusal and a 4xx, never a 500."""

import logging
import time

import pytest
from django.core import signing
from django.urls import reverse

from comments.defences import TOKEN_SALT, form_token
from comments.models import Comment, Refusal
from tests.comments.conftest import time_passes
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def refusals():
    return list(Refusal.objects.values_list("reason", flat=True))


def test_a_filled_in_honeypot_is_refused_and_recorded(send_comment, article):
    response = send_comment(article, website="http://spam.example")

    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert refusals() == ["honeypot"]


def test_a_form_sent_too_fast_is_refused_politely_keeping_the_text(send_comment, article, settings):
    settings.COMMENTS_FORM_MIN_SECONDS = 60

    response = send_comment(article, body="Ketikan saya.")

    assert response.status_code == 400
    assert "Ketikan saya." in response.text
    assert refusals() == ["too_fast"]


def test_a_form_that_is_too_old_is_refused(send_comment, article, settings):
    settings.COMMENTS_FORM_MAX_AGE = 60

    class SignedAnHourAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 3600)

    old = SignedAnHourAgo(salt=TOKEN_SALT).sign_object({"article": article.pk, "time": 0})

    response = send_comment(article, token=old)

    assert response.status_code == 400
    assert refusals() == ["expired"]


@pytest.mark.parametrize(
    "token", ["", "rubbish", "eyJhIjoxfQ:1aaaaa:forged-signature"], ids=["empty", "junk", "forged"]
)
def test_a_form_not_made_by_the_site_is_refused(send_comment, article, token):
    response = send_comment(article, token=token)

    assert response.status_code == 400
    assert refusals() == ["bad_token"]


def test_a_token_for_another_article_is_refused(send_comment, article):
    response = send_comment(article, token=form_token(ArticleFactory().pk))

    assert response.status_code == 400
    assert refusals() == ["bad_token"]


def test_one_address_may_not_comment_twice_within_the_interval(send_comment, article):
    assert send_comment(article, body="Pertama.").status_code == 303

    response = send_comment(article, body="Kedua, terlalu cepat.")

    assert response.status_code == 429
    assert "Kedua, terlalu cepat." in response.text
    assert refusals() == ["rate_limited"]
    assert send_comment(article, body="Dari alamat lain.", ip="198.51.100.7").status_code == 303


def test_a_reader_who_fixes_a_form_error_sends_again_at_once(send_comment, article):
    assert send_comment(article, name="").status_code == 400

    assert send_comment(article, body="Nama sudah diisi.").status_code == 303


def test_form_errors_count_in_the_hour_all_the_same(send_comment, article, settings):
    settings.COMMENTS_PER_HOUR = 3

    statuses = [send_comment(article, name="").status_code for _attempt in range(4)]

    assert statuses == [400, 400, 400, 429]


def test_one_address_may_send_only_a_few_comments_an_hour(send_comment, article, settings):
    settings.COMMENTS_MIN_INTERVAL = 15
    settings.COMMENTS_PER_HOUR = 2

    statuses = []
    for number in range(3):
        time_passes(seconds=16)
        statuses.append(send_comment(article, body=f"Komentar ke-{number}.").status_code)

    assert statuses == [303, 303, 429]
    time_passes(seconds=3600)
    assert send_comment(article, body="Satu jam kemudian.").status_code == 303


def test_the_same_text_twice_from_the_same_person_is_kept_once(send_comment, article):
    send_comment(article, body="Saya setuju  sekali.")

    again = send_comment(article, body="saya setuju sekali.", ip="198.51.100.8")
    someone_else = send_comment(
        article, body="Saya setuju sekali.", email="lain@example.com", ip="198.51.100.9"
    )

    assert again.status_code == someone_else.status_code == 303
    assert Comment.objects.count() == 2
    assert refusals() == ["duplicate"]


def test_no_answer_tells_a_stranger_whose_email_wrote_a_public_comment(send_comment, article):
    Comment.objects.create(
        article=article,
        name="Setia",
        email="setia@example.com",
        body="Teks yang tampil untuk umum.",
        status=Comment.Status.APPROVED,
    )

    right_guess = send_comment(
        article, email="setia@example.com", body="Teks yang tampil untuk umum.", ip="198.51.100.1"
    )
    wrong_guess = send_comment(
        article, email="tebak@example.com", body="Teks yang tampil untuk umum.", ip="198.51.100.2"
    )

    assert right_guess.status_code == wrong_guess.status_code == 303
    assert right_guess["Location"] == wrong_guess["Location"]
    assert right_guess.content == wrong_guess.content


def test_the_same_reader_may_say_the_same_thing_under_two_articles(send_comment, article):
    other = ArticleFactory()

    first = send_comment(article, body="Semoga cepat pulih.")
    second = send_comment(other, body="Semoga cepat pulih.", ip="198.51.100.3")

    assert first.status_code == second.status_code == 303
    assert Comment.objects.filter(body="Semoga cepat pulih.").count() == 2
    assert refusals() == []


def test_many_links_send_a_comment_to_spam(send_comment, article):
    body = "Murah! https://a.example https://b.example www.c.example"

    response = send_comment(article, body=body)

    assert response.status_code == 303  # the sender is told nothing more
    assert Comment.objects.get().status == Comment.Status.SPAM


@pytest.mark.parametrize(
    ("fields", "field_with_error"),
    [
        ({"body": ""}, "body"),
        ({"body": "   \n  "}, "body"),
        ({"body": "x" * 3001}, "body"),
        ({"name": ""}, "name"),
        ({"name": "n" * 81}, "name"),
        ({"email": "bukan surel"}, "email"),
        ({"email": ""}, "email"),
        ({"body": "ada\x00nol"}, "body"),
        ({"name": "Nama\x00"}, "name"),
        ({"parent": "bukan-angka"}, "parent"),
    ],
    ids=[
        "empty",
        "blank",
        "too long",
        "no name",
        "long name",
        "bad e-mail",
        "no e-mail",
        "NUL in text",
        "NUL in name",
        "bad parent",
    ],
)
def test_bad_input_gets_a_clear_error_and_a_400(send_comment, article, fields, field_with_error):
    response = send_comment(article, **fields)

    assert response.status_code == 400
    assert field_with_error in response.context["comment_form"].errors
    assert not Comment.objects.exists()
    assert refusals() == ["invalid"]


def test_exactly_3000_characters_are_accepted(send_comment, article):
    assert send_comment(article, body="y" * 3000).status_code == 303


def test_a_missing_article_is_404(client):
    response = client.post(reverse("comments:post", args=["tidak-ada"]), {"body": "x"})

    assert response.status_code == 404


def test_a_draft_article_cannot_be_commented(send_comment, section):
    draft = ArticleFactory(section=section, status="draft", published_at=None)

    assert send_comment(draft).status_code == 404


def test_only_post_is_allowed(client, article):
    response = client.get(reverse("comments:post", args=[article.slug]))

    assert response.status_code == 405


def test_a_post_with_no_fields_at_all_is_a_400(client, article):
    response = client.post(reverse("comments:post", args=[article.slug]), {})

    assert response.status_code == 400


def test_every_refusal_is_counted_and_logged(send_comment, article, caplog, admin_client):
    with caplog.at_level(logging.WARNING, logger="comments.defences"):
        send_comment(article, website="bot")
        send_comment(article, token="junk", ip="198.51.100.20")

    assert sorted(refusals()) == ["bad_token", "honeypot"]
    assert len([r for r in caplog.records if "Comment refused" in r.message]) == 2
    page = admin_client.get(reverse("admin:comments_refusal_changelist"))
    assert page.status_code == 200
    assert ": 1" in page.context["subtitle"]
