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
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

VERSION_KEY = "articles:content-version"
MAX_AGE = 60


# During a request, the content version as first read: a page reads several
# cached values, and with Redis each read of the version is a round trip.
# None outside requests, so scripts and shells always read the cache.
_version_in_request: ContextVar[dict | None] = ContextVar("content_version", default=None)


def content_version() -> int:
    remembered = _version_in_request.get()
    if remembered and "version" in remembered:
        return remembered["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    if remembered is not None:
        remembered["version"] = version
    return version


def bump_content_version(**kwargs) -> None:
    """Make every cached fragment stale; takes signal arguments so it can receive them."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    remembered = _version_in_request.get()
    if remembered is not None:
        remembered.pop("version", None)


def remember_version_during_request(**kwargs) -> None:
    _version_in_request.set({})


def forget_version_after_request(**kwargs) -> None:
    _version_in_request.set(None)


def cached(name: str, compute):
    """Return compute()'s value, computed at most once per content version."""
    value = cached_value(name)
    if value is None:
        value = keep(name, compute())
    return value


def cached_value(name: str):
    """The value kept under `name` for the current content version, or None."""
    return cache.get(f"articles:{name}:{content_version()}")


def keep(name: str, value):
    """Keep `value` under `name` for the current content version; return it."""
    cache.set(f"articles:{name}:{content_version()}", value, timeout=seconds_until_change())
    return value


def seconds_until_change() -> int:
    """How long a fragment may be kept: MAX_AGE, or less if an article is due sooner."""
    now = timezone.now()
    next_due = next_scheduled_time(now)
    if next_due is None:
        return MAX_AGE
    return max(1, min(MAX_AGE, math.ceil((next_due - now).total_seconds())))


def next_scheduled_time(now):
    """When the next scheduled article is due, or None; looked up once per content version."""
    from articles.models import Article

    key = f"articles:next-due:{content_version()}"
    next_due = cache.get(key)  # False: nothing is scheduled
    if next_due is None or (next_due and next_due <= now):
        next_due = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        ) or False
        cache.set(key, next_due, timeout=MAX_AGE)
    return next_due or None


def connect_signals() -> None:
    from articles.models import Article, Author, Photo, RelatedPin, Section, TaggedArticle

    request_started.connect(remember_version_during_request, dispatch_uid="version-remembered")
    request_finished.connect(forget_version_after_request, dispatch_uid="version-forgotten")

    for model in [Article, Author, Photo, RelatedPin, Section, TaggedArticle]:
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"unbump-{model.__name__}"
        )
    for through in [Article.authors.through, TaggedArticle]:
        m2m_changed.connect(bump_content_version, sender=through, dispatch_uid=f"m2m-{through}")
