"""The embedded PostgreSQL bootstrap survives processes that were killed."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from newsroom.database import Users
from tests.server import free_port

ROOT = Path(__file__).resolve().parent.parent


def a_finished_process_id() -> int:
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(process.stdout)


def test_processes_that_died_are_dropped_from_the_server_users(tmp_path):
    listing = tmp_path / "users.json"
    listing.write_text(json.dumps([os.getpid(), a_finished_process_id()]))

    assert Users(listing).pids == {os.getpid()}


def test_a_list_left_empty_or_broken_is_read_as_no_users(tmp_path):
    listing = tmp_path / "users.json"
    for text in ["", "[12", '{"a": 1}']:
        listing.write_text(text)

        assert Users(listing).pids == set()


def test_the_users_list_is_replaced_whole_never_rewritten_in_place(tmp_path):
    listing = tmp_path / "users.json"
    listing.write_text("[]")
    before = listing.stat().st_ino

    Users(listing).add(os.getpid())

    assert listing.stat().st_ino != before
    assert json.loads(listing.read_text()) == [os.getpid()]


# `make run` ended by a signal: runserver's reloading parent and its child both use
# the embedded server; whatever ends them, the server must stop with them.


@pytest.fixture(scope="module")
def embedded_data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("embedded") / "postgres"


def start_runserver(data_dir: Path) -> tuple[subprocess.Popen, int]:
    """`manage.py runserver` on the embedded server in its own process group; and its port."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "RUN_MAIN"}
    }
    env.update(
        DEBUG="true",
        EMBEDDED_POSTGRES="true",
        EMBEDDED_POSTGRES_DIR=str(data_dir),
        SECRET_KEY="x" * 50,
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, port


def wait_until_serving(process: subprocess.Popen, port: int, timeout=90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "runserver exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("runserver did not listen in time")


def postgres_processes(data_dir: Path) -> list[psutil.Process]:
    """The embedded server's postmaster and every process it started."""
    try:
        postmaster = psutil.Process(int((data_dir / "postmaster.pid").read_text().split()[0]))
        return [postmaster, *postmaster.children(recursive=True)]
    except (OSError, ValueError, IndexError, psutil.Error):
        return []


def wait_until_gone(processes: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    _gone, alive = psutil.wait_procs(processes, timeout=timeout)
    return alive


@pytest.mark.parametrize(
    ("signum", "target"),
    [
        (signal.SIGTERM, "group"),
        (signal.SIGHUP, "group"),
        (signal.SIGINT, "group"),
        (signal.SIGTERM, "child"),
        (signal.SIGHUP, "parent"),
    ],
)
def test_no_signal_leaves_the_embedded_server_running(embedded_data_dir, signum, target):
    process, port = start_runserver(embedded_data_dir)
    try:
        wait_until_serving(process, port)
        servers = postgres_processes(embedded_data_dir)
        assert len(servers) > 1
        if target == "group":
            os.killpg(process.pid, signum)
        elif target == "parent":
            process.send_signal(signum)
        else:
            (child,) = psutil.Process(process.pid).children()
            child.send_signal(signum)
        process.wait(timeout=30)

        left = wait_until_gone(servers, timeout=10)

        assert left == [], f"still running after {signal.Signals(signum).name}: {left}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        for server in postgres_processes(embedded_data_dir):
            with contextlib.suppress(psutil.Error):
                server.kill()


def wait_until_readable(django_connection, timeout=5.0):
    """Until the server's closing of the connection has reached the client's socket."""
    import select
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if select.select([django_connection.connection.fileno()], [], [], 0.05)[0]:
            return
    raise AssertionError("the server did not close the connection")


def backend_pid(django_connection) -> int:
    return django_connection.connection.info.backend_pid


def test_a_connection_the_server_dropped_is_replaced_before_a_request_uses_it(
    transactional_db, client
):
    import psycopg
    from django.db import connection

    connection.ensure_connection()
    dropped = backend_pid(connection)
    with psycopg.connect(connection.connection.info.dsn, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [dropped])
    wait_until_readable(connection)
    connection.health_check_done = False  # as at the start of every request

    response = client.get("/")

    assert response.status_code == 200
    assert backend_pid(connection) != dropped


def test_a_healthy_connection_is_kept_from_one_request_to_the_next(transactional_db, client):
    from django.db import connection

    client.get("/")
    first = backend_pid(connection)
    connection.health_check_done = False

    client.get("/")

    assert connection.is_usable()
    assert backend_pid(connection) == first
