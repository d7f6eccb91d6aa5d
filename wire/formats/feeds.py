"""RSS 2.0 and Atom feeds, with Media RSS and enclosures for pictures.

feedparser reads the texts, people and dates (it knows the many ways feeds
write them). It is given the bytes, never a URL or a file name, so it fetches
nothing, and only after defusedxml has parsed the same bytes without a DTD
(wire/formats/__init__.py). The pictures are read from that safe tree instead:
feedparser pours every media:description of an entry into one field, so a
caption could not be told from the story's summary, nor one picture's caption
from another's.

What is read, by field:

- guid: the RSS guid or the Atom id, else the link; link: the item's link.
- headline: the title (its HTML, if typed so, made text).
- body: content:encoded or atom:content, else the description or summary;
  standfirst: the description or summary (as text) when there is a body besides.
- version_time: Atom's `updated` (in RSS, an atom:updated or dc:modified), else the
  publication date (RSS pubDate, Atom published); first_created: the publication date.
  Feeds have no version number.
- byline: the authors (dc:creator, author); subjects: the categories;
  provider: the item's <source> (RSS) or source title (Atom). The feed's title is
  WireDocument.title. A feed has no dateline place.
- pictures, in the item's order: each media:content that is an image (type image/*,
  medium "image", or no type and an image file name), each media:group as one
  picture (its largest image), media:thumbnail only when the item has no
  media:content image, then enclosures (RSS <enclosure>, Atom link rel="enclosure")
  of type image/*. Caption: media:description (else media:title) of the content,
  else of its group, else of the item; credit: media:credit likewise.
"""

import calendar
import io
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import feedparser

from wire.formats.fields import (
    PROVIDER_MAX,
    ItemRefused,
    cut,
    html_body,
    html_to_text,
    is_http_url,
    make_item,
    not_http_reason,
    picture,
    text_to_html,
)
from wire.items import WireDocument, WireError, WireItem, WirePicture

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA_NAMESPACES = ("{http://search.yahoo.com/mrss/}", "{http://search.yahoo.com/mrss}")
HTML_TYPES = ("text/html", "application/xhtml+xml")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def read(data: bytes, root: Element, *, format: str) -> WireDocument:
    """Read a feed whose bytes defusedxml has already parsed into root."""
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if format == "rss":
        channel = root.find("channel")
        elements = channel.findall("item") if channel is not None else []
    else:
        elements = root.findall(f"{ATOM}entry")
    if len(elements) != len(parsed.entries):
        raise WireError(
            f"the feed's items could not be read consistently ({len(elements)} in the XML, "
            f"{len(parsed.entries)} read by feedparser)"
        )
    result = WireDocument(format=format, title=cut(parsed.feed.get("title", ""), PROVIDER_MAX))
    for position, (entry, element) in enumerate(zip(parsed.entries, elements, strict=True), 1):
        name = entry.get("id") or entry.get("link") or f"#{position}"
        notes = []
        try:
            result.items.append(_read_entry(entry, element, format, notes))
        except ItemRefused as refusal:
            result.refused.append((name, str(refusal)))
        else:
            result.refused.extend((name, note) for note in notes)
    return result


def _read_entry(entry, element: Element, format: str, notes: list[str]) -> WireItem:
    # feedparser fills `summary` (and its type) from a media:description when the item has
    # no summary of its own, so whether there is one, and its type, are read from the XML.
    if format == "rss":
        summary_element, summary_type = element.find("description"), "html"
    else:
        summary_element = element.find(f"{ATOM}summary")
        summary_type = "" if summary_element is None else summary_element.get("type", "text")
    summary = ""
    if summary_element is not None:
        summary = entry.get("summary", "")
        summary = text_to_html(summary) if summary_type == "text" else html_body(summary)
    contents = entry.get("content") or []
    body = next((_html(content, content.get("value", "")) for content in contents), "")
    standfirst = html_to_text(summary) if body else ""
    published = _time(entry.get("published_parsed"))
    title = entry.get("title", "")
    if entry.get("title_detail", {}).get("type") in HTML_TYPES:
        title = html_to_text(title)
    return make_item(
        guid=entry.get("id") or entry.get("link") or "",
        headline=title,
        body_html=body or summary,
        standfirst=standfirst,
        provider=(entry.get("source") or {}).get("title", ""),
        byline=", ".join(
            author.get("name") or author.get("email") or ""
            for author in entry.get("authors") or []
            if author.get("name") or author.get("email")
        )
        or entry.get("author", ""),
        subjects=[tag.get("label") or tag.get("term") or "" for tag in entry.get("tags") or []],
        pictures=_pictures(element, format, notes),
        version_time=_time(entry.get("updated_parsed")) or published,
        first_created=published,
        link=entry.get("link", ""),
    )


