"""Staff roles: each a group whose rights follow the models at every migrate.

An app declares its role's rights by pattern (an app, optionally one model, optionally
some actions) and connects sync_role to post_migrate; a model added later gets its
rights at the next migrate, with no data migration. Within the apps and models a role
names, the group holds exactly what the role grants; rights given to the group on
anything else are left alone.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS, router
from django.db.models import Q


@dataclass(frozen=True)
class Grant:
    """Rights on an app's models: all of them, or one (model); every right, or some actions."""

    app_label: str
    model: str | None = None
    actions: tuple[str, ...] | None = None

    def scope(self) -> Q:
        """The permissions this grant decides: the app's, or the one model's."""
        scope = Q(content_type__app_label=self.app_label)
        if self.model:
            scope &= Q(content_type__model=self.model)
        return scope

    def permissions(self) -> Q:
        if self.actions is None:
            return self.scope()  # custom permissions of the models too
        actions = Q()
        for action in self.actions:
            actions |= Q(codename__startswith=f"{action}_")
        return self.scope() & actions


@dataclass(frozen=True)
class Role:
    group: str
    grants: tuple[Grant, ...]

    def scope(self) -> Q:
        scope = Q(pk__in=[])
        for grant in self.grants:
            scope |= grant.scope()
        return scope

    def permissions(self) -> Q:
        permissions = Q(pk__in=[])
        for grant in self.grants:
            permissions |= grant.permissions()
        return permissions


EDITORS = Role(
    group="Editors",
    grants=(Grant("articles"), Grant("taggit", model="tag")),
)


def sync_role(role: Role, *, using: str = DEFAULT_DB_ALIAS, apps=global_apps) -> None:
    """Create the role's group if missing and give it exactly the rights the role grants."""
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return  # auth is not installed (or not migrated yet)
    if not router.allow_migrate_model(using, Permission):
        return
    # Permissions are made after each app's migrations, in app order: make those of the
    # apps named here now, whichever app's post_migrate runs first.
    for app_label in {grant.app_label for grant in role.grants}:
        try:
            app_config = global_apps.get_app_config(app_label)
        except LookupError:
            continue
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    group, _created = Group.objects.using(using).get_or_create(name=role.group)
    granted = Permission.objects.using(using).filter(role.permissions())
    group.permissions.remove(*group.permissions.filter(role.scope()).exclude(pk__in=granted))
    group.permissions.add(*granted)


def sync_editors(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate: the Editors group holds every right on articles and tags."""
    sync_role(EDITORS, using=using, apps=apps)
