"""What stands between a robot and the moderation queue.

A per-address rate limit, checked first for every post, kept in PostgreSQL
so that every worker and server counts the same posts, with or without Redis;
a signed timestamp proves the form came from our page and was not sent too
fast or too late; a honeypot field catches robots that fill in every field.
Every refusal is recorded and logged, an address over its limit once an hour.
"""

import html
import ipaddress
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils.html import strip_tags, urlize

from comments.models import RateLimit, Refusal

logger = logging.getLogger("comments.defences")

TOKEN_SALT = "comments.form-token"  # noqa: S105 - a namespace for signing, not a secret
HOUR = 3600
IPV6_BUCKET_PREFIX = 64  # one subscriber's share of IPv6: an attacker rotates within it


class Refused(Exception):
    """A comment turned away, with the reason and the HTTP status to answer with."""

    def __init__(self, reason: str, status: int, message: str):
        super().__init__(message)
        self.reason = reason
        self.status = status
        self.message = message


class RateLimited(Refused):
    """An address over its limit; `again` when it was already turned away this hour."""

    def __init__(self, message: str, *, key: str, again: bool, retry_after: int):
        super().__init__(Refusal.Reason.RATE_LIMITED, 429, message)
        self.key = key
        self.again = again
        self.retry_after = retry_after


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


def address_bucket(ip_address: str | None) -> str:
    """What the limit counts by: an IPv4 address, or the /64 network of an IPv6 one."""
    if not ip_address:
        return "unknown"
    address = ipaddress.ip_address(ip_address)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_BUCKET_PREFIX}", strict=False))
    return str(address)


# One statement counts the post and stamps it, under the row's lock, so that
# concurrent posts from one address to several workers are counted one by one.
# A post is let through when the last one let through is COMMENTS_MIN_INTERVAL
# old and fewer than COMMENTS_PER_HOUR were let through in the address's hour.
# The database's clock is the one clock of every app server.
RATE_SQL = """
INSERT INTO comments_ratelimit AS r
       (key, window_start, posts, last_post_at, turned_away, allowed, expires_at)
VALUES (%(key)s, statement_timestamp(), 1, statement_timestamp(), 0, %(per_hour)s > 0,
        statement_timestamp() + make_interval(secs => greatest(%(hour)s, %(interval)s)))
ON CONFLICT (key) DO UPDATE SET
       (window_start, posts, last_post_at, turned_away, allowed, refusal_id, expires_at) = (
       SELECT CASE WHEN hour.new THEN statement_timestamp() ELSE r.window_start END,
              CASE WHEN hour.new THEN 0 ELSE r.posts END + verdict.ok::int,
              CASE WHEN verdict.ok THEN statement_timestamp() ELSE r.last_post_at END,
              CASE WHEN hour.new THEN 0 ELSE r.turned_away END + (NOT verdict.ok)::int,
              verdict.ok,
              CASE WHEN hour.new THEN NULL ELSE r.refusal_id END,
              greatest(CASE WHEN hour.new THEN statement_timestamp() ELSE r.window_start END
                           + make_interval(secs => %(hour)s),
                       CASE WHEN verdict.ok THEN statement_timestamp() ELSE r.last_post_at END
                           + make_interval(secs => %(interval)s))
         FROM (SELECT r.window_start
                      <= statement_timestamp() - make_interval(secs => %(hour)s) AS new) AS hour,
              LATERAL (SELECT r.last_post_at
                              <= statement_timestamp() - make_interval(secs => %(interval)s)
                          AND (CASE WHEN hour.new THEN 0 ELSE r.posts END) < %(per_hour)s
                          AS ok) AS verdict)
RETURNING allowed, turned_away, refusal_id, xmax = 0 AS inserted,
          ceil(extract(epoch FROM greatest(
              r.last_post_at + make_interval(secs => %(interval)s) - statement_timestamp(),
              CASE WHEN r.posts >= %(per_hour)s
                   THEN r.window_start + make_interval(secs => %(hour)s) - statement_timestamp()
              END)))::int AS retry_after
"""

# Rows that limit nothing any more go when a new address comes, a few at a time.
PRUNE_SQL = """
DELETE FROM comments_ratelimit WHERE key IN (
    SELECT key FROM comments_ratelimit WHERE expires_at < statement_timestamp()
     LIMIT 100 FOR UPDATE SKIP LOCKED)
"""


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    turned_away: int
    refusal_id: int | None
    inserted: bool
    retry_after: int


