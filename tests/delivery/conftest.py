import pytest

from tests.delivery.purge_api import RecordingServer


@pytest.fixture
def purge_api():
    server = RecordingServer().start()
    yield server
    server.stop()


@pytest.fixture
def fast_retries(settings):
    settings.CACHE_PURGE_RETRY_DELAYS = [0.01, 0.01]