def _html(detail, value: str) -> str:
    """A text of the feed as HTML, whether the feed typed it as HTML or as plain text."""
    if detail and detail.get("type") == "text/plain":
        return text_to_html(value)
    return html_body(value)


def _time(parsed) -> datetime | None:
    # feedparser gives every date as a struct_time in UTC.
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC) if parsed else None


def _pictures(element: Element, format: str, notes: list[str]) -> list[WirePicture]:
    found = []
    for child in element:
        if _is_media(child, "content"):
            found.append(_best([child], parents=[element], notes=notes))
        elif _is_media(child, "group"):
            contents = [c for c in child if _is_media(c, "content")]
            found.append(_best(contents, parents=[child, element], notes=notes))
    if not any(found):
        for child in element:
            if _is_media(child, "group"):
                thumbnails = [c for c in child if _is_media(c, "thumbnail")]
                found.append(_best(thumbnails, parents=[child, element], notes=notes))
        thumbnails = [c for c in element if _is_media(c, "thumbnail")]
        found.append(_best(thumbnails, parents=[element], notes=notes))
    if format == "rss":
        enclosures = element.findall("enclosure")
    else:
        enclosures = [
            link for link in element.findall(f"{ATOM}link") if link.get("rel") == "enclosure"
        ]
    for enclosure in enclosures:
        if (enclosure.get("type") or "").lower().startswith("image/"):
            found.append(_best([enclosure], parents=[], notes=notes))
    pictures = []
    for candidate in found:
        if candidate and candidate.href not in {known.href for known in pictures}:
            pictures.append(candidate)
    return pictures


def _best(candidates: list[Element], *, parents: list[Element], notes: list[str]):
    """The largest http(s) image among renditions of one picture, with caption and credit."""
    usable, refused = [], []
    for candidate in candidates:
        href = (candidate.get("url") or candidate.get("href") or "").strip()
        if not href or not _is_image(candidate, href):
            continue
        if not is_http_url(href):
            refused.append(href)
            continue
        width, height = _number(candidate.get("width")), _number(candidate.get("height"))
        usable.append((width * height if width and height else max(width, height) ** 2, candidate))
    if not usable:
        if refused:
            notes.append(not_http_reason(refused[0]))
        return None
    chosen = max(usable, key=lambda pair: pair[0])[1]
    chain = [chosen, *parents]
    return picture(
        (chosen.get("url") or chosen.get("href")).strip(),
        caption=_media_text(chain, "description") or _media_text(chain, "title"),
        credit=_media_text(chain, "credit"),
    )


def _is_image(candidate: Element, href: str) -> bool:
    content_type = (candidate.get("type") or "").lower()
    medium = (candidate.get("medium") or "").lower()
    if content_type or medium:
        return content_type.startswith("image/") or medium == "image"
    path = href.split("?", 1)[0].split("#", 1)[0].lower()
    return _is_media(candidate, "thumbnail") or path.endswith(IMAGE_EXTENSIONS)


def _media_text(chain: list[Element], name: str) -> str:
    for element in chain:
        for child in element:
            if _is_media(child, name) and "".join(child.itertext()).strip():
                text = "".join(child.itertext())
                return html_to_text(text) if child.get("type") == "html" else text
    return ""


def _is_media(element: Element, name: str) -> bool:
    return element.tag in (namespace + name for namespace in MEDIA_NAMESPACES)


def _number(value: str | None) -> int:
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0
