"""Settings shared by every environment.

The environment is read here, once, and every default is the safe one: `DEBUG` is off,
and the database is a SQLite file beside the code unless `DATABASE_URL` names another.
"""

import datetime
import os
from pathlib import Path

from wagtail.embeds.oembed_providers import vimeo, youtube

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom",
    "articles",
    "contacts",
    "statistics",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "newsroom.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "newsroom.bad_requests.MalformedFormDataMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Newsroom"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True

# A cache in front of pages (Varnish, nginx, …) is purged when content changes; off unless
# FRONTEND_CACHE_PURGE_URL names its HTTP purge endpoint.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

# --- Security: sign-in throttling, uploads, response headers (docs/security.md) -------------

# Sign-in throttling (django-axes): one username from one address is locked out for
# AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT failed sign-ins; `manage.py axes_reset`
# lifts a lockout. The axes backend comes first so a locked-out sign-in is refused before
# any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.sign_in_throttle.locked_out"
# The client's address: the socket's peer, or, for a request from one of TRUSTED_PROXIES
# (nginx), the address that proxy put last in X-Forwarded-For. None trusted by default.
AXES_CLIENT_IP_CALLABLE = "newsroom.sign_in_throttle.client_ip"
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Uploads. Pictures: no SVG (it can carry scripts), at most 40 megapixels, and a file that
# would decompress past Pillow's own guard is a form error, not a 500. Documents: the listed
# types only, at most DOCUMENT_MAX_UPLOAD_SIZE bytes, always served through Wagtail's view,
# which sends them with Content-Disposition, nosniff and `default-src 'none'`.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "newsroom.uploads.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx"]
DOCUMENT_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_SIZE", str(50 * 1024 * 1024)))
WAGTAILDOCS_DOCUMENT_FORM_BASE = "newsroom.uploads.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# The embed block takes videos from these providers only; the pages' frame-src follows.
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo]},
]
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]

# Content Security Policy (django-csp). Public pages: nothing but this site's own scripts,
# styles and pictures (JSON-LD is data, not script, and is unaffected), and frames from the
# embed providers only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": EMBED_FRAME_SOURCES,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The Wagtail admin (and the previews it shows) under ADMIN_URL_PREFIX: Wagtail 7.4 writes
# inline scripts (inline panels, date pickers, form set-up) and inline style attributes, so
# the admin's enforced policy allows 'unsafe-inline' for those two and holds everything
# else to this site; the strict policy it should reach is sent report-only alongside, to
# CSP_REPORT_URI when set.
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
    },
}
ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY = {
    "DIRECTIVES": {
        **ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF],
        "style-src": [SELF],
        **({"report-uri": env_list("CSP_REPORT_URI")} if os.environ.get("CSP_REPORT_URI") else {}),
    },
}

# No Gravatar pictures for staff in the admin: each would tell gravatar.com who is signed in
# (and need it in the admin's img-src).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Browser features no page here uses, switched off for every response.
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": [], "interest-cohort": []}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_warning": {"()": "newsroom.logs.OneLineWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # A refused Host header: one warning line, no traceback.
        "django.security.DisallowedHost": {"filters": ["one_line_warning"]},
    },
}
