"""The bench's figures through a real Varnish with the shipped deploy/varnish.vcl.

- Cached article pages: Varnish is warmed over the load's articles, then
  loaded with wrk in the same rounds as the pages gunicorn serves (run.py).
- A breaking-news run: 1,000 articles read in rotation through Varnish while
  one of them is edited every second through the application (a save in a
  transaction: after commit the site purges Varnish by surrogate key,
  delivery/purge.py); each edit is timed from the save until a reader gets
  the new headline from Varnish.

Hit rates are Varnish's own counters (MAIN.cache_hit, MAIN.cache_miss) over
each load. varnishd and the xkey module are Debian's varnish and
varnish-modules, installed with apt-get where missing and allowed; without
them these figures are skipped, with the reason.
"""

import random
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.wrk import Load, rotation_script, script_file, wrk
from tests.delivery.varnish import VarnishServer, ensure_varnish

STORAGE = "malloc,256m"  # room for every page of the load: nothing is evicted
# The readers' pages stay in Varnish until purged (an hour at most), not the
# shipped 60 s: every write of the bench goes through the application, and a
# page must not expire between the warming and the load.
SITE_SETTINGS = {"CACHE_PURGER": "varnish", "CACHE_S_MAXAGE": "3600"}
# What browsers ask for: Varnish keeps pages gzipped (the VCL's do_gzip) and
# unzips them for a client that does not ask for gzip.
BROWSER_HEADERS = ("Accept-Encoding: gzip",)
BREAKING_NEWS_ARTICLES = 1_000
BREAKING_NEWS_SECONDS = 20  # one edit a second
GIVE_UP = 10  # seconds an edit may take to show before it counts as never shown


def missing() -> str | None:
    """Why Varnish cannot be run here, or None when it can (installing it if need be)."""
    return ensure_varnish()


def site_settings(varnish_url) -> dict[str, str]:
    """The environment of a site behind this Varnish: it purges there after each change."""
    return {**SITE_SETTINGS, "CACHE_PURGE_URLS": varnish_url}


def start(*, port, backend_port) -> VarnishServer:
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-varnish-"))
    return VarnishServer(port=port, backend_port=backend_port, workdir=workdir, storage=STORAGE)


def stop(varnish) -> None:
    varnish.stop()
    shutil.rmtree(varnish.vcl.parent)  # its working directory: the VCL, log and counters


COUNTERS = ["MAIN.cache_hit", "MAIN.cache_miss", "MAIN.n_expired"]  # purged pages expire


def cache_counters(varnish) -> Counter:
    """Varnish's hits, misses and pages removed since it started, once they have settled.

    A Varnish worker adds its connection's hits and misses to the counters
    when the connection closes: after a load, they are read until they stop moving.
    """
    counters, previous = read_counters(varnish), None
    for _ in range(20):
        if counters == previous:
            break
        time.sleep(0.5)
        counters, previous = read_counters(varnish), counters
    return counters


def read_counters(varnish) -> Counter:
    output = subprocess.run(
        ["varnishstat", "-1", "-n", str(varnish.instance)]
        + [option for counter in COUNTERS for option in ["-f", counter]],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Counter({line.split()[0]: int(line.split()[1]) for line in output.splitlines()})


def hit_rate(counted: Counter) -> float:
    """Hits per hundred lookups, from counter deltas."""
    lookups = counted["MAIN.cache_hit"] + counted["MAIN.cache_miss"]
    return 100 * counted["MAIN.cache_hit"] / lookups if lookups else 0


def warm(varnish, paths, threads=4) -> None:
    """Ask Varnish for every path once, so that it holds them all."""

    def fetch(path):
        with urllib.request.urlopen(varnish.url + path, timeout=30) as response:  # noqa: S310
            response.read()

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fetch, paths))


def load(varnish, seconds, script, headers=BROWSER_HEADERS) -> tuple[Load, Counter]:
    """wrk through Varnish, and what Varnish counted meanwhile."""
    before = cache_counters(varnish)
    result = wrk(varnish.url, seconds, script, headers)
    return result, cache_counters(varnish) - before


@dataclass(frozen=True)
class BreakingNews:
    load: Load
    counted: Counter  # what Varnish counted over the run
    delays: list[float | None]  # seconds from each save until Varnish served it; None: never


def breaking_news(varnish, articles) -> BreakingNews:
    """Read the articles in rotation through Varnish while one is edited every second.

    The reading starts once the first edit shows: what a warm Varnish serves
    before any edit is the cached figure, not this one.
    """
    from django.test import override_settings

    from articles.models import Article

    paths = [article.get_absolute_url() for article in articles]
    warm(varnish, paths)
    edited = random.Random(7).sample(articles, BREAKING_NEWS_SECONDS)
    originals = {article.pk: article.headline for article in edited}
    script = script_file(rotation_script(paths))
    before = cache_counters(varnish)
    started = time.monotonic()
    try:
        # The bench's own process edits, as an editor's request in gunicorn would.
        with (
            override_settings(CACHE_PURGER="varnish", CACHE_PURGE_URLS=[varnish.url]),
            ThreadPoolExecutor(1) as reader,
        ):
            delays = [edit(varnish, edited[0])]
            reading = reader.submit(
                wrk, varnish.url, BREAKING_NEWS_SECONDS, script, BROWSER_HEADERS
            )
            for number, article in enumerate(edited[1:], start=1):
                time.sleep(max(0, started + number - time.monotonic()))
                delays.append(edit(varnish, article))
            result = reading.result()
    finally:
        for pk, headline in originals.items():
            Article.objects.filter(pk=pk).update(headline=headline)
    return BreakingNews(result, cache_counters(varnish) - before, delays)


def edit(varnish, article) -> float | None:
    """Give the article a new headline; seconds until a reader gets it through Varnish."""
    from django.db import transaction

    news = f"Kabar terkini {secrets.token_hex(4)}"  # no other headline can pass for it
    saved = time.monotonic()
    with transaction.atomic():
        article.headline = f"{news}: {article.headline}"[:200]
        article.save()
    return seconds_until_shown(varnish.url + article.get_absolute_url(), news, saved)


def seconds_until_shown(url, text, since) -> float | None:
    """Seconds from `since` until the page at url shows text; None if it did not in GIVE_UP s."""
    while time.monotonic() < since + GIVE_UP:
        with urllib.request.urlopen(url, timeout=GIVE_UP) as response:  # noqa: S310
            if text in response.read().decode():
                return time.monotonic() - since
        time.sleep(0.01)
    return None
