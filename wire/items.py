"""What every wire format is read into, and what the ingest makes drafts from.

The readers of each format (wire/formats/) turn a document into a WireDocument
of WireItems, or refuse it whole with WireError; ingest (wire/ingest.py) knows
nothing of formats. Texts are as the agency sent them: the body is HTML not yet
sanitized, and nothing here has been checked against the database.
"""

from dataclasses import dataclass, field
from datetime import datetime


class WireError(Exception):
    """A document or an item refused, with a one-line reason for the editor."""


@dataclass(frozen=True)
class WirePicture:
    href: str  # http(s) address of the largest usable rendition
    caption: str = ""
    credit: str = ""  # e.g. "Xinhua/Alexander Zemlianichenko Jr"


@dataclass(frozen=True)
class WireItem:
    guid: str  # the agency's id for the story: ninjs uri, RSS guid, Atom id, NewsML-G2 guid
    headline: str
    body_html: str = ""
    standfirst: str = ""
    located: str = ""  # the dateline place, e.g. "Moskow, Rusia"
    provider: str = ""  # the agency as the item names it (provider, copyright holder)
    byline: str = ""
    subjects: tuple[str, ...] = ()  # subject names or keywords, as given
    pictures: tuple[WirePicture, ...] = ()  # the first is the lead
    # Which of two versions of an item is newer: version first (ninjs `version`,
    # NewsML-G2 @version), then version_time (ninjs `versioncreated`, RSS/Atom
    # `updated`); a missing value counts as the smallest.
    version: int | None = None
    version_time: datetime | None = None
    first_created: datetime | None = None
    link: str = ""  # the item's page at the agency, when it has one

    @property
    def version_key(self) -> tuple[int, float]:
        return (
            self.version if self.version is not None else -1,
            self.version_time.timestamp() if self.version_time else float("-inf"),
        )


@dataclass
class WireDocument:
    format: str  # "ninjs", "rss", "atom", "newsml-g2"
    items: list[WireItem] = field(default_factory=list)
    # Items refused one by one (the others are kept): (the item's id or position, reason).
    refused: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""  # the feed's title, the last fallback for the agency
