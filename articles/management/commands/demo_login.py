"""Give the demo's admin account a fresh password and print how to log in."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_USERNAME = "redaksi"


class Command(BaseCommand):
    help = "Create or refresh the demo admin login (a new random password each time)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "redaksi@example.com"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Admin for the demo: {url}\n  user: {DEMO_USERNAME}   password: {password}\n"
            )
        )
