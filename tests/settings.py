"""Settings for the test suite: the project's settings with test-only keys and speed-ups."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("SECURE_COOKIES", "false")
# With no DATABASE_URL, `make test` runs on the embedded server (newsroom/database.py).
os.environ.setdefault("EMBEDDED_POSTGRES", "true")

from newsroom.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A server started by the tests (tests/server.py) shares the suite's media folder.
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="newsroom-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the apps' folders, as in development: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Django's test client logs in with authenticate() and no request; see there.
AUTHENTICATION_BACKENDS = [
    "tests.auth_backends.AxesBackendLettingTheTestClientIn",
    "django.contrib.auth.backends.ModelBackend",
]
