import os
from dataclasses import dataclass

import pytest

from tests.delivery.purge_api import RecordingServer
from tests.delivery.varnish import VarnishServer, ensure_varnish
from tests.server import GunicornServer, free_port


@pytest.fixture
def purge_api():
    server = RecordingServer().start()
    yield server
    server.stop()


@pytest.fixture
def fast_retries(settings):
    settings.CACHE_PURGE_RETRY_DELAYS = [0.01, 0.01]


@pytest.fixture(scope="session")
def varnish_installed():
    problem = ensure_varnish()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The Varnish tests must run in CI: {problem}")
        pytest.skip(problem)


@dataclass
class CachedSite:
    gunicorn: GunicornServer
    varnish: VarnishServer

    @property
    def url(self):
        return self.varnish.url


@pytest.fixture
def start_cached_site(varnish_installed, transactional_db, tmp_path):
    """Start the site behind a real Varnish with deploy/varnish.vcl; stopped after the test."""
    started = []

    def start(*, purged_by_the_site=False, **environment):
        """purged_by_the_site: the site's processes purge this Varnish on their own edits."""
        varnish_port = free_port()
        if purged_by_the_site:
            environment["CACHE_PURGE_URLS"] = f"http://127.0.0.1:{varnish_port}"
        gunicorn = GunicornServer(workers=2, environment=environment)
        started.append(gunicorn)
        varnish = VarnishServer(
            backend_port=gunicorn.port, workdir=tmp_path / "varnish", port=varnish_port
        )
        started.append(varnish)
        return CachedSite(gunicorn, varnish)

    yield start
    for server in reversed(started):
        server.stop()


@pytest.fixture
def cached_site(start_cached_site):
    return start_cached_site()
