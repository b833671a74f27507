"""The task worker's heartbeat, so an import whose worker died is known within a minute.

A worker killed mid-import (SIGKILL, out of memory, a host restart) leaves its import
"Checking" or "Importing" with nothing to say otherwise: progress is written inside the
import's transaction, unseen until it commits. So a worker process, from its first task
on, keeps a thread that writes every `BEAT_SECONDS` to the shared cache (Redis, or files on
one machine) when it was last alive, and when each import it is running was. An import
whose heartbeat is older than `STOPPED_AFTER_SECONDS` has lost its worker and is marked
failed; an import with no heartbeat (queued, or the cache forgot) falls back to the
30-minute rule. `/readyz` reports the worker's heartbeat age.

Tasks run inline (the immediate backend: development, tests) have no worker to lose: no
thread is started there and imports record no heartbeat.
"""

import contextlib
import logging
import threading
import time

from django.core.cache import cache

from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

BEAT_SECONDS = 5
STOPPED_AFTER_SECONDS = 30
KEEP_SECONDS = 24 * 60 * 60
WORKER_KEY = "tasks:worker-heartbeat"
IMPORT_KEY = "statistics:import-heartbeat:{pk}"

_beating = {"thread": None, "imports": set()}
_lock = threading.Lock()


def _beat_once() -> None:
    now = time.time()
    with _lock:
        running = list(_beating["imports"])
    cache.set_many(
        {WORKER_KEY: now} | {IMPORT_KEY.format(pk=pk): now for pk in running}, KEEP_SECONDS
    )


def _beat_forever() -> None:
    while True:
        try:
            _beat_once()
        except Exception:  # a cache that fails now may answer at the next beat
            logger.exception("Worker heartbeat not recorded")
        time.sleep(BEAT_SECONDS)


def in_worker() -> bool:
    thread = _beating["thread"]
    return thread is not None and thread.is_alive()


def start_beating(sender, **kwargs) -> None:
    """The `task_started` handler: a worker process starts its heartbeat with its first task."""
    backend = sender if isinstance(sender, type) else type(sender)  # db_worker sends the backend
    if issubclass(backend, ImmediateBackend) or in_worker():
        return
    with _lock:
        if _beating["thread"] is None or not _beating["thread"].is_alive():
            _beating["thread"] = threading.Thread(
                target=_beat_forever, name="worker-heartbeat", daemon=True
            )
            _beating["thread"].start()


@contextlib.contextmanager
def import_running(pk: int):
    """The heartbeat names import `pk` while the block runs (in a worker)."""
    if not in_worker():
        yield
        return
    with _lock:
        _beating["imports"].add(pk)
    _beat_once()
    try:
        yield
    finally:
        with _lock:
            _beating["imports"].discard(pk)
        cache.delete(IMPORT_KEY.format(pk=pk))


def import_stopped(pk: int) -> bool:
    """Whether import `pk`'s worker has stopped beating (False when it never beat)."""
    last = cache.get(IMPORT_KEY.format(pk=pk))
    return last is not None and time.time() - last > STOPPED_AFTER_SECONDS


def worker_heartbeat_age() -> float | None:
    """Seconds since a task worker last beat, or None if none has since the cache began."""
    last = cache.get(WORKER_KEY)
    return None if last is None else round(time.time() - last, 1)
