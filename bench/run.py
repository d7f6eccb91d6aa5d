"""`make bench`: related-news latency and article-page throughput on a large newsroom.

Seeds a scratch database (newsroom_bench) with `seed_bulk`, then prints:
- the related-news query's p50/p95/p99 over random published articles;
- SQL queries per article page;
- article pages per second served by gunicorn, next to a hello-world Django view
  served by the same gunicorn in the same run, and their ratio: the two are
  loaded in turns, a few rounds, and the median is given with each round's figure;
- through a real Varnish in front of that gunicorn (bench/varnish.py): the same
  article pages once cached, loaded in the same rounds, with Varnish's hit rate;
  and a breaking-news run, 1,000 articles read while one is edited every second,
  with the hit rate, the errors and how long each edit took to show.

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
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench import varnish
from bench.wrk import Load, random_paths_script, script_file, wrk

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
    varnish_missing = varnish.missing()
    rounds, breaking = serve_and_load(article_ids, options, with_varnish=not varnish_missing)

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
    hello = [each.hello for each in rounds]
    article = [each.article for each in rounds]
    ratios = [100 * each.article / each.hello for each in rounds]
    print(f"    hello-world view: {per_round(hello, '{:,.0f}')} requests/s")
    print(
        f"    article page (no page cache; {len(article_ids):,} random articles): "
        f"{per_round(article, '{:,.0f}')} requests/s"
    )
    print(f"    article page / hello-world: {per_round(ratios, '{:.1f}')} %")
    if varnish_missing:
        print(f"  Varnish figures skipped: {varnish_missing}")
    else:
        print_cached(rounds)
        print_breaking_news(breaking)


def per_round(values, form):
    """The median, then each round's value: '14.2 (13.9, 14.2, 15.0)'."""
    each = ", ".join(form.format(value) for value in values)
    return f"{form.format(statistics.median(values))} (rounds: {each})"


def print_cached(rounds):
    """The cached article pages through Varnish, against hello-world, and the hit rate."""
    for label, load in [
        ("asked for gzip as browsers do", "cached"),
        ("asked for no compression", "cached_plain"),
    ]:
        served = [getattr(each, load).requests_per_second for each in rounds]
        times = [rps / each.hello for rps, each in zip(served, rounds, strict=True)]
        print(
            f"    article page through Varnish, cached (the same articles), {label}: "
            f"{per_round(served, '{:,.0f}')} requests/s, "
            f"{per_round(times, '{:.1f}')} times hello-world"
        )
    counted = sum((each.counted for each in rounds), Counter())
    errors = sum(each.cached.errors + each.cached_plain.errors for each in rounds)
    print(
        f"    Varnish over these runs: hit rate {varnish.hit_rate(counted):.2f} %, {errors} errors"
    )


def print_breaking_news(breaking):
    """The reading, its errors and how long each edit took to show."""
    counted, load, edits = breaking.counted, breaking.load, len(breaking.delays)
    print(
        f"  breaking news through Varnish: {varnish.BREAKING_NEWS_ARTICLES:,} articles read "
        f"in rotation (wrk, 16 connections, gzip) for {varnish.BREAKING_NEWS_SECONDS} s "
        f"from the first edit on, one edited through the site every second ({edits} edits):"
    )
    print(
        f"    {load.requests_per_second:,.0f} requests/s; "
        f"hit rate {varnish.hit_rate(counted):.2f} % ({counted['MAIN.cache_hit']:,} hits, "
        f"{counted['MAIN.cache_miss']:,} misses); "
        f"the {edits} edits purged {counted['MAIN.n_expired']:,} pages"
    )
    print(f"    errors: {load.non_2xx} non-2xx responses, {load.socket_errors} socket errors")
    shown = [delay for delay in breaking.delays if delay is not None]
    delays = (
        f"p50 {1000 * statistics.median(shown):.0f} ms, max {1000 * max(shown):.0f} ms"
        if shown
        else "none"
    )
    never = edits - len(shown)
    if never:
        delays += f"; {never} not shown within {varnish.GIVE_UP} s"
    print(f"    edit to visible through Varnish: {delays}")


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


@dataclass(frozen=True)
class Round:
    hello: float  # requests/s
    article: float
    cached: Load | None  # the article pages through Varnish, asked for gzip
    cached_plain: Load | None  # the same, asked for no compression
    counted: Counter  # Varnish's counters over the two


def serve_and_load(article_ids, options, *, with_varnish):
    """The rounds of load; the breaking-news run (None without Varnish)."""
    from django.db import connection

    from articles.models import Article

    paths = [article.get_absolute_url() for article in Article.objects.filter(pk__in=article_ids)]
    connection.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    varnish_port = free_port()
    environment = {**os.environ}
    if with_varnish:
        environment.update(varnish.site_settings(f"http://127.0.0.1:{varnish_port}"))
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
        env=environment,
    )
    cache = None
    try:
        wait_until_up(f"{base}/bench/hello/")
        script = script_file(random_paths_script(paths))
        if with_varnish:
            cache = varnish.start(port=varnish_port, backend_port=port)
            varnish.warm(cache, paths)
        # The machine may be shared: the pages are loaded in turns, so that each
        # round's ratios compare them under the same conditions.
        requests_per_second(f"{base}/bench/hello/", 3)
        requests_per_second(base, 3, script)
        rounds = []
        for _round in range(options.rounds):
            hello = requests_per_second(f"{base}/bench/hello/", options.seconds)
            article = requests_per_second(base, options.seconds, script)
            if cache:
                cached, counted = varnish.load(cache, options.seconds, script)
                plain, counted_plain = varnish.load(cache, options.seconds, script, headers=())
                rounds.append(Round(hello, article, cached, plain, counted + counted_plain))
            else:
                rounds.append(Round(hello, article, None, None, Counter()))
        breaking = None
        if cache:
            breaking = varnish.breaking_news(
                cache,
                list(Article.objects.filter(pk__in=article_ids[: varnish.BREAKING_NEWS_ARTICLES])),
            )
    finally:
        if cache:
            varnish.stop(cache)
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    return rounds, breaking


def requests_per_second(url, seconds, script=None):
    """What gunicorn serves; a page that failed stops the bench."""
    load = wrk(url, seconds, script)
    if load.non_2xx:
        raise SystemExit(f"{load.non_2xx} requests to {url} failed")
    return load.requests_per_second


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
