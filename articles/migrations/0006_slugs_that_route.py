"""Every slug in the database gives an address: a 500 on every page that links it otherwise.

Tags: taggit makes a tag's slug from its name with Django's
slugify(allow_unicode=True), which keeps letters and digits of every script
but drops everything else: a name of emoji or punctuation ("🎉"), or of Arabic
presentation forms such as "ﹰ", gives an empty slug, and an empty slug gives
no address (/tag//). PostgreSQL names such a tag "tag-<id>", whatever writes
it: taggit, the admin, bulk_create, COPY. (The tag object that was saved keeps
its empty slug until it is read again.)

Articles, sections and authors: their routes take ASCII slugs (<slug:…>), as
their forms do; a script, an import or COPY that writes another ("berita-ä",
or none at all) is refused by a CHECK constraint, instead of taking down the
home page, which links it. The pattern is Django's validate_slug, in ASCII
ranges only, so it reads the same under any database locale.
"""

from django.db import migrations

TAG_TRIGGER_SQL = """
CREATE FUNCTION articles_tag_slug_not_empty() RETURNS trigger AS $$
BEGIN
    IF NEW.slug = '' THEN
        NEW.slug := 'tag-' || NEW.id;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_tag_slug_not_empty
    BEFORE INSERT OR UPDATE OF slug ON taggit_tag
    FOR EACH ROW EXECUTE FUNCTION articles_tag_slug_not_empty();

-- A tag saved before: setting its slug fires the trigger.
UPDATE taggit_tag SET slug = '' WHERE slug = '';
"""

DROP_TAG_TRIGGER_SQL = """
DROP TRIGGER articles_tag_slug_not_empty ON taggit_tag;
DROP FUNCTION articles_tag_slug_not_empty();
"""

ASCII_SLUG = "^[-a-zA-Z0-9_]+$"
ASCII_SLUG_TABLES = {
    "articles_article": "article_slug_routes",
    "articles_section": "section_slug_routes",
    "articles_author": "author_slug_routes",
}


def slug_check(table: str, name: str) -> migrations.RunSQL:
    return migrations.RunSQL(
        f"ALTER TABLE {table} ADD CONSTRAINT {name} CHECK (slug ~ '{ASCII_SLUG}')",
        f"ALTER TABLE {table} DROP CONSTRAINT {name}",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_search_vector"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(TAG_TRIGGER_SQL, DROP_TAG_TRIGGER_SQL),
        *(slug_check(table, name) for table, name in ASCII_SLUG_TABLES.items()),
    ]
