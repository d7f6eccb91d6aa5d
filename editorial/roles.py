"""The Reporters' role, and the Editors' rights on the editorial app."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from articles.roles import Grant, Role, sync_role

REPORTERS = Role(
    group="Reporters",
    grants=(
        # They write and illustrate articles (only their own: editorial/workflow.py),
        # and never publish: publish_article is an article right they are not given.
        Grant("articles", model="article", actions=("add", "change", "view")),
        Grant("articles", model="photo", actions=("add", "change", "view")),
        # They pick a section and authors, and see the tags (the article form adds new ones).
        Grant("articles", model="section", actions=("view",)),
        Grant("articles", model="author", actions=("view",)),
        Grant("taggit", model="tag", actions=("view",)),
    ),
)

# The Editors' group (articles/roles.py) also holds every right on the editorial app.
EDITORS_ON_EDITORIAL = Role(group="Editors", grants=(Grant("editorial"),))


def sync_editorial_roles(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate: the Reporters group, and the Editors' rights on the editorial app."""
    sync_role(REPORTERS, using=using, apps=apps)
    sync_role(EDITORS_ON_EDITORIAL, using=using, apps=apps)
