"""ninjs, IPTC's JSON for news: 1.x as Superdesk and agencies emit it, 2.x and 3.x.

A document is one item, a list of items, or an object with `items`. Keys are
read whatever their case (3.x writes `versionCreated` where 1.x and 2.x write
`versioncreated`). What is read, by field:

- guid: `uri`; version: `version` (a whole number or its text);
  version_time: `versioncreated`; first_created: `firstcreated`.
- headline: `headline` (1.x) or `headlines` (the role "main", else the first).
- standfirst: `description_text`/`description_html` (1.x) or `descriptions` (the
  role "summary", else the first that is not a caption or a credit line).
- body: `body_html`, `body_xhtml`, `body_text` (1.x) or `bodies` (HTML or XHTML
  first, then plain text); a whole HTML page is reduced to its <body>.
- located: a text, or an object with `name`; byline: `byline` (1.x) or `by` (2.x).
- provider: `copyrightholder`, else `provider`, else the first of `infosources`, else `source`.
- subjects: the names in `subject`/`subjects`, then `keywords`.
- pictures: the item's own `renditions` when it is a picture, then the pictures in
  `associations` (1.x `featuremedia` first): for each, the largest http(s) rendition
  that is an image, its caption (`description_text`, `descriptions`, else the
  headline) and credit (`byline`/`by`, `creditline`, `copyrightholder`).

An item withdrawn by the agency (`pubstatus` "canceled" or "withheld"), a video
or an audio item, or one whose fields have the wrong type is refused with its reason.
"""

from wire.formats.fields import (
    ItemRefused,
    a_or_an,
    html_body,
    html_to_text,
    is_http_url,
    make_item,
    not_http_reason,
    parse_time,
    parse_version,
    picture,
    text_to_html,
)
from wire.items import WireDocument, WireError, WireItem, WirePicture

