"""Read an agency's document, whatever its format, into a WireDocument.

The format is told by the content, not by the name or the Content-Type (agencies
and web servers get those wrong): a JSON object or array is ninjs; XML is read
by its root element: <rss> is RSS 2.0, Atom's <feed> is Atom, NewsML-G2's
<newsItem> or <newsMessage> is NewsML-G2.

Every XML document is first parsed by defusedxml, which refuses a DOCTYPE (and
so any entity, internal or external) before a single entity is expanded or
read; only then does a reader see it.
"""

import codecs
import json
import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as defused_fromstring
from django.conf import settings

from wire.formats import feeds, newsml, ninjs
from wire.items import WireDocument, WireError

ATOM_NS = "http://www.w3.org/2005/Atom"
NEWSML_NS = "http://iptc.org/std/nar/2006-10-01/"
_HTML_PAGE = re.compile(
    rb"(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S
)


def read_document(data: bytes, *, content_type: str = "", source_name: str = "") -> WireDocument:
    """Read a document into its items, or refuse it whole with a one-line WireError.

    content_type and source_name only make the reason clearer; they never choose the format.
    """
    limit = settings.WIRE_MAX_DOCUMENT_BYTES
    if len(data) > limit:
        raise WireError(
            f"the document is larger than the limit of {limit:,} bytes (WIRE_MAX_DOCUMENT_BYTES)"
        )
    start = _first_character(data)
    try:
        if start in ("{", "["):
            return ninjs.read(parse_json(data))
        if start == "<":
            return _read_xml(data)
    except RecursionError:
        raise WireError("the document is nested too deeply to read") from None
    what = " ".join(filter(None, [content_type.split(";")[0].strip(), source_name]))
    if not data.strip():
        raise WireError("the document is empty")
    raise WireError(
        "not a format the wire reads: "
        + (f"{what} is " if what else "")
        + "neither JSON (ninjs) nor XML (RSS, Atom, NewsML-G2)"
    )


def _first_character(data: bytes) -> str:
    head = data[:1024]
    try:
        # JSON's own rule finds UTF-16 and UTF-32 too (by BOM or by the zero bytes).
        text = head.decode(json.detect_encoding(head), errors="ignore")
    except LookupError:
        return ""
    text = text.lstrip("\ufeff \t\r\n")
    return text[:1]


def parse_json(data: bytes):
    """JSON in UTF-8 (or UTF-16/32, told by its BOM or zero bytes), as RFC 8259 wants it."""
    try:
        return json.loads(data)
    except UnicodeDecodeError as error:
        raise WireError(
            f"JSON that is not UTF-8: byte 0x{error.object[error.start]:02x}"
            f" at position {error.start} cannot be read"
        ) from None
    except json.JSONDecodeError as error:
        raise WireError(f"broken JSON: {error}") from None
    except RecursionError:
        raise WireError("JSON nested too deeply to read") from None
    except ValueError as error:  # e.g. a number too long to convert
        raise WireError(f"broken JSON: {error}") from None


def parse_xml(data: bytes) -> Element:
    """Parse XML safely: no DTD, no entity, nothing read from outside; the declared encoding."""
    data = _as_utf8(data)
    try:
        return defused_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DTDForbidden:
        raise WireError(
            "XML with a DOCTYPE is refused: a DTD can declare entities that expand or read files"
        ) from None
    except EntitiesForbidden:
        raise WireError("XML that declares entities is refused") from None
    except ExternalReferenceForbidden:
        raise WireError("XML that refers to an external entity is refused") from None
    except ParseError as error:
        raise WireError(f"not well-formed XML: {error}") from None
    except (LookupError, UnicodeError, ValueError) as error:
        raise WireError(f"XML that cannot be decoded: {error}") from None


# The UTF-16 byte orders, told by the BOM or by the zero byte beside the first "<".
_UTF16 = {
    b"\xff\xfe": "utf-16",
    b"\xfe\xff": "utf-16",
    b"<\x00": "utf-16-le",
    b"\x00<": "utf-16-be",
}
_DECLARED_ENCODING = re.compile(
    rb"""^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']"""
)
_TEXT_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")


def _as_utf8(data: bytes) -> bytes:
    """XML in the encoding it declares (or UTF-16), written in UTF-8 for expat.

    expat itself reads only UTF-8, UTF-16 (not from bytes here), Latin-1 and ASCII;
    an agency writing GB2312 or Windows-1252 is read through Python's codecs.
    """
    encoding = _UTF16.get(data[:2])
    if encoding is None:
        declared = _DECLARED_ENCODING.match(data[:1024])
        if declared is None:
            return data
        name = declared.group(2).decode("ascii", errors="replace")
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            raise WireError(f"XML in an unknown encoding: {name[:40]!r}") from None
        if encoding == "utf-8":
            return data
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise WireError(
            f"XML that is not {encoding} as it declares: byte 0x{error.object[error.start]:02x}"
            f" at position {error.start} cannot be read"
        ) from None
    text = _TEXT_DECLARED_ENCODING.sub(r'\1"utf-8"', text.lstrip("\ufeff"), count=1)
    return text.encode("utf-8")


def _read_xml(data: bytes) -> WireDocument:
    if _HTML_PAGE.match(data[:1024]):  # a web page where a feed was expected, often an error page
        raise WireError("not a format the wire reads: an HTML page, not a feed or a news item")
    root = parse_xml(data)
    if root.tag == "rss":
        return feeds.read(root, format="rss")
    if root.tag == f"{{{ATOM_NS}}}feed":
        return feeds.read(root, format="atom")
    if root.tag in (f"{{{NEWSML_NS}}}newsItem", f"{{{NEWSML_NS}}}newsMessage"):
        return newsml.read(root)
    name = root.tag.rpartition("}")[2]
    raise WireError(
        f"not a format the wire reads: an XML document whose root is <{name}>"
        " (the wire reads RSS 2.0, Atom and NewsML-G2 newsItem or newsMessage)"
    )