def count_post(key: str, *, interval: float, per_hour: int) -> Verdict:
    """Count a post under a key, in PostgreSQL; whether it was let through."""
    with connection.cursor() as cursor:
        cursor.execute(
            RATE_SQL, {"key": key, "interval": interval, "per_hour": per_hour, "hour": HOUR}
        )
        verdict = Verdict(*cursor.fetchone())
        if verdict.inserted:
            cursor.execute(PRUNE_SQL)
    return verdict


def check_rate(ip_address: str | None, message: str) -> None:
    """Refuse an address that posted a moment ago or too often this hour.

    Every post counts, whatever becomes of it later: check this first. A post
    turned away again within the hour only adds to the count of the hour's one
    refusal (RateLimited.again), so a flood writes and logs nothing more.
    """
    key = address_bucket(ip_address)
    verdict = count_post(
        key, interval=settings.COMMENTS_MIN_INTERVAL, per_hour=settings.COMMENTS_PER_HOUR
    )
    if verdict.allowed:
        return
    again = verdict.turned_away > 1
    if again and verdict.refusal_id:
        Refusal.objects.filter(pk=verdict.refusal_id).update(count=verdict.turned_away)
    raise RateLimited(message, key=key, again=again, retry_after=max(1, verdict.retry_after or 1))


def forgive_interval(ip_address: str | None) -> None:
    """Let a reader send again at once after a mistake of theirs (a form error, too quick).

    The post still counts in the address's hour, so a robot sending junk forms is
    held by the hourly limit; a reader who fixes a typo is not kept waiting.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE comments_ratelimit"
            "   SET last_post_at = statement_timestamp() - make_interval(secs => %(interval)s)"
            " WHERE key = %(key)s",
            {"key": address_bucket(ip_address), "interval": settings.COMMENTS_MIN_INTERVAL},
        )


def once_per(key: str, seconds: int) -> bool:
    """True at most once per `seconds` for a key, across every process (e.g. an e-mail)."""
    return count_post(key, interval=seconds, per_hour=HOUR).allowed


def linkify(text: str) -> str:
    """A comment's text as HTML with live links: the one definition of what readers can click."""
    return urlize(text, nofollow=True, autoescape=True)


# What a reader would still type into a browser, though it is not made a live
# link: hxxp://, [url], "toko-a .com", "toko(dot)com", "toko dot com", and a
# bare domain of a TLD urlize leaves alone ("toko-a.xyz"). A space is allowed
# before the dot, not after it, so that "… datang. In …" stays a sentence.
TLDS = (
    "com|net|org|info|biz|id|co|io|xyz|top|site|online|shop|store|cc|tk|ml|ga|cf|gq|ws|"
    "club|vip|app|link|click|asia|bet|ru|cn|uk|sg|edu|gov|int|mil"
)
DOT = r"(?:\s*\.|\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+)"
DISGUISED_LINK = re.compile(
    rf"h[tx]{{2}}ps?\s*[:;]\s*/\s*/|\[url|<a\s|(?<![\w-])[\w-]+{DOT}(?:{TLDS})\b",
    re.IGNORECASE,
)
LIVE_LINK = re.compile(r"<a\s[^>]*>.*?</a>", re.DOTALL)


def count_links(text: str) -> int:
    """Links in a comment: each one it would show live, and each disguised one."""
    linked = linkify(text)
    live = len(LIVE_LINK.findall(linked))
    rest = html.unescape(strip_tags(LIVE_LINK.sub(" ", linked)))
    return live + len(DISGUISED_LINK.findall(rest))


def looks_like_spam(text: str) -> bool:
    return count_links(text) > settings.COMMENTS_MAX_LINKS


def record_refusal(*, reason: str, article=None, ip_address=None, detail="", limit_key=None):
    """Keep and log a refusal; the first of an hour over the limit stands for the rest."""
    refusal = Refusal.objects.create(
        reason=reason, article=article, ip_address=ip_address, detail=detail[:300]
    )
    if limit_key:
        RateLimit.objects.filter(key=limit_key).update(refusal=refusal)
    logger.warning(
        "Comment refused: %s (article %s, address %s) %s",
        reason,
        getattr(article, "pk", None),
        ip_address,
        detail[:300],
    )
    return refusal
