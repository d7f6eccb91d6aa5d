"""Running a source: fetch it, read it with the format readers, ingest it; polling the due ones."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from wire.fetch import fetch_source
from wire.formats import read_document
from wire.ingest import REFUSED, IngestReport, ItemResult, ingest, one_line
from wire.items import WireError
from wire.models import WireSource


def refused_whole(name: str, reason: str) -> IngestReport:
    return IngestReport([ItemResult(REFUSED, name, reason=reason)])


def ingest_content(
    content: bytes, *, content_type: str = "", source_name: str = "", **options
) -> IngestReport:
    """Read a document in whatever format it is, and ingest its items (options: see ingest())."""
    try:
        document = read_document(content, content_type=content_type, source_name=source_name)
    except WireError as error:
        return refused_whole(source_name, str(error))
    return ingest(document, **options)


def ingest_location(location: str, **options) -> IngestReport:
    """Fetch a file or an http(s) address and ingest it; a fetch that fails refuses it whole."""
    try:
        fetched = fetch_source(location)
    except WireError as error:
        return refused_whole(location, str(error))
    return ingest_content(
        fetched.content, content_type=fetched.content_type, source_name=fetched.name, **options
    )


def poll_source(source: WireSource, *, now=None) -> IngestReport:
    """Ingest a configured source and note when and with what result."""
    try:
        source.clean()  # its address may have been written past the admin's checks
    except ValidationError as error:
        report = refused_whole(source.location, one_line(error))
    else:
        report = ingest_location(source.location.strip(), source=source)
    source.last_polled_at = now or timezone.now()
    refused = [result.line() for result in report.refused]
    source.last_result = "\n".join([report.summary(), *refused])
    source.save(update_fields=["last_polled_at", "last_result"])
    return report


def due_sources(now=None) -> list[WireSource]:
    return list(WireSource.objects.due(now).select_related("default_section"))
