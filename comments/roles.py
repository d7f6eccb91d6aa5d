"""The Moderators' role: rights on the comments app only, never on articles."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from articles.roles import Grant, Role, sync_role

MODERATORS = Role(
    group="Moderators",
    grants=(
        # They see whatever the comments app keeps (comments, refused comments, …)
        Grant("comments", actions=("view",)),
        # and decide comments; they delete nothing, and never add a comment.
        Grant("comments", model="comment", actions=("change",)),
    ),
)


def sync_moderators(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate: the Moderators group holds the moderation rights and no others here."""
    sync_role(MODERATORS, using=using, apps=apps)
