"""Health checks for the proxy or orchestrator in front of the app servers.

`/healthz`: the process is up and answering (no database, no cache: a restart will not fix
those). `/readyz`: the database, the cache and the media storage can be reached; 503 with
the one that failed, so a load balancer sends readers elsewhere and a person knows where to
look. A cache that is down is reported but is not fatal: pages are then served uncached.
`/readyz` also reports how many seconds ago a task worker last beat (`null` if none has
since the cache began): a figure a monitor can alert on; the site serves pages without it.
"""

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from statistics.heartbeat import worker_heartbeat_age


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def _cache() -> bool:
    available = getattr(cache, "is_available", None)
    if available is not None:
        return available()
    cache.set("readyz", "ok", 5)
    return cache.get("readyz") == "ok"


def _storage() -> bool:
    try:
        default_storage.exists("readyz-probe")
    except Exception:  # any backend's error (OSError, botocore's, …) means not reachable
        return False
    return True


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}
FATAL = {"database", "storage"}


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    results = {name: ("ok" if check() else "failed") for name, check in CHECKS.items()}
    ready = all(results[name] == "ok" for name in FATAL)
    return JsonResponse(
        {
            "status": "ok" if ready else "failed",
            "checks": results,
            "worker_heartbeat_seconds": worker_heartbeat_age(),
        },
        status=200 if ready else 503,
    )
