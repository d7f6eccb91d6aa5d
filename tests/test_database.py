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
