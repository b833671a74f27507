"""The caches: Redis that degrades instead of failing (several machines), diskcache's SQLite
files with their connections kept open (one machine), each process's own memory for
renditions, and site-wide objects kept in each process between requests.

`ResilientRedisCache`: every page reads the cache (Wagtail keeps the site root paths there;
the page cache keeps whole pages), so with Django's `RedisCache` an unreachable Redis
answers every request with a 500. Here a Redis error is a cache miss (reads) or a no-op
(writes): pages are served uncached, and one warning is logged at most once a minute per
process (Django makes a cache object per thread, so the clock is the module's, not the
object's). After a failure Redis is left alone for `RETRY_SECONDS`, so a Redis that times
out does not add its timeout to every request.
"""

import contextlib
import copy
import functools
import logging
import threading
import time
import uuid
from contextvars import ContextVar

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction

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
    """Renditions in each process's memory (`RENDITIONS_CACHE`), kept as objects rather than
    pickled: unpickling a story's dozen on every render cost 0.5 ms. A rendition is kept as
    it was given, so what the page that made it works out (its URL) is kept with it; each
    read gets its own copy (Django copies a model's state with it), because Wagtail gives a
    rendition read from the cache the picture it was asked through, with that use's alt text.

    Wagtail writes every rendition it hands out back to the cache, those it has just read
    from it too: a rendition already held is only given its time again; one that is new (or
    expired meanwhile) is stored. The methods below are LocMemCache's without the pickling.
    """

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return copy.copy(value)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if not self._has_expired(key):
                return False
            self._set(key, value, timeout)
            return True

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        new = {key: value for key, value in data.items() if not self.touch(key, timeout, version)}
        return super().set_many(new, timeout, version) if new else []


class SiteObjectsCache(BaseCache):
    """Site-wide objects (the site and its home page, the news index, view restrictions,
    police forces, measures, published helplines, the site's identity), kept in the shared
    cache (`LOCATION` names its alias) and in each process's memory between requests.

    Every page reads several of them: from the shared cache that is a round trip and an
    unpickle of every object each time, a dozen times for a story. Here a process keeps what
    a request read, tagged with the site-objects version that request began with: a token in
    the shared cache, read once per request (`for_request`, in `newsroom.middleware`).
    Forgetting any of them (`delete`, `delete_many`, `clear`) writes a new token, now and
    again once the transaction commits (a request between the two may have read the old
    rows), so every process reads them afresh at its next request. Outside a request (the
    task worker, commands) nothing is kept. The kept objects are shared by a process's
    threads: pages read them and never change them.
    """

    VERSION_KEY = "newsroom:site-objects-version"
    _kept: dict[str, tuple[str, object]] = {}
    _request_version: ContextVar[str | None] = ContextVar("site_objects_version", default=None)
    _missing = object()

    def __init__(self, location, params):
        super().__init__(params)
        self._alias = location

    @property
    def _shared(self):
        return caches[self._alias]

    @classmethod
    @contextlib.contextmanager
    def for_request(cls, alias: str = "site_objects"):
        """Within: what the process kept under the shared cache's current version is used."""
        shared = caches[alias]._shared
        version = shared.get(cls.VERSION_KEY)
        if version is None:
            shared.add(cls.VERSION_KEY, uuid.uuid4().hex, None)
            version = shared.get(cls.VERSION_KEY)
        token = cls._request_version.set(version)
        try:
            yield
        finally:
            cls._request_version.reset(token)

    def get(self, key, default=None, version=None):
        request_version = self._request_version.get()
        if request_version is not None:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == request_version:
                return kept[1]
        value = self._shared.get(key, self._missing)
        if value is self._missing:
            return default
        if request_version is not None:
            self._kept[key] = (request_version, value)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._shared.set(key, value, timeout)
        request_version = self._request_version.get()
        if request_version is not None:
            self._kept[key] = (request_version, value)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._shared.add(key, value, timeout)

    def delete(self, key, version=None):
        self.delete_many([key])

    def delete_many(self, keys, version=None):
        def forget():
            self._shared.delete_many(keys)
            self._shared.set(self.VERSION_KEY, uuid.uuid4().hex, None)

        forget()
        # Again once the transaction commits; outside one there is nothing to wait for (and
        # on_commit would run it at once, a second time).
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(forget)

    def clear(self):
        self._kept.clear()
        self._shared.delete(self.VERSION_KEY)
