"""RSS 2.0 and Atom feeds, with Media RSS and enclosures for pictures.

feedparser reads the texts, people and dates (it knows the many ways feeds
write them). It never sees the agency's bytes: defusedxml parses them first,
without DTD or entity (wire/formats/__init__.py), and feedparser is given that
tree written out again, as bytes in a stream, so it fetches and opens nothing.
The pictures are read from the tree, and Media RSS is taken out of it before
feedparser reads it: feedparser pours media:description into the entry's summary
or even its content, so a caption could not be told from the story, nor one
picture's caption from another's.

What is read, by field:

- guid: the RSS guid or the Atom id, else the link; link: the item's link.
- headline: the title (its HTML, if typed so, made text).
- body: content:encoded or atom:content, else the description or summary;
  standfirst: the description or summary (as text) when there is a body besides.
- version_time: Atom's `updated` (in RSS, an atom:updated, dcterms:modified or
  dc:date), else the publication date (RSS pubDate, Atom published); first_created:
  the publication date.
  Feeds have no version number.
- byline: the authors' names (every dc:creator, else <author> without its e-mail
  address; Atom's author names); subjects: the categories; provider: the item's
  <source> (RSS) or source title (Atom). The feed's title is WireDocument.title.
  A feed has no dateline place.
- pictures, in the item's order: each media:content that is an image (type image/*,
  medium "image", or no type and an image file name), each media:group as one
  picture (its largest image), media:thumbnail only when the item has no
  media:content image, then enclosures (RSS <enclosure>, Atom link rel="enclosure")
  of type image/*. Caption: media:description (else media:title) of the content,
  else of its group, else of the item; credit: media:credit likewise.
"""

import calendar
import io
import re
from datetime import UTC, datetime
from xml.etree.ElementTree import Element, tostring

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
    one_line,
    picture,
    text_to_html,
)
from wire.items import WireDocument, WireError, WireItem, WirePicture

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
MEDIA_NAMESPACES = ("{http://search.yahoo.com/mrss/}", "{http://search.yahoo.com/mrss}")
HTML_TYPES = ("text/html", "application/xhtml+xml")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def read(root: Element, *, format: str) -> WireDocument:
    """Read a feed that defusedxml has already parsed into root."""
    # Wherever they are, as feedparser finds them: some feeds put items outside <channel>.
    elements = list(root.iter("item" if format == "rss" else f"{ATOM}entry"))
    pictures = [_pictures(element, format) for element in elements]
    _remove_media(root)
    # Bytes in a stream: given a string, feedparser would fetch a URL or open a file by that name.
    parsed = feedparser.parse(
        io.BytesIO(tostring(root, encoding="utf-8")),
        resolve_relative_uris=False,
        sanitize_html=True,
    )
    if len(elements) != len(parsed.entries):
        raise WireError(
            f"the feed's items could not be read consistently ({len(elements)} in the XML, "
            f"{len(parsed.entries)} read by feedparser)"
        )
    result = WireDocument(format=format, title=cut(parsed.feed.get("title", ""), PROVIDER_MAX))
    for position, (entry, element, (found, notes)) in enumerate(
        zip(parsed.entries, elements, pictures, strict=True), 1
    ):
        name = entry.get("id") or entry.get("link") or f"#{position}"
        try:
            result.items.append(_read_entry(entry, element, format, found))
        except ItemRefused as refusal:
            result.refused.append((name, str(refusal)))
        else:
            result.refused.extend((name, note) for note in notes)
    return result


def _remove_media(root: Element) -> None:
    """Take Media RSS out before feedparser reads the feed.

    feedparser pours media:description into the entry's summary or content, and
    media:keywords into its tags; the pictures have been read from the tree already.
    """
    for parent in root.iter():
        for child in [child for child in parent if _is_media_element(child)]:
            parent.remove(child)


def _read_entry(entry, element: Element, format: str, pictures) -> WireItem:
    # Only the item's own description (RSS) or summary (Atom): feedparser fills `summary`
    # from other elements too when the item has none.
    if format == "rss":
        has_summary = element.find("description") is not None
    else:
        has_summary = element.find(f"{ATOM}summary") is not None
    summary = _html(entry.get("summary_detail"), entry.get("summary", "")) if has_summary else ""
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
        byline=_rss_byline(element) if format == "rss" else _atom_byline(entry),
        subjects=[tag.get("label") or tag.get("term") or "" for tag in entry.get("tags") or []],
        pictures=pictures,
        # dict.get: feedparser's own get() answers updated_parsed with published_parsed.
        version_time=_time(dict.get(entry, "updated_parsed")) or published,
        first_created=published,
        link=entry.get("link", ""),
    )


_ADDRESS_THEN_NAME = re.compile(r"^[^\s@()<>]+@[^\s()<>]+\s*\((?P<name>[^()]*)\)$")
_NAME_THEN_ADDRESS = re.compile(r"^(?P<name>[^<>]*?)\s*<[^<>@]+@[^<>]+>$")


def _rss_byline(element: Element) -> str:
    """The names in dc:creator, else in <author>, never an e-mail address.

    Read here rather than by feedparser, which takes only the first dc:creator and
    splits "address (Name)" wrongly when the domain ends in more than four letters.
    """
    creators = element.findall(f"{DC}creator") or element.findall("author")
    names = []
    for creator in creators:
        text = one_line("".join(creator.itertext()))
        match = _ADDRESS_THEN_NAME.match(text) or _NAME_THEN_ADDRESS.match(text)
        name = match.group("name").strip() if match else text
        if name and "@" not in name:
            names.append(name)
    return ", ".join(names)


def _atom_byline(entry) -> str:
    return ", ".join(author["name"] for author in entry.get("authors") or [] if author.get("name"))


def _html(detail, value: str) -> str:
    """A text of the feed as HTML, whether the feed typed it as HTML or as plain text."""
    if detail and detail.get("type") == "text/plain":
        return text_to_html(value)
    return html_body(value)


def _time(parsed) -> datetime | None:
    # feedparser gives every date as a struct_time in UTC.
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC) if parsed else None


def _pictures(element: Element, format: str) -> tuple[list[WirePicture], list[str]]:
    """The item's pictures, and the reasons for those left out."""
    found, notes = [], []
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
    return pictures, notes


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


def _is_media_element(element: Element) -> bool:
    return isinstance(element.tag, str) and element.tag.startswith(MEDIA_NAMESPACES)


def _number(value: str | None) -> int:
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0
