"""The cache settings fail loudly at start when a purger is named without what it needs."""

import pytest

from tests.test_settings import import_settings

SECRET = {"SECRET_KEY": "x" * 50}


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"CACHE_PURGER": "squid"}, "CACHE_PURGER is 'squid'"),
        ({"CACHE_PURGER": "varnish"}, "needs CACHE_PURGE_URLS"),
        ({"CACHE_PURGER": "fastly", "FASTLY_SERVICE_ID": "svc"}, "needs FASTLY_API_TOKEN"),
        ({"CACHE_PURGER": "cloudflare"}, "needs CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN"),
    ],
)
def test_a_purger_without_its_settings_stops_the_start(environment, message):
    result = import_settings(**SECRET, **environment)
    assert result.returncode != 0
    assert message in result.stderr
