"""`make bench`: related-news latency and article-page throughput on a large newsroom.

Seeds a scratch database (newsroom_bench) with `seed_bulk`, then prints:
- the related-news query's p50/p95/p99 over random published articles;
- SQL queries per article page;
- article pages per second served by gunicorn, next to a hello-world Django view
  served by the same gunicorn in the same run, and their ratio: the two are
  loaded in turns, a few rounds, and the median is given with each round's figure.

This is a benchmark, not a test: it prints figures and fails only if it cannot run.
"""

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "newsroom_bench"
PYTHON = sys.executable
LOAD_ARTICLES = 20_000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=1_000, help="related-news queries timed")
    parser.add_argument("--seconds", type=int, default=5, help="length of each load run")
    parser.add_argument(
        "--rounds", type=int, default=5, help="load runs of each page, taken in turns"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    options = parser.parse_args()

    server = database_server()
    environment = {
        **os.environ,
        "DATABASE_URL": server.url(BENCH_DATABASE),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "MEDIA_ROOT": str(Path(tempfile.gettempdir()) / "newsroom-bench-media"),
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(environment)

    if not (options.reuse and server.has_articles(BENCH_DATABASE, options.articles)):
        server.recreate(BENCH_DATABASE)
        manage("migrate", "--noinput", "-v", "0")
        started = time.monotonic()
        manage("seed_bulk", "--articles", str(options.articles))
        print(f"seed_bulk --articles {options.articles}: {time.monotonic() - started:.1f} s")
    manage("collectstatic", "--noinput", "-v", "0")

    import django

    django.setup()
    # The load runs over many more articles than the site caches fragments for
    # in one run, so nearly every page computes its related news afresh.
    article_ids = sample_published_ids(max(options.samples, LOAD_ARTICLES))
    related_timings = time_related_news(article_ids[: options.samples])
    queries = queries_per_article_page(article_ids[:20])
    rounds = serve_and_load(article_ids, options)

    print()
    print(f"Newsroom benchmark — {options.articles:,} articles, PostgreSQL {server.version()}")
    print(f"  related news, one query, {len(related_timings)} random articles:")
    for label, value in percentiles(related_timings).items():
        print(f"    {label}: {value:.2f} ms")
    print(
        "  SQL queries per article page: "
        f"{'/'.join(map(str, sorted(queries['cold'])))} with the shared fragments not cached, "
        f"{'/'.join(map(str, sorted(queries['warm'])))} once cached"
    )
    print(
        f"  gunicorn, {options.workers} sync workers; wrk, 16 connections; "
        f"{options.rounds} rounds of {options.seconds} s for each page, in turns:"
    )
    hello = [hello_rps for hello_rps, _article_rps in rounds]
    article = [article_rps for _hello_rps, article_rps in rounds]
    ratios = [100 * article_rps / hello_rps for hello_rps, article_rps in rounds]
    print(f"    hello-world view: {per_round(hello, '{:,.0f}')} requests/s")
    print(
        f"    article page (no page cache; {len(article_ids):,} random articles): "
        f"{per_round(article, '{:,.0f}')} requests/s"
    )
    print(f"    article page / hello-world: {per_round(ratios, '{:.1f}')} %")


def per_round(values, form):
    """The median, then each round's value: '14.2 (13.9, 14.2, 15.0)'."""
    each = ", ".join(form.format(value) for value in values)
    return f"{form.format(statistics.median(values))} (rounds: {each})"


class database_server:
    """The PostgreSQL to benchmark on: DATABASE_URL's server, or the embedded one."""

    def __init__(self):
        url = os.environ.get("DATABASE_URL")
        if url:
            self.conninfo = psycopg.conninfo.make_conninfo(url, dbname="postgres")
            self.base_url = url.rsplit("/", 1)[0] + "/{name}"
        else:
            from newsroom.database import start_embedded_postgres

            socket_dir = start_embedded_postgres(ROOT / ".data" / "postgres")
            self.conninfo = f"host={socket_dir} user=postgres dbname=postgres"
            self.base_url = "postgres://postgres@/{name}?host=" + socket_dir

    def url(self, name):
        return self.base_url.format(name=name)

    def recreate(self, name):
        with psycopg.connect(self.conninfo, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')

    def has_articles(self, name, count):
        try:
            with psycopg.connect(psycopg.conninfo.make_conninfo(self.conninfo, dbname=name)) as c:
                return c.execute("SELECT count(*) FROM articles_article").fetchone()[0] >= count
        except psycopg.Error:
            return False

    def version(self):
        with psycopg.connect(self.conninfo) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]


def manage(*arguments):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, check=True)


def sample_published_ids(count):
    from articles.models import Article

    ids = list(Article.objects.published().values_list("pk", flat=True))
    return random.Random(7).sample(ids, min(count, len(ids)))


def time_related_news(article_ids):
    from articles.models import Article
    from articles.related import related_articles

    articles = Article.objects.only("pk", "section_id").in_bulk(article_ids)
    for article_id in article_ids[:50]:  # warm the caches
        related_articles(articles[article_id], limit=4)
    timings = []
    for article_id in article_ids:
        started = time.perf_counter()
        related_articles(articles[article_id], limit=4)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentiles(timings):
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def queries_per_article_page(article_ids):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    client = Client()
    counts = {"cold": set(), "warm": set()}
    for article in Article.objects.filter(pk__in=article_ids):
        cache.clear()
        for state in ["cold", "warm"]:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(article.get_absolute_url())
            assert response.status_code == 200, response.status_code
            counts[state].add(len(captured))
    return counts


def serve_and_load(article_ids, options):
    from django.db import connection

    from articles.models import Article

    paths = [article.get_absolute_url() for article in Article.objects.filter(pk__in=article_ids)]
    connection.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
    )
    try:
        wait_until_up(f"{base}/bench/hello/")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(wrk_script(paths))
        # The machine may be shared: the two pages are loaded in turns, so that each
        # round's ratio compares them under the same conditions.
        wrk(f"{base}/bench/hello/", 3)
        wrk(base, 3, script.name)
        rounds = []
        for _round in range(options.rounds):
            hello = wrk(f"{base}/bench/hello/", options.seconds)
            article = wrk(base, options.seconds, script.name)
            rounds.append((hello, article))
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    return rounds


def wrk_script(paths):
    quoted = ",".join(f'"{path}"' for path in paths)
    return (
        f"local paths = {{{quoted}}}\n"
        "math.randomseed(7)\n"
        "request = function()\n"
        "  return wrk.format('GET', paths[math.random(#paths)])\n"
        "end\n"
    )


def wrk(url, seconds, script=None):
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"Some requests failed:\n{output}")
    for line in output.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise SystemExit(f"Could not read wrk's output:\n{output}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer at {url}")


if __name__ == "__main__":
    main()
