"""Short-lived caches of what many readers' pages share.

The section navigation, the latest news and each article's related news are
the same for every reader, so they are computed once and kept in Django's cache
(Redis when REDIS_URL is set, else each process's memory). An entry is keyed by
the content version, which any editorial change bumps (the signals below and
the admin's bulk actions), and it expires at the latest when the next scheduled
article is due, so that article appears at its time with no cron job.
Without Redis, a change reaches the other app processes within MAX_AGE seconds.
"""

import math
import time
from datetime import timedelta

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from articles import request_memo
from articles.addresses import routing_key

VERSION_KEY = "articles:content-version"
MAX_AGE = 60


def content_version() -> int:
    """The content version, read once per request (with Redis, each read is a round trip)."""
    return request_memo.remembered_during_request("content_version", _read_content_version)


def _read_content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    if version is None:
        # The cache keeps nothing (Redis is down): a version that changes every
        # MAX_AGE seconds, so what processes keep is no older than that.
        return -(time.time_ns() // (MAX_AGE * 10**9))
    return version


def bump_content_version(**kwargs) -> None:
    """Make every cached fragment stale; takes signal arguments so it can receive them."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    request_memo.forget("content_version")


def cached(name: str, compute, *, every_page=False):
    """Return compute()'s value, computed at most once per content version.

    every_page: the value is read by every page (the sections, the latest
    news), so each process keeps it too, and pages do not fetch it from the
    cache and unpickle it again (with Redis, a round trip each).
    """
    if every_page:
        return kept_by_process(
            name, lambda now: (compute(), now + timedelta(seconds=seconds_until_change()))
        )
    value = cached_value(name)
    if value is None:
        value = keep(name, compute())
    return value


def content_key(name: str) -> str:
    """The cache key of `name` for the current content (and addresses, see routing_key)."""
    return f"articles:{name}:{content_version()}{routing_key()}"


def cached_value(name: str):
    """The value kept under `name` for the current content version, or None."""
    return cache.get(content_key(name))


def keep(name: str, value):
    """Keep `value` under `name` for the current content version; return it."""
    cache.set(content_key(name), value, timeout=seconds_until_change())
    return value


# (name, routing key) → (content version, valid until, value), for the values
# every page reads.
_kept_in_process: dict[tuple, tuple] = {}


def kept_by_process(name: str, compute):
    """A value kept in the cache and in this process, until the content changes or its time is up.

    compute(now) gives the value and until when it holds. The cache keeps that
    time with the value, so a process that finds it there keeps it no longer
    than the one that computed it: without Redis, a change made in another
    process still shows within MAX_AGE.
    """
    version, now, local_key = content_version(), timezone.now(), (name, routing_key())
    kept = _kept_in_process.get(local_key)
    if kept and kept[0] == version and now < kept[1]:
        return kept[2]
    key = content_key(f"every-page:{name}")
    entry = cache.get(key)  # (valid until, value)
    if entry is None or entry[0] <= now:
        value, until = compute(now)
        entry = (until, value)
        cache.set(key, entry, timeout=max(1, math.ceil((until - now).total_seconds())))
    _kept_in_process[local_key] = (version, *entry)
    return entry[1]


def seconds_until_change() -> int:
    """How long a fragment may be kept: MAX_AGE, or less if an article is due sooner."""
    now = timezone.now()
    next_due = next_scheduled_time()
    if next_due is None:
        return MAX_AGE
    return max(1, min(MAX_AGE, math.ceil((next_due - now).total_seconds())))


def next_scheduled_time():
    """When the next scheduled article is due, or None; looked up once per content version."""
    return kept_by_process("next-due", _next_scheduled_time)


def _next_scheduled_time(now):
    from articles.models import Article

    next_due = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    until = now + timedelta(seconds=MAX_AGE)
    # Looked up again once it is due, so that the one after it is found.
    return next_due, (min(next_due, until) if next_due else until)


def connect_signals() -> None:
    from articles.models import Article, Author, Photo, RelatedPin, Section, TaggedArticle

    for model in [Article, Author, Photo, RelatedPin, Section, TaggedArticle]:
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"unbump-{model.__name__}"
        )
    for through in [Article.authors.through, TaggedArticle]:
        m2m_changed.connect(bump_content_version, sender=through, dispatch_uid=f"m2m-{through}")
