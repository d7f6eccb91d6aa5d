"""A stand-in for the format readers (wire/formats/), for tests of what runs around them.

It reads a JSON of the tests' own making, {"title": …, "items": [WireItem fields]},
so that the command and the admin can be tested whatever the readers do; the
end-to-end tests with real agency formats use the readers themselves.
"""

import json

from wire.ingest import item_from_json
from wire.items import WireDocument, WireError


def read_document(data: bytes, *, content_type: str = "", source_name: str = "") -> WireDocument:
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WireError(f"broken JSON: {error}") from None
    return WireDocument(
        format="test",
        items=[item_from_json(item) for item in parsed["items"]],
        title=parsed.get("title", ""),
    )


def stand_in_document(*items: dict, title: str = "Xinhua Indonesia") -> bytes:
    return json.dumps({"title": title, "items": list(items)}).encode()


def item(**fields) -> dict:
    values = {
        "guid": "urn:xinhua:1",
        "headline": "Rusia dan China perkuat kerja sama",
        "body_html": "<p>Isi berita.</p>",
        "provider": "Xinhua",
        "version": 1,
    }
    values.update(fields)
    return values
