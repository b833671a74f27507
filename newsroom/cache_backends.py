"""The production caches: Redis that degrades instead of failing (several machines),
diskcache's SQLite files with their connections kept open (one machine), and each process's
own memory for renditions.

`ResilientRedisCache`: every page reads the cache (Wagtail keeps the site root paths there;
the page cache keeps whole pages), so with Django's `RedisCache` an unreachable Redis
answers every request with a 500. Here a Redis error is a cache miss (reads) or a no-op
(writes): pages are served uncached, and one warning is logged at most once a minute per
process (Django makes a cache object per thread, so the clock is the module's, not the
object's). After a failure Redis is left alone for `RETRY_SECONDS`, so a Redis that times
out does not add its timeout to every request.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from diskcache import DjangoCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARN_EVERY_SECONDS = 60
RETRY_SECONDS = 5
_warning = {"at": float("-inf"), "lock": threading.Lock()}


def warn_once_a_minute(error) -> None:
    with _warning["lock"]:
        now = time.monotonic()
        if now - _warning["at"] < WARN_EVERY_SECONDS:
            return
        _warning["at"] = now
    logger.warning("Redis cache unavailable, serving uncached: %s", error)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _failed(self, error):
        self._down_until = time.monotonic() + RETRY_SECONDS
        warn_once_a_minute(error)

    def is_available(self) -> bool:
        """Whether Redis answers now (for the readiness check)."""
        try:
            self._cache.get_client().ping()
        except RedisError as error:
            self._failed(error)
            return False
        self._down_until = 0.0
        return True


def _degrading(name, fallback):
    """Wrap RedisCache.`name` so that a Redis error returns `fallback(*args, **kwargs)`."""
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            self._failed(error)
            return fallback(*args, **kwargs)

    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


for _name, _fallback in {
    "get": _default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda data, *args, **kwargs: list(data),
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: False,
    # A version counter that cannot be bumped: nothing was cached to forget either.
    "incr": lambda key, delta=1, *args, **kwargs: delta,
    "decr": lambda key, delta=1, *args, **kwargs: -delta,
}.items():
    setattr(ResilientRedisCache, _name, _degrading(_name, _fallback))


class DiskCache(DjangoCache):
    """diskcache's Django cache (one machine without Redis), its SQLite connections kept for
    the life of each thread. Django closes every cache it used at the end of each request,
    which for diskcache closes the connection of each shard: the next request opened them
    again, with their settings read and applied, 0.4 ms of CPU a shard, where a read takes
    0.01 ms. diskcache opens a connection per thread and process, so none is shared."""

    def close(self, **kwargs):
        pass


class RenditionsCache(LocMemCache):
    """Renditions in each process's memory (`RENDITIONS_CACHE`). Wagtail writes every rendition
    it hands out back to the cache, those it has just read from it too: a story's dozen were
    pickled again on every render. A rendition already held is only given its time again;
    one that is new (or expired meanwhile) is stored."""

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        new = {key: value for key, value in data.items() if not self.touch(key, timeout, version)}
        return super().set_many(new, timeout, version) if new else []
