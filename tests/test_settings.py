"""Settings come from the environment and fail loudly where a default would be unsafe."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# What the suite's own environment holds and a production server's would not (the
# browser tests let Django's database calls run beside Playwright's event loop).
UNSET = {
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "EMBEDDED_POSTGRES",
    "EMBEDDED_POSTGRES_DIR",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def import_settings(**environment):
    env = {key: value for key, value in os.environ.items() if key not in UNSET}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/unused"  # never connected to
    env.update(environment)
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings as s; print(s.ALLOWED_HOSTS, s.DEBUG)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_start_up_fails_clearly_without_a_secret_key_when_debug_is_off():
    result = import_settings(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_allowed_hosts_and_debug_are_read_from_the_environment():
    result = import_settings(
        SECRET_KEY="x" * 50, DEBUG="false", ALLOWED_HOSTS="berita.example, www.berita.example"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['berita.example', 'www.berita.example'] False"


def test_debug_without_a_secret_key_starts_for_local_development():
    result = import_settings(DEBUG="true")

    assert result.returncode == 0, result.stderr


def test_start_up_fails_clearly_without_a_database_url_when_debug_is_off(tmp_path):
    data_dir = tmp_path / "postgres"

    result = import_settings(
        SECRET_KEY="x" * 50,
        DEBUG="false",
        DATABASE_URL=None,
        EMBEDDED_POSTGRES_DIR=str(data_dir),
    )

    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr
    assert not data_dir.exists()  # no embedded server was started


def test_an_empty_database_url_counts_as_none(tmp_path):
    result = import_settings(SECRET_KEY="x" * 50, DEBUG="false", DATABASE_URL="")

    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


def run_deploy_check(**environment):
    env = {key: value for key, value in os.environ.items() if key not in UNSET}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's own: the production settings
    env.pop("SECURE_COOKIES", None)  # the tests' own
    env.update(
        SECRET_KEY="k3J9-production-like-secret-" + "q7Zx2vLw8RtYp4Nm" * 3,
        ALLOWED_HOSTS="berita.example",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/unused",  # never connected to
        **environment,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_has_no_warning_behind_an_https_proxy():
    result = run_deploy_check(BEHIND_HTTPS_PROXY="true")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_hsts_can_be_shortened_or_preloaded_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import newsroom.settings as s; "
            "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT)",
        ],
        cwd=ROOT,
        env={
            **{key: value for key, value in os.environ.items() if key not in UNSET},
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/unused",
            "BEHIND_HTTPS_PROXY": "true",
            "SECURE_HSTS_SECONDS": "3600",
            "SECURE_HSTS_PRELOAD": "true",
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["3600", "True", "True"]
