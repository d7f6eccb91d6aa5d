"""The embedded PostgreSQL bootstrap survives processes that were killed."""

import json
import os
import subprocess
import sys

from newsroom.database import _forget_dead_handles


def a_finished_process_id() -> int:
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(process.stdout)


def test_processes_that_died_are_dropped_from_the_server_users(tmp_path):
    handles = tmp_path / ".handle_pids.json"
    handles.write_text(json.dumps([os.getpid(), a_finished_process_id()]))

    _forget_dead_handles(tmp_path)

    assert json.loads(handles.read_text()) == [os.getpid()]


def test_a_list_left_empty_by_a_killed_write_is_repaired(tmp_path):
    handles = tmp_path / ".handle_pids.json"
    handles.write_text("")

    _forget_dead_handles(tmp_path)

    assert json.loads(handles.read_text()) == []


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
