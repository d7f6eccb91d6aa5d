"""Purging the HTTP cache in front by surrogate key, after commit, off the editor's request.

`purge(keys)` queues the keys and returns at once; a thread of the process
sends them, batched, to the purger CACHE_PURGER names (Varnish at every
address in CACHE_PURGE_URLS, Fastly or Cloudflare), trying again with
backoff. A cache that cannot be reached is logged: an editor's save never
fails or waits for it. What a lost purge leaves stale expires with s-maxage.
"""

import json
import logging
import os
import queue
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

logger = logging.getLogger(__name__)

TIMEOUT = 5  # seconds for one purge request


class PurgeError(Exception):
    """A cache refused or did not answer a purge."""


class Purger:
    """Removes every cached page carrying any of the given keys."""

    batch_size = 256

    def purge(self, keys: list[str]) -> None:
        for start in range(0, len(keys), self.batch_size):
            self.purge_batch(keys[start : start + self.batch_size])

    def purge_batch(self, keys: list[str]) -> None:
        raise NotImplementedError


class VarnishPurger(Purger):
    """PURGE with an `xkey-purge` header, as deploy/varnish.vcl handles it, to every Varnish."""

    def __init__(self, urls: list[str]):
        self.urls = urls

    def purge_batch(self, keys):
        failures = []
        for url in self.urls:
            try:
                send(url, method="PURGE", headers={"xkey-purge": " ".join(keys)})
            except PurgeError as error:
                failures.append(f"{url}: {error}")
        if failures:
            raise PurgeError("; ".join(failures))


class FastlyPurger(Purger):
    """Fastly's purge by surrogate key, up to 256 keys a request."""

    def __init__(self, *, service_id: str, token: str, api_url: str):
        self.url = f"{api_url.rstrip('/')}/service/{service_id}/purge"
        self.token = token

    def purge_batch(self, keys):
        send(
            self.url,
            method="POST",
            headers={"Fastly-Key": self.token, "Surrogate-Key": " ".join(keys)},
        )


class CloudflarePurger(Purger):
    """Cloudflare's purge by cache tag, 30 tags a request."""

    batch_size = 30

    def __init__(self, *, zone_id: str, token: str, api_url: str):
        self.url = f"{api_url.rstrip('/')}/client/v4/zones/{zone_id}/purge_cache"
        self.token = token

    def purge_batch(self, keys):
        send(
            self.url,
            method="POST",
            data=json.dumps({"tags": keys}).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )


def send(url: str, *, method: str, headers: dict, data: bytes | None = None) -> None:
    if urlsplit(url).scheme not in {"http", "https"}:
        raise PurgeError(f"not an http(s) address: {url}")
    request = urllib.request.Request(url, method=method, headers=headers, data=data)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 -- checked above
            response.read()
    except urllib.error.HTTPError as error:
        raise PurgeError(f"answered {error.code} {error.reason}") from error
    except OSError as error:
        raise PurgeError(str(error)) from error


def configured_purger() -> Purger | None:
    """The purger the settings name, or None when no cache is in front."""
    kind = settings.CACHE_PURGER
    if not kind:
        return None
    if kind == "varnish":
        return VarnishPurger(settings.CACHE_PURGE_URLS)
    if kind == "fastly":
        return FastlyPurger(
            service_id=settings.FASTLY_SERVICE_ID,
            token=settings.FASTLY_API_TOKEN,
            api_url=settings.FASTLY_API_URL,
        )
    if kind == "cloudflare":
        return CloudflarePurger(
            zone_id=settings.CLOUDFLARE_ZONE_ID,
            token=settings.CLOUDFLARE_API_TOKEN,
            api_url=settings.CLOUDFLARE_API_URL,
        )
    raise ImproperlyConfigured(
        f"CACHE_PURGER is {kind!r}; it must be varnish, fastly, cloudflare or empty."
    )


class PurgeQueue:
    """Keys waiting to be purged, and the thread of this process that sends them."""

    def __init__(self):
        self.keys = queue.Queue()
        self.lock = threading.Lock()
        self.thread = None
        self.pid = None

    def put(self, keys) -> None:
        with self.lock:
            if self.pid != os.getpid():
                # A forked child (gunicorn's preload) has the parent's queue but not its thread.
                self.keys = queue.Queue()
                self.thread = None
                self.pid = os.getpid()
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self.run, name="cache-purge", daemon=True)
                self.thread.start()
            for key in keys:
                self.keys.put(key)

    def run(self) -> None:
        while True:
            taken = [self.keys.get()]
            # Everything queued by now goes in the same request(s).
            while not self.keys.empty():
                taken.append(self.keys.get_nowait())
            try:
                purge_now(sorted(set(taken)))
            finally:
                for _key in taken:
                    self.keys.task_done()

    def join(self, timeout: float) -> bool:
        """Wait until every queued key is sent (or given up); False if time ran out."""
        deadline = time.monotonic() + timeout
        while self.keys.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True


def purge_now(keys: list[str]) -> bool:
    """Purge keys from the cache in front, retrying with backoff; False (logged) if it failed."""
    try:
        purger = configured_purger()
    except ImproperlyConfigured:
        logger.exception("Cannot purge the HTTP cache")
        return False
    if purger is None or not keys:
        return True
    delays = settings.CACHE_PURGE_RETRY_DELAYS
    for attempt in range(len(delays) + 1):
        try:
            purger.purge(keys)
            return True
        except PurgeError as error:
            if attempt == len(delays):
                logger.error("Purging %s from the HTTP cache failed: %s", " ".join(keys), error)
                return False
            logger.warning("Purging the HTTP cache failed (%s); trying again", error)
            time.sleep(delays[attempt])
    return False


pending = PurgeQueue()


def purge(keys) -> None:
    """Purge the pages carrying any of keys, soon, in the background; never raises."""
    if settings.CACHE_PURGER and keys:
        pending.put(set(keys))


def purge_on_content_changed(sender, keys, **kwargs) -> None:
    """articles' content_changed: purge once the transaction commits (now, outside one)."""
    transaction.on_commit(lambda: purge(keys))
