"""Recompute every article's search vector, after NEWSROOM_SEARCH_CONFIG changed."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from articles.models import Article


class Command(BaseCommand):
    help = (
        "Point the search trigger at NEWSROOM_SEARCH_CONFIG and recompute every "
        "article's search vector with it."
    )

    def handle(self, *args, **options):
        config = settings.NEWSROOM_SEARCH_CONFIG
        with transaction.atomic(), connection.schema_editor(atomic=False) as editor:
            # The same function migration 0005 creates; the trigger calls it.
            editor.execute(
                "CREATE OR REPLACE FUNCTION articles_search_config() RETURNS regconfig "
                "LANGUAGE sql IMMUTABLE PARALLEL SAFE "
                f"RETURN {editor.quote_value(config)}::regconfig"
            )
            # Setting the column fires the trigger, which computes it again.
            count = Article.objects.update(search_vector=None)
        self.stdout.write(
            self.style.SUCCESS(f"Search vectors of {count} articles rebuilt with {config!r}.")
        )
