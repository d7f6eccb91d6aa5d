"""200 readers comment at once on a real gunicorn: each comment stored once, each answered."""

import http.client
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from comments.defences import form_token
from comments.models import Comment
from tests.factories import ArticleFactory

READERS = 200


def post_as_reader(server, article, token, number):
    # Each reader comes from an address of its own (all of 127.0.0.0/8 is loopback).
    source = f"127.0.{number // 250}.{number % 250 + 2}"
    body = urllib.parse.urlencode(
        {
            "name": f"Pembaca {number}",
            "email": f"pembaca{number}@example.com",
            "body": f"Komentar serentak nomor {number} 🎉",
            "token": token,
            "website": "",
        }
    )
    connection = http.client.HTTPConnection(
        "127.0.0.1", server.port, timeout=60, source_address=(source, 0)
    )
    try:
        connection.request(
            "POST",
            f"/berita/{article.slug}/komentar/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_comments_are_all_stored_once(gunicorn_server):
    article = ArticleFactory()
    token = form_token(article.pk)

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(
            pool.map(
                lambda number: post_as_reader(gunicorn_server, article, token, number),
                range(READERS),
            )
        )

    assert statuses == [303] * READERS
    stored = Comment.objects.filter(article=article)
    assert stored.count() == READERS
    assert {c.body for c in stored} == {f"Komentar serentak nomor {n} 🎉" for n in range(READERS)}
    assert stored.values("ip_address").distinct().count() == READERS
    assert set(stored.values_list("status", flat=True)) == {"pending"}
