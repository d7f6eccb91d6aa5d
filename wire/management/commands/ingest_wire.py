"""Ingest agency documents (files or http(s) addresses) or the wire sources that are due."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import Section
from wire.ingest import CREATED, KEPT_FOR_REVIEW, REFUSED, UPDATED, IngestReport
from wire.sources import due_sources, ingest_location, poll_source


class Command(BaseCommand):
    help = (
        "Make draft articles from agency documents (ninjs, RSS/Atom, NewsML-G2): files or "
        "http(s) addresses, or with --sources the active wire sources that are due. "
        "Exits with status 1 if anything was refused. Its output is in English, for logs and "
        "scripts; the admin's import says the same in the site's language."
    )

    def add_arguments(self, parser):
        parser.add_argument("locations", nargs="*", metavar="SOURCE", help="a file or an address")
        parser.add_argument(
            "--sources", action="store_true", help="poll the active wire sources that are due"
        )
        parser.add_argument(
            "--section", metavar="SLUG", help="the section of stories no subject or source places"
        )
        parser.add_argument(
            "--agency", metavar="NAME", help="the agency to credit, rather than the feed's own"
        )

    def handle(self, *args, locations, sources, section, agency, **options):
        if not locations and not sources:
            raise CommandError("Give a file or an address to ingest, or --sources.")
        chosen_section = None
        if section:
            chosen_section = Section.objects.filter(slug=section).first()
            if chosen_section is None:
                raise CommandError(f"There is no section with the slug “{section}”.")
        total = IngestReport()
        for location in locations:
            self.stdout.write(f"{location}:")
            report = ingest_location(location, section=chosen_section, agency=agency or None)
            self.write_report(report)
            total.results += report.results
        if sources:
            now = timezone.now()
            due = due_sources(now)
            if not due:
                self.stdout.write("No wire source is due.")
            for source in due:
                self.stdout.write(f"{source.name} ({source.location}):")
                report = poll_source(source, now=now)
                self.write_report(report)
                total.results += report.results
        self.stdout.write(f"Summary: {total.summary()}.")
        if total.refused:
            raise CommandError(f"{len(total.refused)} refused.")

    def write_report(self, report: IngestReport) -> None:
        styles = {
            CREATED: self.style.SUCCESS,
            UPDATED: self.style.SUCCESS,
            KEPT_FOR_REVIEW: self.style.WARNING,
            REFUSED: self.style.ERROR,
        }
        for result in report.results:
            style = styles.get(result.outcome, str)
            self.stdout.write(style(f"  {result.line()}"))
