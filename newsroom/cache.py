"""Redis as the cache, and no cache while Redis cannot be reached.

The cache only ever saves work: every page and every write works without it.
So when Redis stops, each process logs it once, answers every read as a miss
and drops every write, without trying Redis again for RETRY_AFTER seconds (a
request must not wait for a dead server each time); after the pause, the next
call tries again, and once Redis answers it is used as before.

While Redis is away the cache behaves as Django's DummyCache: nothing is
stored, so `add` answers True (no key stood in its way: a caller using it to
go first goes ahead rather than being refused forever) and `incr` finds no
key (ValueError).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class Outage:
    """Whether a Redis server is known to be away; one per server and process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.since = None  # time.monotonic() of the first failure, or None while up
        self.retry_at = 0.0

    def skip(self) -> bool:
        return self.since is not None and time.monotonic() < self.retry_at

    def failed(self, location: str, error: Exception, pause: float) -> None:
        with self.lock:
            self.retry_at = time.monotonic() + pause
            if self.since is None:
                self.since = time.monotonic()
                logger.warning(
                    "Redis at %s cannot be reached (%s): working without a cache, "
                    "trying again every %s seconds",
                    location,
                    error,
                    pause,
                )

    def answered(self, location: str) -> None:
        if self.since is None:
            return
        with self.lock:
            if self.since is not None:
                logger.warning(
                    "Redis at %s answers again after %.0f seconds: the cache is back",
                    location,
                    time.monotonic() - self.since,
                )
                self.since = None


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_of(location: str) -> Outage:
    with _outages_lock:
        return _outages.setdefault(location, Outage())


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.retry_after = float(params.get("RETRY_AFTER", 5))
        self.location = ",".join(self._servers)
        self.outage = outage_of(self.location)
        # A dead server must cost a request a second at most, not a TCP timeout; a
        # connection left broken by a restart is replaced at once.
        self._options = {
            "socket_connect_timeout": 1,
            "socket_timeout": 1,
            "retry_on_error": [RedisConnectionError],
            **self._options,
        }

    def _call(self, method, missed, *args, **kwargs):
        if self.outage.skip():
            return missed()
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as error:
            self.outage.failed(self.location, error, self.retry_after)
            return missed()
        self.outage.answered(self.location)
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, lambda: True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, lambda: _missing(key), key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, lambda: None, keys, version)

    def clear(self):
        return self._call(super().clear, lambda: False)


def _missing(key):
    raise ValueError(f"Key '{key}' not found")  # as incr() on a key the cache has not
