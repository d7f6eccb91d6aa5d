"""Purging by surrogate key: the requests each purger builds, after commit, off the request."""

import json
import logging
import os
import subprocess
import sys
import time

import pytest
from django.db import transaction

from articles.signals import content_changed
from delivery.purge import purge, purge_now, wait_for_purges
from tests import server
from tests.delivery.purge_api import RecordingServer
from tests.server import ROOT, free_port


@pytest.fixture
def varnish_purger(settings, purge_api, fast_retries):
    settings.CACHE_PURGER = "varnish"
    settings.CACHE_PURGE_URLS = [purge_api.url]
    return purge_api


def test_varnish_gets_a_purge_with_the_keys_at_every_address(settings, fast_retries):
    caches = [RecordingServer().start() for _ in "ab"]
    try:
        settings.CACHE_PURGER = "varnish"
        settings.CACHE_PURGE_URLS = [cache.url for cache in caches]
        assert purge_now(["article-7", "latest"])
        for cache in caches:
            [received] = cache.requests
            assert received.method == "PURGE"
            assert received.headers["xkey-purge"] == "article-7 latest"
    finally:
        for cache in caches:
            cache.stop()


def test_fastly_gets_surrogate_keys_in_batches_of_256(settings, purge_api, fast_retries):
    settings.CACHE_PURGER = "fastly"
    settings.FASTLY_API_URL = purge_api.url
    settings.FASTLY_SERVICE_ID = "SU1Z0isxPaozGVKXdv0eY"
    settings.FASTLY_API_TOKEN = "fastly-token"  # noqa: S105
    keys = [f"article-{n}" for n in range(300)]
    assert purge_now(keys)
    first, second = purge_api.requests
    for received in (first, second):
        assert received.method == "POST"
        assert received.path == "/service/SU1Z0isxPaozGVKXdv0eY/purge"
        assert received.headers["Fastly-Key"] == "fastly-token"
    assert first.headers["Surrogate-Key"].split() + second.headers["Surrogate-Key"].split() == keys
    assert len(first.headers["Surrogate-Key"].split()) == 256


def test_cloudflare_gets_cache_tags_as_json_in_batches_of_30(settings, purge_api, fast_retries):
    settings.CACHE_PURGER = "cloudflare"
    settings.CLOUDFLARE_API_URL = purge_api.url
    settings.CLOUDFLARE_ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353"
    settings.CLOUDFLARE_API_TOKEN = "cf-token"  # noqa: S105
    keys = [f"tag-{n}" for n in range(31)]
    assert purge_now(keys)
    assert len(purge_api.requests) == 2
    sent = []
    for received in purge_api.requests:
        assert received.method == "POST"
        assert received.path == "/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache"
        assert received.headers["Authorization"] == "Bearer cf-token"
        assert received.headers["Content-Type"] == "application/json"
        sent += json.loads(received.body)["tags"]
    assert sent == keys


def test_a_refused_purge_is_tried_again(varnish_purger):
    varnish_purger.statuses = [503, 500]
    assert purge_now(["home"])
    assert len(varnish_purger.requests) == 3


def test_a_cache_that_is_down_is_logged_never_raised(settings, fast_retries, caplog):
    settings.CACHE_PURGER = "varnish"
    settings.CACHE_PURGE_URLS = [f"http://127.0.0.1:{free_port()}"]  # nothing listens
    with caplog.at_level(logging.WARNING, logger="delivery.purge"):
        assert purge_now(["home"]) is False
    assert "Purging home from VarnishPurger(url='http://127.0.0.1:" in caplog.text
    assert "failed" in caplog.text


def test_purge_returns_before_the_cache_has_answered(varnish_purger):
    varnish_purger.hold.clear()  # the cache takes its time
    purge({"article-1"})
    assert varnish_purger.requests == []
    varnish_purger.hold.set()
    assert wait_for_purges(timeout=5)
    assert [r.headers["xkey-purge"] for r in varnish_purger.requests] == ["article-1"]


def test_a_cache_that_hangs_delays_no_other_cache(settings, purge_api, fast_retries):
    hanging = RecordingServer().start()
    try:
        hanging.hold.clear()
        settings.CACHE_PURGER = "varnish"
        settings.CACHE_PURGE_URLS = [hanging.url, purge_api.url]
        purge({"article-3"})
        deadline = time.monotonic() + 2
        while not purge_api.requests:
            assert time.monotonic() < deadline, "the second cache waited for the first"
            time.sleep(0.01)
        assert hanging.requests == []
    finally:
        hanging.stop()
    assert wait_for_purges(timeout=5)
    assert [r.headers["xkey-purge"] for r in hanging.requests] == ["article-3"]


def test_keys_queued_together_go_in_one_request(varnish_purger):
    varnish_purger.hold.clear()
    purge({"article-1"})  # the thread takes it and waits on the cache
    purge({"article-2", "latest"})
    purge({"latest", "home"})
    varnish_purger.hold.set()
    assert wait_for_purges(timeout=5)
    sent = [r.headers["xkey-purge"].split() for r in varnish_purger.requests]
    assert len(sent) <= 2
    assert sorted(key for keys in sent for key in keys) == [
        "article-1",
        "article-2",
        "home",
        "latest",
    ]


@pytest.mark.django_db(transaction=True)
def test_content_changed_purges_only_after_commit(varnish_purger):
    with transaction.atomic():
        content_changed.send(sender=None, keys={"article-5"})
        assert wait_for_purges(timeout=1)
        assert varnish_purger.requests == []
    assert wait_for_purges(timeout=5)
    assert [r.headers["xkey-purge"] for r in varnish_purger.requests] == ["article-5"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_purges_nothing(varnish_purger):
    with pytest.raises(RuntimeError), transaction.atomic():
        content_changed.send(sender=None, keys={"article-5"})
        raise RuntimeError
    assert wait_for_purges(timeout=1)
    assert varnish_purger.requests == []


def test_no_purger_configured_sends_nothing(settings, purge_api):
    settings.CACHE_PURGER = ""
    settings.CACHE_PURGE_URLS = [purge_api.url]
    purge({"home"})
    assert purge_now(["home"])
    assert purge_api.requests == []


def test_a_key_no_header_can_carry_is_left_out_and_logged(varnish_purger, caplog):
    with caplog.at_level(logging.ERROR, logger="delivery.purge"):
        purge({"article-1", "article-2\r\nX-Evil: 1", "two words", ""})
    assert wait_for_purges(timeout=5)
    assert [r.headers["xkey-purge"] for r in varnish_purger.requests] == ["article-1"]
    assert "two words" in caplog.text


SEND_AND_EXIT = """
import django
django.setup()
from articles.signals import content_changed
content_changed.send(sender=None, keys={"article-9"})
"""


def test_a_script_that_ends_at_once_sends_its_purges_first(purge_api, db):
    """A wire import or a shell script commits, sends content_changed, and exits."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CACHE_PURGE_URLS": purge_api.url,
        "DATABASE_URL": server.test_database_url(),
    }
    subprocess.run(
        [sys.executable, "-c", SEND_AND_EXIT], cwd=ROOT, env=environment, check=True, timeout=60
    )
    assert [r.headers["xkey-purge"] for r in purge_api.requests] == ["article-9"]
