"""The fresh form token a reader's browser asks for when the page came from the HTTP cache."""

import time

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from comments.defences import TOKEN_SALT
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def token_address(article):
    return reverse("comments:token", args=[article.slug])


def test_a_fresh_token_is_made_now_for_the_article_and_never_cached(client, article):
    before = time.time()

    response = client.get(token_address(article))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    data = signing.loads(response.text, salt=TOKEN_SALT)
    assert data["article"] == article.pk
    assert data["time"] >= before
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not response.cookies


def test_two_asks_give_two_tokens(client, article):
    assert client.get(token_address(article)).text != client.get(token_address(article)).text


@pytest.mark.parametrize(
    "state",
    [
        {"status": "draft"},
        {"status": "review"},
        {"published_at": timezone.now() + timezone.timedelta(hours=1)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_no_token_for_an_article_readers_cannot_see(client, section, state):
    hidden = ArticleFactory(section=section, **state)

    assert client.get(token_address(hidden)).status_code == 404


def test_no_token_for_an_unknown_address(client):
    assert client.get("/berita/tidak-ada/komentar/token/").status_code == 404


def test_no_token_where_comments_are_closed(client, section):
    closed = ArticleFactory(section=section, comments_open=False)

    response = client.get(token_address(closed))

    assert response.status_code == 403
    assert "ditutup" in response.text


def test_only_get(client, article):
    assert client.post(token_address(article)).status_code == 405


def test_a_fresh_token_is_accepted_with_a_comment(client, article):
    token = client.get(token_address(article)).text

    response = client.post(
        reverse("comments:post", args=[article.slug]),
        {"name": "Siti", "email": "siti@example.com", "body": "Terima kasih.", "token": token},
    )

    assert response.status_code == 303


def test_the_new_form_says_where_to_ask_and_a_form_sent_back_does_not(client, article):
    page = client.get(article.get_absolute_url()).text
    assert f'data-token-url="{token_address(article)}"' in page

    sent_back = client.post(
        reverse("comments:post", args=[article.slug]),
        {"name": "", "email": "bukan-email", "body": "", "token": "rusak"},
    )
    assert sent_back.status_code == 400
    # Its token was made for this very answer, which no cache keeps.
    assert "data-token-url" not in sent_back.text
