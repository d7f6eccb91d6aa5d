"""The per-address limits hold across processes, with or without Redis, and a flood stays quiet."""

import http.client
import logging
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.urls import reverse

from comments.defences import address_bucket, form_token
from comments.models import Comment, RateLimit, Refusal
from tests.comments.conftest import time_passes
from tests.factories import ArticleFactory, UserFactory
from tests.server import GunicornServer, free_port

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def serve(transactional_db):
    """Start gunicorn with 3 workers and the given environment; stopped after the test."""
    servers = []

    def start(**environment):
        servers.append(GunicornServer(workers=3, environment=environment))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def post(server, article, number, **fields):
    body = urllib.parse.urlencode(
        {
            "name": "Pembaca Cepat",
            "email": "cepat@example.com",
            "body": f"Komentar cepat nomor {number}.",
            "token": form_token(article.pk),
            "website": "",
            **fields,
        }
    )
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
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


def post_at_once(server, article, count, **fields):
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda n: post(server, article, n, **fields), range(count)))


@pytest.mark.parametrize("redis", [False, True], ids=["database only", "with Redis"])
def test_quick_posts_to_three_workers_store_exactly_the_hourly_allowance(serve, redis):
    environment = {"COMMENTS_MIN_INTERVAL": "0", "COMMENTS_PER_HOUR": "5"}
    if redis:
        environment["REDIS_URL"] = REDIS_URL
    server = serve(**environment)
    article = ArticleFactory()

    statuses = post_at_once(server, article, 9)

    assert sorted(statuses) == [303] * 5 + [429] * 4
    assert Comment.objects.filter(article=article).count() == 5


@pytest.mark.parametrize("redis", [False, True], ids=["database only", "with Redis"])
def test_quick_posts_to_three_workers_store_one_per_interval(serve, redis):
    server = serve(**({"REDIS_URL": REDIS_URL} if redis else {}))  # 15 seconds between two
    article = ArticleFactory()

    statuses = post_at_once(server, article, 9)

    assert sorted(statuses) == [303] + [429] * 8
    assert Comment.objects.filter(article=article).count() == 1


@pytest.mark.django_db
def test_comments_post_counted_and_moderators_told_while_the_cache_is_down(
    send_comment, article, settings, django_capture_on_commit_callbacks
):
    """The accepted path needs no cache (pages rendered around it degrade on their own)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nobody listens
        }
    }
    UserFactory(email="moderator@example.com").groups.add(Group.objects.get(name="Moderators"))

    with django_capture_on_commit_callbacks(execute=True):
        response = send_comment(article, body="Redis mati, komentar tetap.")

    assert response.status_code == 303
    assert Comment.objects.get().body == "Redis mati, komentar tetap."
    assert RateLimit.objects.get(key="203.0.113.10").posts == 1
    assert mail.outbox[0].to == ["moderator@example.com"]


@pytest.mark.django_db
def test_refused_posts_count_against_the_limit(send_comment, article):
    assert send_comment(article, token="junk").status_code == 400

    response = send_comment(article)  # a good comment, but a moment after the junk

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_flood_of_junk_posts_writes_and_logs_a_bounded_few(
    send_comment, article, caplog, admin_client
):
    with caplog.at_level(logging.INFO):
        responses = [send_comment(article, token="junk") for _ in range(60)]

    statuses = [response.status_code for response in responses]
    assert statuses == [400] + [429] * 59
    assert sorted(Refusal.objects.values_list("reason", "count")) == [
        ("bad_token", 1),
        ("rate_limited", 59),
    ]
    assert len(caplog.records) <= 2
    # Only the first refusal of each kind renders the article page.
    assert sum(article.headline in response.text for response in responses) == 2
    assert all(len(response.content) < 200 for response in responses[2:])
    admin_page = admin_client.get(reverse("admin:comments_refusal_changelist"))
    assert ": 59" in admin_page.context["subtitle"]


@pytest.mark.django_db
def test_a_flood_at_a_missing_article_is_counted_on_one_refusal(client, article):
    address = reverse("comments:post", args=["tidak-ada"])

    statuses = [client.post(address, {}, REMOTE_ADDR="203.0.113.5").status_code for _ in range(20)]

    assert statuses == [404] + [429] * 19
    assert list(Refusal.objects.values_list("reason", "count")) == [("rate_limited", 19)]


@pytest.mark.django_db
def test_a_flood_writes_one_refusal_an_hour_and_counts_again_the_next(send_comment, article):
    for _ in range(3):
        send_comment(article, token="junk")
    time_passes(seconds=3600)
    for _ in range(4):
        send_comment(article, token="junk")

    assert sorted(Refusal.objects.values_list("reason", "count")) == [
        ("bad_token", 1),
        ("bad_token", 1),
        ("rate_limited", 2),
        ("rate_limited", 3),
    ]


@pytest.mark.django_db
def test_an_ipv6_address_is_limited_with_its_whole_64(send_comment, article):
    assert send_comment(article, ip="2001:db8:aa:bb::1").status_code == 303

    rotated = send_comment(article, ip="2001:db8:aa:bb:dead:beef:0:2", body="Alamat baru.")
    next_network = send_comment(article, ip="2001:db8:aa:bc::1", body="Jaringan lain.")

    assert rotated.status_code == 429
    assert next_network.status_code == 303


@pytest.mark.parametrize(
    ("address", "bucket"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("::1", "::/64"),
        (None, "unknown"),
    ],
)
def test_the_limit_counts_ipv4_addresses_and_ipv6_networks(address, bucket):
    assert address_bucket(address) == bucket


@pytest.mark.django_db
def test_rows_that_limit_nothing_any_more_are_pruned(send_comment, article):
    for number in range(5):
        send_comment(article, ip=f"198.51.100.{number}", body=f"Komentar {number}.")
    time_passes(seconds=3601)

    send_comment(article, ip="198.51.100.200", body="Yang baru.")

    assert list(RateLimit.objects.values_list("key", flat=True)) == ["198.51.100.200"]
    with connection.cursor() as cursor:  # the hour's refusal of a pruned row is kept
        cursor.execute("SELECT count(*) FROM comments_refusal")
        assert cursor.fetchone()[0] == Refusal.objects.count()
