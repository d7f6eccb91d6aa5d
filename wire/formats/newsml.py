"""NewsML-G2: a newsItem, or a newsMessage carrying several in its itemSet.

The XML has already been parsed by defusedxml with no DTD and no entity
(wire/formats/__init__.py). What is read, by field:

- guid: @guid; version: @version; version_time: itemMeta/versionCreated;
  first_created: itemMeta/firstCreated, else contentMeta/contentCreated.
- provider: itemMeta/provider (@literal, its name, or the code of its @qcode:
  "nprov:REUTERS" → "REUTERS"), else rightsInfo/copyrightHolder likewise, else
  contentMeta/creditline.
- headline: contentMeta/headline (the one without a role or of role "main", else the
  first); standfirst: contentMeta/description of role drol:summary, else the first
  (a picture's caption for a picture item), else NITF's body.head/abstract.
- located: contentMeta/located/name, with its country (a broader of type
  cptype:country) when the name does not already say it: "Berlin, Germany".
- byline: contentMeta/by, else the creators' names, else NITF's body.head/byline.
- subjects: the first name of each contentMeta/subject, then each keyword.
- body: the first of contentSet/inlineXML holding XHTML (html/body) or NITF
  (nitf/body/body.content), whose children become HTML; else inlineData of type
  text/html or text/plain.
- pictures: the item's own contentSet/remoteContent of type image/* (the largest
  http(s) rendition: they are renditions of one picture), then itemMeta/link of
  rel irel:seeAlso or irel:associatedWith that is an image (@contenttype image/*)
  with an http(s) @href, or whose @residref is a picture newsItem in the same
  newsMessage. In a newsMessage, a packageItem holding one text item gives it the
  pictures the package also holds. A picture item attached this way is not read as
  an item of its own; any other picture item is (its caption as the standfirst).
  Caption: the description of role drol:caption (a picture item: else the first
  description, else the headline); credit: contentMeta/creditline (a picture
  item: else its byline).

Items withdrawn by the agency (pubStatus stat:canceled or stat:withheld), and
video, audio and other items that are neither text nor pictures, are refused.
"""

import html
from xml.etree.ElementTree import Element, tostring

from wire.formats.fields import (
    ItemRefused,
    a_or_an,
    html_body,
    is_http_url,
    make_item,
    not_http_reason,
    one_line,
    parse_time,
    parse_version,
    picture,
    text_to_html,
)
from wire.items import WireDocument, WireError, WireItem, WirePicture

NS = {"g2": "http://iptc.org/std/nar/2006-10-01/"}
G2 = "{http://iptc.org/std/nar/2006-10-01/}"
TEXT_CLASSES = ("text", "composite", "")
PICTURE_CLASSES = ("picture", "graphic")
ASSOCIATION_RELS = ("irel:seealso", "irel:associatedwith")
# NITF's own elements that have an HTML counterpart; the others are left to the sanitizer.
NITF_TO_HTML = {"hl1": "h2", "hl2": "h3", "block": "div"}


def read(root: Element) -> WireDocument:
    """Read a newsItem or a newsMessage parsed by defusedxml."""
    if root.tag == f"{G2}newsItem":
        items, packages = [root], []
    else:
        item_set = root.find("g2:itemSet", NS)
        items = item_set.findall("g2:newsItem", NS) if item_set is not None else []
        packages = item_set.findall("g2:packageItem", NS) if item_set is not None else []
        if not items:
            raise WireError("a NewsML-G2 newsMessage with no newsItem in its itemSet")
    pictures_by_guid = {
        item.get("guid"): item
        for item in items
        if item.get("guid") and _item_class(item) in PICTURE_CLASSES
    }
    package_pictures = _package_pictures(packages, items, pictures_by_guid)
    attached = set(sum(package_pictures.values(), []))
    for item in items:
        for link in item.findall("g2:itemMeta/g2:link", NS):
            if link.get("residref") in pictures_by_guid and _is_association(link):
                attached.add(link.get("residref"))
    result = WireDocument(format="newsml-g2")
    for position, item in enumerate(items, start=1):
        guid = (item.get("guid") or "").strip()
        if guid in attached:
            continue
        name = guid or f"#{position}"
        notes = []
        try:
            extra = [pictures_by_guid[ref] for ref in package_pictures.get(guid, [])]
            result.items.append(_read_item(item, pictures_by_guid, extra, notes))
        except ItemRefused as refusal:
            result.refused.append((name, str(refusal)))
        except RecursionError:
            result.refused.append((name, "nested too deeply to read"))
        else:
            result.refused.extend((name, note) for note in notes)
    return result


