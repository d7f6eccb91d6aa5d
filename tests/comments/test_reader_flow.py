"""Readers comment without an account; nothing is public until a moderator approves it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def approved(article, **fields):
    defaults = {"name": "Budi", "email": "budi@example.com", "body": "Setuju."}
    return Comment.objects.create(
        article=article, status=Comment.Status.APPROVED, **{**defaults, **fields}
    )


def test_a_comment_is_stored_pending_before_the_reader_is_redirected(send_comment, article):
    response = send_comment(article)

    assert response.status_code == 303
    assert response["Location"].startswith(article.get_absolute_url() + "?komentar=terkirim")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "203.0.113.10"


def test_the_reader_is_told_the_comment_awaits_moderation_and_it_is_not_public(
    send_comment, article
):
    page = send_comment(article, body="Komentar rahasia sampai disetujui.", follow=True)

    assert page.status_code == 200
    assert "moderator" in page.text.lower()
    assert "Komentar rahasia sampai disetujui." not in page.text


def test_approved_comments_are_shown_oldest_first_with_their_count(client, article):
    now = timezone.now()
    approved(article, name="Kedua", body="Komentar kedua.", created_at=now)
    approved(article, name="Pertama", body="Komentar pertama.", created_at=now - timedelta(hours=1))
    Comment.objects.create(article=article, name="Tertunda", email="t@example.com", body="Belum.")

    text = client.get(article.get_absolute_url()).text

    assert text.index("Komentar pertama.") < text.index("Komentar kedua.")
    assert "2 komentar" in text
    assert "Tertunda" not in text


def test_what_moderators_change_shows_at_the_next_request(client, article):
    kept = approved(article, name="Budi", body="Teks asli.")
    client.get(article.get_absolute_url())  # the list as rendered, kept

    Comment.objects.filter(pk=kept.pk).update(body="Teks yang disunting.")
    edited = client.get(article.get_absolute_url()).text
    newcomer = approved(article, name="Ani", body="Komentar baru.")
    added = client.get(article.get_absolute_url()).text
    Comment.objects.filter(pk=newcomer.pk).update(status=Comment.Status.SPAM)
    removed = client.get(article.get_absolute_url()).text

    assert "Teks yang disunting." in edited and "Teks asli." not in edited
    assert "Komentar baru." in added and "2 komentar" in added
    assert "Komentar baru." not in removed and "1 komentar" in removed


def test_reply_links_go_when_comments_close_by_themselves(client, settings, section):
    article = ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=10))
    comment = approved(article)
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    assert f"?balas={comment.pk}" in client.get(article.get_absolute_url()).text

    settings.COMMENTS_CLOSE_AFTER_DAYS = 7  # as time passing would: no content change

    assert f"?balas={comment.pk}" not in client.get(article.get_absolute_url()).text


def test_the_e_mail_address_is_never_shown(client, article):
    approved(article, email="rahasia.sekali@example.com")

    assert "rahasia.sekali" not in client.get(article.get_absolute_url()).text


def test_html_is_shown_escaped_line_breaks_kept_and_links_marked_ugc(client, article):
    approved(
        article,
        body='<script>alert("x")</script>\nBaris kedua\nLihat https://example.com/data',
    )

    text = client.get(article.get_absolute_url()).text

    assert '<script>alert("x")</script>' not in text
    assert "&lt;script&gt;" in text
    assert "<br>Baris kedua" in text
    assert 'href="https://example.com/data" rel="nofollow ugc noopener"' in text


def test_unicode_and_emoji_are_fine(send_comment, article):
    response = send_comment(article, name="Ñoño 李", body="Mantap sekali 👍🏽 — ça va ✓")

    assert response.status_code == 303
    assert Comment.objects.get().body == "Mantap sekali 👍🏽 — ça va ✓"


def test_a_reader_may_reply_to_an_approved_comment(send_comment, client, article):
    parent = approved(article)

    response = send_comment(article, parent=parent.pk)

    assert response.status_code == 303
    reply = Comment.objects.get(parent=parent)
    reply.status = Comment.Status.APPROVED
    reply.save()
    text = client.get(article.get_absolute_url()).text
    assert 'class="comment-replies"' in text


@pytest.mark.parametrize("kind", ["reply", "pending", "other article"])
def test_replies_go_one_level_deep_to_approved_comments_of_the_article(send_comment, article, kind):
    top = approved(article)
    parents = {
        "reply": lambda: approved(article, parent=top, body="Balasan."),
        "pending": lambda: Comment.objects.create(
            article=article, name="X", email="x@e.com", body="Y"
        ),
        "other article": lambda: approved(ArticleFactory(), body="Di berita lain."),
    }

    response = send_comment(article, parent=parents[kind]().pk)

    assert response.status_code == 400
    assert Comment.objects.filter(email="siti@example.com").count() == 0


def test_form_errors_keep_what_the_reader_typed(send_comment, article):
    response = send_comment(
        article, email="bukan-surel", body="Ini yang saya ketik dengan susah payah."
    )

    assert response.status_code == 400
    assert "Ini yang saya ketik dengan susah payah." in response.text
    assert 'value="Siti Rahma"' in response.text
    assert not Comment.objects.exists()


def test_a_form_sent_back_with_errors_is_never_the_form_other_readers_get(
    send_comment, client, article
):
    first = client.get(article.get_absolute_url()).text  # the new form's fields, kept

    refused = send_comment(article, email="bukan-surel", body="Teks pembaca pertama.")
    later = client.get(article.get_absolute_url()).text

    assert refused.status_code == 400
    assert "Teks pembaca pertama." in refused.text and 'aria-invalid="true"' in refused.text
    assert "Teks pembaca pertama." not in later and 'aria-invalid="true"' not in later
    assert 'value="Siti Rahma"' not in later
    assert new_form(later) == new_form(first)


def new_form(page):
    """The comment form of a page, its token (made afresh for each page) left out."""
    form = page[page.index('<form class="comment-form"') : page.index("</form>")]
    return re.sub(r'name="token" value="[^"]*"', 'name="token"', form)


def test_the_comment_form_speaks_the_readers_language(client, article):
    client.get(article.get_absolute_url())  # the Indonesian form, kept

    english = client.get("/en" + article.get_absolute_url()).text

    assert '<label for="id_name">Name</label>' in english
    assert "Never shown." in english


def test_comments_can_be_closed_on_an_article(send_comment, client, section):
    closed = ArticleFactory(section=section, comments_open=False)

    response = send_comment(closed)

    assert response.status_code == 403
    assert not Comment.objects.exists()
    assert "ditutup" in client.get(closed.get_absolute_url()).text


def test_comments_close_by_themselves_some_days_after_publication(send_comment, settings, section):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=31))
    recent = ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=29))

    assert send_comment(old).status_code == 403
    assert send_comment(recent, ip="203.0.113.11").status_code == 303
