from django.db import migrations

# taggit makes a tag's slug from its name with Django's slugify(allow_unicode=True),
# which keeps letters and digits of every script but drops everything else: a
# name of emoji or punctuation ("🎉"), or of Arabic presentation forms such as
# "ﹰ", gives an empty slug, and an empty slug gives no address (/tag//).
# PostgreSQL names such a tag "tag-<id>", whatever writes it: taggit, the admin,
# bulk_create, COPY. (The tag object that was saved keeps its empty slug until
# it is read again.)
TRIGGER_SQL = """
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

DROP_TRIGGER_SQL = """
DROP TRIGGER articles_tag_slug_not_empty ON taggit_tag;
DROP FUNCTION articles_tag_slug_not_empty();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_search_vector"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunSQL(TRIGGER_SQL, DROP_TRIGGER_SQL)]
