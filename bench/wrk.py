"""Loading a site with wrk (2 threads, 16 connections) and reading what it reports."""

import re
import subprocess
import tempfile
from dataclasses import dataclass

# Lines wrk prints only when there were some.
NON_2XX = r"^\s*Non-2xx or 3xx responses: (\d+)"
SOCKET_ERRORS = r"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    requests: int
    non_2xx: int  # wrk's "Non-2xx or 3xx responses"
    socket_errors: int  # connect, read, write and timeout errors

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors


def wrk(url, seconds, script=None, headers=()) -> Load:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    for header in headers:
        command[1:1] = ["-H", header]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    requests_per_second = numbers(r"^Requests/sec:\s+([\d.]+)", output)
    requests = numbers(r"^\s*(\d+) requests in", output)
    if not (requests_per_second and requests):
        raise SystemExit(f"Could not read wrk's output:\n{output}")
    return Load(
        requests_per_second=requests_per_second[0],
        requests=int(requests[0]),
        non_2xx=int(sum(numbers(NON_2XX, output))),
        socket_errors=int(sum(numbers(SOCKET_ERRORS, output))),
    )


def numbers(pattern, output) -> list[float]:
    """The numbers of the line of wrk's output that matches; none when wrk left it out."""
    found = re.search(pattern, output, re.MULTILINE)
    return [float(group) for group in found.groups()] if found else []


def random_paths_script(paths) -> str:
    """Each request a random one of the paths."""
    return (
        f"local paths = {lua_list(paths)}\n"
        "math.randomseed(7)\n"
        "request = function()\n"
        "  return wrk.format('GET', paths[math.random(#paths)])\n"
        "end\n"
    )


def rotation_script(paths) -> str:
    """The paths in turn, wrk's two threads half the list apart (not reading in step)."""
    return (
        f"local paths = {lua_list(paths)}\n"
        "local threads = 0\n"
        "setup = function(thread)\n"
        "  thread:set('position', math.floor(threads * #paths / 2))\n"
        "  threads = threads + 1\n"
        "end\n"
        "request = function()\n"
        "  position = position % #paths + 1\n"
        "  return wrk.format('GET', paths[position])\n"
        "end\n"
    )


def lua_list(paths) -> str:
    return "{" + ",".join(f'"{path}"' for path in paths) + "}"


def script_file(source) -> str:
    """A wrk script written to a file of its own; its path."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(source)
    return script.name
