import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations

# The search vector is written by PostgreSQL itself, so that every write keeps
# it current: the admin, the admin's bulk UPDATEs, scripts, the bulk seeder's
# COPY. The body is HTML (sanitized); its tags are stripped first, by the same
# function the search page uses for its snippets.
TRIGGER_SQL = """
CREATE FUNCTION articles_html_to_text(html text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g');

CREATE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(articles_search_config(), coalesce(NEW.headline, '')), 'A')
        || setweight(to_tsvector(articles_search_config(), coalesce(NEW.standfirst, '')), 'B')
        || setweight(to_tsvector(articles_search_config(), articles_html_to_text(NEW.body)), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF headline, standfirst, body, search_vector ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();

-- Existing articles: setting the column fires the trigger.
UPDATE articles_article SET search_vector = NULL;
"""

DROP_TRIGGER_SQL = """
DROP TRIGGER articles_article_search_vector ON articles_article;
DROP FUNCTION articles_article_search_vector();
DROP FUNCTION articles_html_to_text(text);
"""


def create_search_config_function(apps, schema_editor):
    """Name NEWSROOM_SEARCH_CONFIG in one SQL function the trigger calls.

    The configuration is resolved when the function is created, so a missing
    configuration fails here, and PostgreSQL will not drop one that is in use.
    rebuild_search_index replaces the function when the setting changes.
    """
    config = schema_editor.quote_value(settings.NEWSROOM_SEARCH_CONFIG)
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION articles_search_config() RETURNS regconfig "
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN {config}::regconfig"
    )


def drop_search_config_function(apps, schema_editor):
    schema_editor.execute("DROP FUNCTION articles_search_config()")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_alter_photo_alt_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_search_config_function, drop_search_config_function),
        migrations.RunSQL(TRIGGER_SQL, DROP_TRIGGER_SQL),
        migrations.AddIndex(
            model_name='article',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='article_search_idx'),
        ),
    ]
