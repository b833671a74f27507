"""Production: refuses to start without its secrets, and turns every safety on.

Behind a proxy (nginx, deploy/) that sets `X-Forwarded-Proto`. `SITE_URL` is the public
address; on https (every real deployment) TLS is enforced: redirects, HSTS, secure cookies.
On a plain-http loopback address (`make production`) those stay off, or nothing would work.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    BASE_DIR,
    CACHE_KEY_PREFIX,
    DATABASES,
    RENDITIONS_CACHE,
    SITE_OBJECTS_CACHE,
    SITE_URL,
    env_bool,
    env_list,
)

DEBUG = False

for _name in ("SECRET_KEY", "SITE_URL"):
    if not os.environ.get(_name, "").strip():
        raise ImproperlyConfigured(f"Set the {_name} environment variable for production.")

HTTPS = SITE_URL.startswith("https://")
if not CSRF_TRUSTED_ORIGINS:  # noqa: F405
    CSRF_TRUSTED_ORIGINS = [SITE_URL]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365 * HTTPS)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
# X-Frame-Options is set by newsroom.headers.SecurityHeadersMiddleware, not Django's
# XFrameOptionsMiddleware, which check --deploy looks for. (SAMEORIGIN, set in base, rather
# than DENY: Wagtail's live preview shows the page in a same-origin frame.)
SILENCED_SYSTEM_CHECKS = ["security.W002"]

# whitenoise's compressed copies under hashed names, each URL worked out once per process.
STORAGES["staticfiles"] = {"BACKEND": "newsroom.static_files.StaticFilesStorage"}  # noqa: F405

# Behind nginx on this machine (gunicorn's Unix socket, or loopback): the reader's address
# is the one nginx writes into X-Forwarded-For, believed only from these (docs/security.md).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "unix,127.0.0.1,::1")

# Several processes share one cache: Redis when REDIS_URL is set (several machines), else
# diskcache's SQLite files on this machine, so a purge by the task worker reaches every app
# server process, with connections kept open between requests (newsroom/cache_backends.py).
# (Django's own file cache lists its whole folder on every write when full, so its cost
# grows with the entries.)
if not os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.DiskCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".production" / "cache")),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "SHARDS": 4,
            "OPTIONS": {"size_limit": int(os.environ.get("CACHE_SIZE_MB", "1024")) * 2**20},
        },
        "renditions": RENDITIONS_CACHE,
        "site_objects": SITE_OBJECTS_CACHE,
    }
else:
    WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"

# SQLite (one machine): write-ahead logging, so readers never wait for the task worker.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# Background work queued in the database and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}

if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
