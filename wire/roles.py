"""The Editors' rights on the wire: sources, subject mappings and the stories' origins."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from articles.roles import Grant, Role, sync_role

# The Editors group of articles/roles.py; sync_role touches only the wire app's rights here.
WIRE_EDITORS = Role(group="Editors", grants=(Grant("wire"),))


def sync_wire_editors(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate: the Editors group holds every right on the wire app."""
    sync_role(WIRE_EDITORS, using=using, apps=apps)
