"""Purging the HTTP cache in front by surrogate key, after commit, off the editor's request.

`purge(keys)` queues the keys and returns at once; for each cache that
CACHE_PURGER names (each Varnish in CACHE_PURGE_URLS, Fastly or Cloudflare)
a thread of the process sends them, batched, trying again with backoff. A
cache that cannot be reached is logged: an editor's save never fails or
waits for it, and a cache that is down delays no other. What a lost purge
leaves stale expires with s-maxage.
"""

import atexit
import json
import logging
import os
import queue
import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

logger = logging.getLogger(__name__)

TIMEOUT = 5  # seconds for one purge request
KEY = re.compile(r"[A-Za-z0-9_.:-]{1,128}")  # what every cache accepts as one key


class PurgeError(Exception):
    """A cache refused or did not answer a purge."""


@dataclass(frozen=True)
class Purger:
    """Removes every page carrying any of the given keys from one cache."""

    batch_size: ClassVar[int] = 256

    def purge(self, keys: list[str]) -> None:
        for start in range(0, len(keys), self.batch_size):
            self.purge_batch(keys[start : start + self.batch_size])

    def purge_batch(self, keys: list[str]) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class VarnishPurger(Purger):
    """PURGE with an `xkey-purge` header, as deploy/varnish.vcl handles it."""

    url: str

    def purge_batch(self, keys):
        send(self.url, method="PURGE", headers={"xkey-purge": " ".join(keys)})


@dataclass(frozen=True)
class FastlyPurger(Purger):
    """Fastly's purge by surrogate key, up to 256 keys a request."""

    service_id: str
    token: str = field(repr=False)
    api_url: str

    def purge_batch(self, keys):
        send(
            f"{self.api_url.rstrip('/')}/service/{self.service_id}/purge",
            method="POST",
            headers={"Fastly-Key": self.token, "Surrogate-Key": " ".join(keys)},
        )


@dataclass(frozen=True)
class CloudflarePurger(Purger):
    """Cloudflare's purge by cache tag, 30 tags a request."""

    batch_size: ClassVar[int] = 30
    zone_id: str
    token: str = field(repr=False)
    api_url: str

    def purge_batch(self, keys):
        send(
            f"{self.api_url.rstrip('/')}/client/v4/zones/{self.zone_id}/purge_cache",
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


def configured_purgers() -> list[Purger]:
    """One purger for each cache the settings name (each Varnish); none without a cache."""
    kind = settings.CACHE_PURGER
    if not kind:
        return []
    if kind == "varnish":
        return [VarnishPurger(url=url) for url in settings.CACHE_PURGE_URLS]
    if kind == "fastly":
        return [
            FastlyPurger(
                service_id=settings.FASTLY_SERVICE_ID,
                token=settings.FASTLY_API_TOKEN,
                api_url=settings.FASTLY_API_URL,
            )
        ]
    if kind == "cloudflare":
        return [
            CloudflarePurger(
                zone_id=settings.CLOUDFLARE_ZONE_ID,
                token=settings.CLOUDFLARE_API_TOKEN,
                api_url=settings.CLOUDFLARE_API_URL,
            )
        ]
    raise ImproperlyConfigured(
        f"CACHE_PURGER is {kind!r}; it must be varnish, fastly, cloudflare or empty."
    )


class PurgeQueue:
    """Keys waiting to be purged from one cache, and the thread of this process that sends them.

    One per cache, so that a cache that is down (retries, time-outs) delays
    only its own purges.
    """

    def __init__(self, purger: Purger):
        self.purger = purger
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
                purge_with_retries(self.purger, sorted(set(taken)))
            except Exception:
                # The thread carries on for the next purge whatever went wrong.
                logger.exception("Purging %s failed", self.purger)
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


def purge_with_retries(purger: Purger, keys: list[str]) -> bool:
    """Purge keys from one cache, trying again with backoff; False (logged) if it failed."""
    delays = settings.CACHE_PURGE_RETRY_DELAYS
    for attempt in range(len(delays) + 1):
        try:
            purger.purge(keys)
            return True
        except PurgeError as error:
            if attempt == len(delays):
                logger.error("Purging %s from %s failed: %s", " ".join(keys), purger, error)
                return False
            logger.warning("Purging %s failed (%s); trying again", purger, error)
            time.sleep(delays[attempt])
    return False


def purge_now(keys: list[str]) -> bool:
    """Purge keys from every cache in front, in this thread; False (logged) if one failed."""
    succeeded = [purge_with_retries(purger, keys) for purger in configured_purgers()]
    return all(succeeded)


queues: dict[Purger, PurgeQueue] = {}
queues_lock = threading.Lock()
EXIT_WAIT = 10  # seconds a process that is ending gives its purges still queued


def purge(keys) -> None:
    """Purge the pages carrying any of keys from every cache, soon, in the background."""
    keys = valid_keys(keys)
    if not keys:
        return
    try:
        purgers = configured_purgers()
    except ImproperlyConfigured:
        logger.exception("Cannot purge the HTTP cache")
        return
    for purger in purgers:
        with queues_lock:
            pending = queues.setdefault(purger, PurgeQueue(purger))
        pending.put(set(keys))


def valid_keys(keys) -> set[str]:
    """The keys a header can carry; any other (a space, a line break) is logged and left out."""
    valid = {key for key in keys if isinstance(key, str) and KEY.fullmatch(key)}
    if len(valid) < len(set(keys)):
        logger.error(
            "Not purging keys no header can carry: %r", sorted(set(keys) - valid, key=repr)
        )
    return valid


def wait_for_purges(timeout: float) -> bool:
    """Wait until every queued purge is sent or given up (for tests); False if time ran out."""
    deadline = time.monotonic() + timeout
    return all(
        pending.join(max(0, deadline - time.monotonic())) for pending in list(queues.values())
    )


@atexit.register
def send_before_exit() -> None:
    """A script or a worker that ends (a wire import, a restart) sends its purges first.

    The purge threads are daemons, killed at exit: without this wait, a change
    committed just before would stay cached until s-maxage.
    """
    if not wait_for_purges(EXIT_WAIT):
        logger.error("Purges still queued after %s s were not sent before exit", EXIT_WAIT)


def purge_on_content_changed(sender, keys, **kwargs) -> None:
    """articles' content_changed: purge once the transaction commits (now, outside one)."""
    transaction.on_commit(lambda: purge(keys))
