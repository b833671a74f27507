"""Production: refuses to start without its secrets, and turns every safety on.

Behind a TLS-terminating proxy that sets `X-Forwarded-Proto`.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False

for _name in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(_name, "").strip():
        raise ImproperlyConfigured(f"Set the {_name} environment variable for production.")

if not CSRF_TRUSTED_ORIGINS:  # noqa: F405
    CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS]  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Wagtail's live preview shows the page in a same-origin frame, so pages keep SAMEORIGIN
# (set in base) rather than the DENY that check --deploy suggests.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sign-in throttling behind nginx on this machine: the reader's address is the one nginx
# adds to X-Forwarded-For, believed only from these addresses (docs/security.md).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# Several app servers share one cache for redirects when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"
