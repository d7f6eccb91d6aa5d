import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The version is kept by PostgreSQL, so that every write counts: the admin, a
# bulk action's update(), a script, plain SQL. A write that changes anything
# but the version and the search vector (which rebuild_search_index rewrites)
# is the next version; any other write keeps the version it had, whatever it
# tried to write there.
TRIGGER_SQL = """
CREATE FUNCTION articles_article_next_version() RETURNS trigger AS $$
BEGIN
    IF (to_jsonb(NEW) - 'version' - 'search_vector')
       IS DISTINCT FROM (to_jsonb(OLD) - 'version' - 'search_vector') THEN
        NEW.version := OLD.version + 1;
    ELSE
        NEW.version := OLD.version;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_article_version
    BEFORE UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_next_version();
"""

DROP_TRIGGER_SQL = """
DROP TRIGGER articles_article_version ON articles_article;
DROP FUNCTION articles_article_next_version();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_withdrawn"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="last saved by",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
        migrations.RunSQL(TRIGGER_SQL, DROP_TRIGGER_SQL),
    ]
