"""Local development: debug on, any local host, a fixed throwaway key."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production-0123456789abcdef"  # noqa: F405
# `make run`'s address, so the Site, sitemaps and feeds name it (SITE_URL= for another).
SITE_URL = SITE_URL or "http://127.0.0.1:8000"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
ALLOWED_HOSTS.append(urlsplit(SITE_URL).hostname)
if not EMAIL_URL:  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Static files are served by runserver and the live test server; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
