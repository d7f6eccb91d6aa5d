"""What every format reader does to a field: check it, tidy it, fit it to the article.

Agencies send texts longer than our fields and times with or without a zone;
the readers cut and convert here, so that every format behaves alike.
"""

import html
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import nh3

from wire.items import WireError, WireItem, WirePicture

# The lengths of the article's and the photo's fields (articles/models.py), and of a tag.
HEADLINE_MAX = 200
STANDFIRST_MAX = 300
LOCATED_MAX = 120
PROVIDER_MAX = 120
BYLINE_MAX = 120
CAPTION_MAX = 300
CREDIT_MAX = 120
SUBJECT_MAX = 100

ELLIPSIS = "…"


class ItemRefused(WireError):
    """One item refused; the reader records it and goes on with the others."""


def a_or_an(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def one_line(text: str) -> str:
    return " ".join(text.split())


def cut(text: str, limit: int) -> str:
    """Fit a text on one line within limit characters, at a word boundary, with an ellipsis."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    text = text[: limit - len(ELLIPSIS) + 1]
    space = text.rfind(" ")
    # A word longer than half the field is cut where it is rather than left out whole.
    text = text[:space] if space > limit // 2 else text[: limit - len(ELLIPSIS)]
    return text.rstrip(" ,.;:-–—") + ELLIPSIS


def html_to_text(value: str) -> str:
    """The text of an HTML fragment, tags and scripts gone, entities read."""
    return one_line(html.unescape(nh3.clean(value, tags=set())))


def text_to_html(value: str) -> str:
    """Plain text as HTML paragraphs: a blank line (or, if none, a line break) ends one."""
    value = value.strip()
    if not value:
        return ""
    paragraphs = re.split(r"\n\s*\n", value) if re.search(r"\n\s*\n", value) else value.split("\n")
    return "".join(f"<p>{html.escape(one_line(p))}</p>" for p in paragraphs if p.strip())


_BODY = re.compile(r"<body\b[^>]*>(.*)</body\s*>", re.IGNORECASE | re.DOTALL)


def html_body(value: str) -> str:
    """The inside of <body> when an agency sends a whole HTML page, else the fragment."""
    match = _BODY.search(value)
    return (match.group(1) if match else value).strip()


def is_http_url(href: str) -> bool:
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def parse_time(value: str) -> datetime:
    """An ISO 8601 time, made aware: a time given without a zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value.strip()[:40]!r} is not an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_version(value) -> int:
    """A version given as a whole number or as the text of one ("3")."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ItemRefused(f"version {value!r} is not a whole number")
    try:
        version = int(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise ItemRefused(f"version {value[:40]!r} is not a whole number") from None
    if version < 0:
        raise ItemRefused(f"version {version} is negative")
    return version


def unique(values) -> tuple[str, ...]:
    seen = {}
    for value in values:
        value = cut(value, SUBJECT_MAX)
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return tuple(seen.values())


def picture(href: str, *, caption: str = "", credit: str = "") -> WirePicture:
    return WirePicture(
        href=href.strip(), caption=cut(caption, CAPTION_MAX), credit=cut(credit, CREDIT_MAX)
    )


def not_http_reason(href: str) -> str:
    return f"picture {cut(href, 80)!r}: not an http(s) address"


def make_item(
    *,
    guid: str,
    headline: str,
    body_html: str = "",
    standfirst: str = "",
    located: str = "",
    provider: str = "",
    byline: str = "",
    subjects=(),
    pictures=(),
    version: int | None = None,
    version_time: datetime | None = None,
    first_created: datetime | None = None,
    link: str = "",
) -> WireItem:
    """A WireItem with every text fitted to its field, or ItemRefused if it has no text to use."""
    guid = guid.strip()
    if not guid:
        raise ItemRefused("no id for the item (uri, guid or link)")
    headline = cut(headline, HEADLINE_MAX)
    if not headline:
        raise ItemRefused("unusable text: no headline")
    return WireItem(
        guid=guid,
        headline=headline,
        body_html=body_html.strip(),
        standfirst=cut(standfirst, STANDFIRST_MAX),
        located=cut(located, LOCATED_MAX),
        provider=cut(provider, PROVIDER_MAX),
        byline=cut(byline, BYLINE_MAX),
        subjects=unique(subjects),
        pictures=tuple(pictures),
        version=version,
        version_time=version_time,
        first_created=first_created,
        link=link.strip() if is_http_url(link) else "",
    )
