"""The same text from the same e-mail is refused per article, not site-wide.

The fingerprints stay as they are (e-mail and text): the constraint now pairs
them with the article, which every existing row already satisfies.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_article_search_vector'),
        ('comments', '0003_rate_limit_in_database'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='comment',
            name='comment_not_repeated',
        ),
        migrations.AddConstraint(
            model_name='comment',
            constraint=models.UniqueConstraint(fields=('article', 'fingerprint'), name='comment_not_repeated'),
        ),
    ]