SUMMARY_ROLES = ("summary", "abstract", "lede", "lead", "text")
NOT_SUMMARY_ROLES = ("caption", "creditline", "alt", "alttext", "alternative")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Which rendition wins between two of the same size (Superdesk's names, then the rest).
RENDITION_RANK = {"original": 0, "baseimage": 1, "viewimage": 2, "thumbnail": 9}
STORY_TYPES = ("text", "composite", "picture", "graphic", None)
PICTURE_TYPES = ("picture", "graphic")


def read(document) -> WireDocument:
    """Read a parsed ninjs document (one item, a list, or an object with `items`)."""
    if isinstance(document, list):
        entries = document
    elif isinstance(document, dict) and str(document.get("version", "")).startswith(
        "https://jsonfeed.org/"
    ):
        raise WireError("a JSON Feed, not ninjs: the wire reads JSON in ninjs only")
    elif isinstance(document, dict) and isinstance(_lower(document).get("items"), list):
        entries = _lower(document)["items"]
    elif isinstance(document, dict) and "uri" in _lower(document):
        entries = [document]
    else:
        raise WireError("JSON, but not ninjs: no item with a `uri` and no list of `items`")
    result = WireDocument(format="ninjs")
    for position, entry in enumerate(entries, start=1):
        name = f"#{position}"
        if isinstance(entry, dict) and isinstance(_lower(entry).get("uri"), str):
            name = _lower(entry)["uri"].strip() or name
        notes = []
        try:
            if not isinstance(entry, dict):
                raise ItemRefused(f"{_kind(entry)}, not a ninjs item (a JSON object)")
            result.items.append(read_item(_lower(entry), notes))
        except ItemRefused as refusal:
            result.refused.append((name, str(refusal)))
        except RecursionError:
            result.refused.append((name, "nested too deeply to read"))
        else:
            result.refused.extend((name, note) for note in notes)
    return result


def read_item(item: dict, notes: list[str]) -> WireItem:
    """One item (keys in lower case); the pictures left out are told in notes."""
    kind = _text(item, "type") or None
    if kind not in STORY_TYPES:
        raise ItemRefused(f"{a_or_an(kind)} {kind} item, not a story or a picture")
    status = _text(item, "pubstatus").lower()
    if status in ("canceled", "cancelled", "withheld"):
        raise ItemRefused(f"the agency withdrew this item (pubstatus {status})")
    version = parse_version(item["version"]) if item.get("version") is not None else None
    try:
        version_time = _time(item, "versioncreated")
    except ValueError as error:
        raise ItemRefused(f"versioncreated: {error}") from None
    try:
        first_created = _time(item, "firstcreated")
    except ValueError:
        first_created = None  # only shown to editors; not worth refusing the story for
    pictures = []
    if kind in PICTURE_TYPES:
        own = _picture(item, "the item's own picture", notes)
        pictures.extend([own] if own else [])
    pictures.extend(_associated_pictures(item, notes))
    standfirst = _standfirst(item)
    if not standfirst and kind in PICTURE_TYPES:
        standfirst = _caption(item)
    return make_item(
        guid=_text(item, "uri"),
        headline=_headline(item),
        body_html=_body(item),
        standfirst=standfirst,
        located=_name(item, "located"),
        provider=(
            _text(item, "copyrightholder")
            or _name(item, "provider")
            or _first_name(item, "infosources")
            or _name(item, "source")
        ),
        byline=_text(item, "byline") or _text(item, "by"),
        subjects=_subjects(item),
        pictures=pictures,
        version=version,
        version_time=version_time,
        first_created=first_created,
    )


def _headline(item: dict) -> str:
    if item.get("headline") is not None:
        return _text(item, "headline")
    return _by_role(item, "headlines", ("main",))


def _standfirst(item: dict) -> str:
    if item.get("description_text") is not None:
        return _text(item, "description_text")
    for key in ("description_html", "description_xhtml"):
        if item.get(key) is not None:
            return html_to_text(_text(item, key))
    return _by_role(item, "descriptions", SUMMARY_ROLES, skip=NOT_SUMMARY_ROLES)


def _caption(item: dict) -> str:
    if item.get("description_text") is not None:
        return _text(item, "description_text")
    if item.get("description_html") is not None:
        return html_to_text(_text(item, "description_html"))
    return _by_role(item, "descriptions", ("caption",), skip=("creditline",)) or _headline(item)


def _credit(item: dict) -> str:
    return (
        _text(item, "byline")
        or _text(item, "by")
        or _text(item, "creditline")
        or _by_role(item, "descriptions", ("creditline",), only=True)
        or _text(item, "copyrightholder")
    )


def _body(item: dict) -> str:
    for key in ("body_html", "body_xhtml"):
        if item.get(key) is not None:
            return html_body(_text(item, key))
    if item.get("body_text") is not None:
        return text_to_html(_text(item, "body_text"))
    bodies = [_lower(_object(body, "bodies")) for body in _list(item, "bodies")]
    for body in bodies:
        content_type = _text(body, "contenttype").lower()
        role = _text(body, "role").lower()
        if content_type in HTML_TYPES or (not content_type and role in ("html", "html5", "xhtml")):
            return html_body(_text(body, "value"))
    for body in bodies:
        if _text(body, "contenttype").lower() in ("text/plain", ""):
            return text_to_html(_text(body, "value"))
    return ""


def _subjects(item: dict) -> list[str]:
    names = []
    for key in ("subject", "subjects"):
        for subject in _list(item, key):
            if isinstance(subject, str):
                names.append(subject)
            else:
                names.append(_text(_lower(_object(subject, key)), "name"))
    for keyword in _list(item, "keywords"):
        if not isinstance(keyword, str):
            raise ItemRefused(f"a keyword is {_kind(keyword)}, not text")
        names.append(keyword)
    return names


def _associated_pictures(item: dict, notes: list[str]) -> list[WirePicture]:
    associations = item.get("associations")
    if associations is None:
        return []
    if isinstance(associations, dict):
        named = list(associations.items())
    elif isinstance(associations, list):
        named = [
            (_text(_lower(_object(entry, "associations")), "name"), entry)
            for entry in associations
            if entry is not None
        ]
    else:
        raise ItemRefused(f"associations is {_kind(associations)}, not an object or a list")
    named.sort(key=lambda pair: pair[0] != "featuremedia")  # stable: the rest keep their order
    pictures = []
    for name, association in named:
        if association is None:
            continue
        association = _lower(_object(association, f"association {name}"))
        if (_text(association, "type") or "picture") not in PICTURE_TYPES:
            continue
        found = _picture(association, f"association {name}", notes)
        if found and found.href not in {known.href for known in pictures}:
            pictures.append(found)
    return pictures


def _picture(item: dict, name: str, notes: list[str]) -> WirePicture | None:
    """The largest http(s) image rendition of a picture, with its caption and credit."""
    renditions = item.get("renditions")
    if isinstance(renditions, dict):
        named = [(key, value) for key, value in renditions.items()]
    elif isinstance(renditions, list):
        named = [(None, value) for value in renditions]
    elif renditions is None:
        named = []
    else:
        raise ItemRefused(f"{name}: renditions is {_kind(renditions)}, not an object or a list")
    usable, refused_hrefs = [], []
    for key, rendition in named:
        rendition = _lower(_object(rendition, f"{name}: a rendition"))
        href = _text(rendition, "href").strip()
        content_type = (_text(rendition, "mimetype") or _text(rendition, "contenttype")).lower()
        if not href or (content_type and not content_type.startswith("image/")):
            continue
        if not is_http_url(href):
            refused_hrefs.append(href)
            continue
        rank = RENDITION_RANK.get((key or _text(rendition, "name")).lower(), 5)
        area = _number(rendition.get("width")) * _number(rendition.get("height"))
        usable.append((area, -rank, href))
    if not usable:
        if refused_hrefs:
            notes.append(not_http_reason(refused_hrefs[0]))
        return None
    href = max(usable)[2]
    return picture(href, caption=_caption(item), credit=_credit(item))


def _by_role(item: dict, key: str, roles, *, skip=(), only=False) -> str:
    """The value of the first entry with one of roles, else of the first not skipped."""
    entries = [_lower(_object(entry, key)) for entry in _list(item, key)]
    for wanted in roles:
        for entry in entries:
            if _text(entry, "role").lower().rpartition(":")[2] == wanted:
                return _value(entry, key)
    if only:
        return ""
    for entry in entries:
        if _text(entry, "role").lower().rpartition(":")[2] not in skip:
            return _value(entry, key)
    return ""


def _value(entry: dict, key: str) -> str:
    value = _text(entry, "value", f"a value in {key}")
    if _text(entry, "contenttype").lower() in HTML_TYPES:
        return html_to_text(value)
    return value


def _name(item: dict, key: str) -> str:
    """A text, or an object's `name` (ninjs 2 allows both for `located`)."""
    value = item.get(key)
    if isinstance(value, dict):
        return _text(_lower(value), "name", f"{key}.name")
    return _text(item, key)


def _first_name(item: dict, key: str) -> str:
    for entry in _list(item, key):
        name = _text(_lower(_object(entry, key)), "name", f"{key}.name")
        if name:
            return name
    return ""


def _time(item: dict, key: str):
    value = _text(item, key)
    return parse_time(value) if value.strip() else None


def _text(item: dict, key: str, what: str = "") -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ItemRefused(f"{what or key} is {_kind(value)}, not text")
    return value


def _list(item: dict, key: str) -> list:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ItemRefused(f"{key} is {_kind(value)}, not a list")
    return value


def _object(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise ItemRefused(f"{what}: {_kind(value)}, not an object")
    return value


def _number(value) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float):
        return max(int(value), 0)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return 0


def _lower(entry: dict) -> dict:
    """The same object with its keys in lower case (the first of two spellings wins)."""
    lowered = {}
    for key, value in entry.items():
        lowered.setdefault(key.lower(), value)
    return lowered


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return "text"