def _package_pictures(packages, items, pictures_by_guid) -> dict[str, list[str]]:
    """For a package holding exactly one text item: that item's guid → the package's pictures."""
    text_guids = {item.get("guid") for item in items if _item_class(item) in TEXT_CLASSES}
    attached = {}
    for package in packages:
        refs = [ref.get("residref") for ref in package.iter(f"{G2}itemRef")]
        texts = [ref for ref in refs if ref in text_guids]
        if len(texts) == 1:
            attached.setdefault(texts[0], []).extend(ref for ref in refs if ref in pictures_by_guid)
    return attached


def _read_item(item: Element, pictures_by_guid, package_items, notes: list[str]) -> WireItem:
    item_class = _item_class(item)
    is_picture = item_class in PICTURE_CLASSES
    if not is_picture and item_class not in TEXT_CLASSES:
        raise ItemRefused(f"{a_or_an(item_class)} {item_class} item, not a story or a picture")
    status = _code(item.find("g2:itemMeta/g2:pubStatus", NS), "qcode").lower()
    if status in ("canceled", "withheld"):
        raise ItemRefused(f"the agency withdrew this item (pubStatus stat:{status})")
    version = parse_version(item.get("version")) if item.get("version") is not None else None
    try:
        version_time = _time(item, "g2:itemMeta/g2:versionCreated")
    except ValueError as error:
        raise ItemRefused(f"versionCreated: {error}") from None
    try:
        first_created = _time(item, "g2:itemMeta/g2:firstCreated") or _time(
            item, "g2:contentMeta/g2:contentCreated"
        )
    except ValueError:
        first_created = None  # only shown to editors; not worth refusing the story for
    content_meta = item.find("g2:contentMeta", NS)
    if content_meta is None:
        raise ItemRefused("unusable text: no contentMeta")
    nitf_head = _nitf_head(item)

    pictures = []
    own = _own_picture(item, is_picture=is_picture, notes=notes)
    pictures.extend([own] if own else [])
    for link in item.findall("g2:itemMeta/g2:link", NS):
        if not _is_association(link):
            continue
        if link.get("residref") in pictures_by_guid:
            target = pictures_by_guid[link.get("residref")]
            linked = _own_picture(target, is_picture=True, notes=notes)
        else:
            linked = _linked_picture(link, notes)
        pictures.extend([linked] if linked else [])
    for picture_item in package_items:
        packaged = _own_picture(picture_item, is_picture=True, notes=notes)
        pictures.extend([packaged] if packaged else [])
    unique_pictures = []
    for found in pictures:
        if found.href not in {known.href for known in unique_pictures}:
            unique_pictures.append(found)

    return make_item(
        guid=item.get("guid") or "",
        headline=_headline(content_meta),
        body_html=_body(item),
        standfirst=(_description(content_meta, "summary") or _nitf_text(nitf_head, "abstract")),
        located=_located(content_meta),
        provider=(
            _party(item.find("g2:itemMeta/g2:provider", NS))
            or _party(item.find("g2:rightsInfo/g2:copyrightHolder", NS))
            or _text(content_meta.find("g2:creditline", NS))
        ),
        byline=_byline(content_meta) or _nitf_text(nitf_head, "byline"),
        subjects=[
            _text(subject.find("g2:name", NS)) for subject in content_meta.findall("g2:subject", NS)
        ]
        + [_text(keyword) for keyword in content_meta.findall("g2:keyword", NS)],
        pictures=unique_pictures,
        version=version,
        version_time=version_time,
        first_created=first_created,
    )


def _headline(content_meta: Element) -> str:
    headlines = content_meta.findall("g2:headline", NS)
    for headline in headlines:
        if _code(headline, "role") in ("", "main"):
            return _text(headline)
    return _text(headlines[0]) if headlines else ""


def _description(content_meta: Element, role: str, *, first: bool = True) -> str:
    descriptions = content_meta.findall("g2:description", NS)
    for description in descriptions:
        if _code(description, "role").lower() == role:
            return _text(description)
    return _text(descriptions[0]) if descriptions and first else ""


def _located(content_meta: Element) -> str:
    located = content_meta.find("g2:located", NS)
    if located is None:
        return ""
    name = _text(located.find("g2:name", NS))
    for broader in located.findall("g2:broader", NS):
        if _code(broader, "type").lower() == "country":
            country = _text(broader.find("g2:name", NS))
            if name and country and country.casefold() not in name.casefold():
                return f"{name}, {country}"
    return name


def _byline(content_meta: Element) -> str:
    by = _text(content_meta.find("g2:by", NS))
    if by:
        return by
    creators = content_meta.findall("g2:creator", NS)
    return ", ".join(filter(None, (_text(creator.find("g2:name", NS)) for creator in creators)))


