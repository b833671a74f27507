"""Tests: fast password hashing, an in-memory cache, media in a throwaway folder."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key-never-used-in-production-0123456789abcdef"
ALLOWED_HOSTS = ["*"]
# The sign-in throttle is off, and Django's own backend first, so the test client's
# force_login() works; tests/security/ switches the throttle on to test it.
AXES_ENABLED = False
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "axes.backends.AxesStandaloneBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,  # noqa: F405
    },
    "renditions": RENDITIONS_CACHE,  # noqa: F405
    "site_objects": SITE_OBJECTS_CACHE,  # noqa: F405
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files are served by runserver and the live test server; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
# Close connections after each request, so the live server's thread leaves none open
# when the test database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Each test builds its own pages: the page cache is switched on only by the tests about it.
PAGE_CACHE_SECONDS = 0
