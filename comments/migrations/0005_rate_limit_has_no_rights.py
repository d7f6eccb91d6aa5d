from django.db import migrations


def delete_rate_limit_rights(apps, schema_editor):
    """Rights made for the table before it had none: no group should be given them."""
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="comments", content_type__model="ratelimit"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("comments", "0004_repeats_refused_per_article"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="ratelimit",
            options={"default_permissions": ()},
        ),
        migrations.RunPython(delete_rate_limit_rights, migrations.RunPython.noop),
    ]