def _party(element: Element | None) -> str:
    """A provider or copyright holder: @literal, its name, else the code of its @qcode."""
    if element is None:
        return ""
    return (
        one_line(element.get("literal") or "")
        or _text(element.find("g2:name", NS))
        or _code(element, "qcode")
    )


def _own_picture(item: Element, *, is_picture: bool, notes: list[str]) -> WirePicture | None:
    """The largest http(s) image among the item's remoteContent, with caption and credit."""
    usable, refused = [], []
    for content in item.findall("g2:contentSet/g2:remoteContent", NS):
        href = (content.get("href") or "").strip()
        content_type = (content.get("contenttype") or "").lower()
        if not href or not (content_type.startswith("image/") or (is_picture and not content_type)):
            continue
        if not is_http_url(href):
            refused.append(href)
            continue
        usable.append((_number(content.get("width")) * _number(content.get("height")), href))
    if not usable:
        if refused:
            notes.append(not_http_reason(refused[0]))
        return None
    content_meta = item.find("g2:contentMeta", NS)
    if content_meta is None:
        return picture(max(usable)[1])
    caption = _description(content_meta, "caption", first=is_picture)
    credit = _text(content_meta.find("g2:creditline", NS))
    if is_picture:
        caption = caption or _headline(content_meta)
        credit = credit or _byline(content_meta)
    return picture(max(usable)[1], caption=caption, credit=credit)


def _linked_picture(link: Element, notes: list[str]) -> WirePicture | None:
    href = (link.get("href") or "").strip()
    if not href or not (link.get("contenttype") or "").lower().startswith("image/"):
        return None
    if not is_http_url(href):
        notes.append(not_http_reason(href))
        return None
    return picture(href, caption=_text(link.find("g2:title", NS)) or link.get("title") or "")


def _is_association(link: Element) -> bool:
    return (link.get("rel") or "").lower() in ASSOCIATION_RELS


def _body(item: Element) -> str:
    content_set = item.find("g2:contentSet", NS)
    if content_set is None:
        return ""
    for inline in content_set.findall("g2:inlineXML", NS):
        for element in inline.iter():
            name = _local(element.tag)
            if name == "html":
                body = next((c for c in element if _local(c.tag) == "body"), None)
                if body is not None:
                    return _inner_html(body)
            if name == "nitf":
                content = next((c for c in element.iter() if _local(c.tag) == "body.content"), None)
                if content is not None:
                    return _inner_html(content, renames=NITF_TO_HTML)
    for inline in content_set.findall("g2:inlineData", NS):
        content_type = (inline.get("contenttype") or "").lower()
        if content_type in ("text/html", "application/xhtml+xml"):
            return html_body(inline.text or "")
        if content_type == "text/plain":
            return text_to_html(inline.text or "")
    return ""


def _nitf_head(item: Element) -> Element | None:
    for inline in item.findall("g2:contentSet/g2:inlineXML", NS):
        for element in inline.iter():
            if _local(element.tag) == "body.head":
                return element
    return None


def _inner_html(container: Element, renames: dict[str, str] | None = None) -> str:
    """The children of an XHTML or NITF element as HTML, their namespaces dropped."""
    renames = renames or {}
    for element in container.iter():
        if not isinstance(element.tag, str):  # a comment or a processing instruction
            continue
        name = _local(element.tag)
        element.tag = renames.get(name, name)
        for key in [key for key in element.attrib if key.startswith("{")]:
            element.attrib[_local(key)] = element.attrib.pop(key)
    parts = [html.escape(container.text or "", quote=False)]
    parts.extend(tostring(child, encoding="unicode", method="html") for child in container)
    return "".join(parts).strip()


def _item_class(item: Element) -> str:
    return (
        _code(item.find("g2:itemMeta/g2:itemClass", NS), "qcode").lower()
        or _code(item.find("g2:itemMeta/g2:itemClass", NS), "uri").lower()
    )


def _code(element: Element | None, attribute: str) -> str:
    """The code of a QCode or URI: "ninat:text" → "text", ".../ninature/text" → "text"."""
    if element is None:
        return ""
    value = (element.get(attribute) or "").strip()
    return value.rpartition(":")[2].rpartition("/")[2]


def _nitf_text(head: Element | None, name: str) -> str:
    """The text of an element of NITF's body.head, e.g. its abstract or byline."""
    if head is None:
        return ""
    return _text(next((c for c in head.iter() if _local(c.tag) == name), None))


def _text(element: Element | None) -> str:
    """The text of an element (all of it, markup inside dropped), on one line."""
    if element is None:
        return ""
    return one_line("".join(element.itertext()))


def _time(item: Element, path: str):
    text = _text(item.find(path, NS))
    return parse_time(text) if text else None


def _number(value: str | None) -> int:
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
