"""What stands between a robot and the moderation queue.

A signed timestamp proves the form came from our page and was not sent
too fast or too late; a honeypot field catches robots that fill in every
field; a per-address rate limit lives in the cache (Redis when REDIS_URL
is set, so it holds across app servers); every refusal is recorded.
"""

import logging
import re
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from comments.models import Refusal

logger = logging.getLogger("comments.defences")

TOKEN_SALT = "comments.form-token"  # noqa: S105 - a namespace for signing, not a secret
LINK = re.compile(r"https?://|www\.|\[url|<a\s", re.IGNORECASE)


class Refused(Exception):
    """A comment turned away, with the reason and the HTTP status to answer with."""

    def __init__(self, reason: str, status: int, message: str):
        super().__init__(message)
        self.reason = reason
        self.status = status
        self.message = message


def form_token(article_id: int) -> str:
    """A token for the comment form of an article, carrying the time it was made."""
    return signing.dumps({"article": article_id, "time": time.time()}, salt=TOKEN_SALT)


def check_form_token(token: str, article_id: int, messages) -> None:
    """Refuse a form not made by us for this article, sent too fast, or too old."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=settings.COMMENTS_FORM_MAX_AGE)
    except signing.SignatureExpired:
        raise Refused(Refusal.Reason.EXPIRED, 400, messages["expired"]) from None
    except signing.BadSignature:
        raise Refused(Refusal.Reason.BAD_TOKEN, 400, messages["bad_token"]) from None
    if data.get("article") != article_id:
        raise Refused(Refusal.Reason.BAD_TOKEN, 400, messages["bad_token"])
    if time.time() - data.get("time", 0) < settings.COMMENTS_FORM_MIN_SECONDS:
        raise Refused(Refusal.Reason.TOO_FAST, 400, messages["too_fast"])


def check_rate(ip_address: str | None, message: str) -> None:
    """Refuse an address that commented a moment ago or too often this hour."""
    key = ip_address or "unknown"
    if not cache.add(f"comments:recent:{key}", 1, timeout=settings.COMMENTS_MIN_INTERVAL):
        raise Refused(Refusal.Reason.RATE_LIMITED, 429, message)
    hour_key = f"comments:hour:{key}"
    cache.add(hour_key, 0, timeout=3600)
    try:
        sent_this_hour = cache.incr(hour_key)
    except ValueError:  # expired between add and incr
        cache.set(hour_key, 1, timeout=3600)
        sent_this_hour = 1
    if sent_this_hour > settings.COMMENTS_PER_HOUR:
        raise Refused(Refusal.Reason.RATE_LIMITED, 429, message)


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def looks_like_spam(text: str) -> bool:
    return count_links(text) > settings.COMMENTS_MAX_LINKS


def record_refusal(*, reason: str, article=None, ip_address=None, detail="") -> None:
    Refusal.objects.create(
        reason=reason, article=article, ip_address=ip_address, detail=detail[:300]
    )
    logger.warning(
        "Comment refused: %s (article %s, address %s) %s",
        reason,
        getattr(article, "pk", None),
        ip_address,
        detail[:300],
    )
