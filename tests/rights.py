"""Staff accounts holding exactly the rights a test names."""

from django.contrib.auth.models import Permission

from tests.factories import UserFactory


def staff_with(*rights: str, username: str | None = None):
    """A staff user with the given rights ("app_label.codename") and no group."""
    user = UserFactory(is_staff=True, **({"username": username} if username else {}))
    for right in rights:
        app_label, codename = right.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def login_with(client, *rights: str):
    """Log the client in as a new staff user holding only these rights; return the client."""
    client.force_login(staff_with(*rights))
    return client


def offered_actions(client, changelist_url: str) -> set[str]:
    """The names of the bulk actions the changelist offers the logged-in user."""
    form = client.get(changelist_url).context["action_form"]
    if form is None:
        return set()
    return {name for name, _label in form.fields["action"].choices if name}
