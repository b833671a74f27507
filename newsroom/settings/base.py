"""Settings shared by every environment.

The environment is read here, once, and every default is the safe one: `DEBUG` is off,
and the database is a SQLite file beside the code unless `DATABASE_URL` names another.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

from wagtail.embeds.oembed_providers import vimeo, youtube

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from newsroom import release

from .email import email_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# The public address (scheme, host, port): the default Site, canonicals, sitemaps, feeds,
# JSON-LD and emails use it whatever Host a request carried (newsroom/site_url.py).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") + ([urlsplit(SITE_URL).hostname] if SITE_URL else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom",
    "api",
    "alerts",
    "articles",
    "contacts",
    "statistics",
    "images",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
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
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "wagtail.api.v2",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    # How many SQL queries a response took, for nginx's request log (newsroom/query_count.py).
    "newsroom.query_count.QueryCountMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content Security Policy, Permissions-Policy and X-Frame-Options (newsroom/headers.py).
    "newsroom.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.site_url.SiteURLMiddleware",
    "newsroom.page_cache.PageCacheMiddleware",
    # The API, embeds and oEmbed: open to every origin for GET, with an ETag (api/headers.py).
    "api.headers.OpenDataMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's messages, their storage made only when used (newsroom/lazy_messages.py).
    "newsroom.lazy_messages.LazyMessageMiddleware",
    # The Wagtail Site of each request from the cache (newsroom/middleware.py).
    "newsroom.middleware.CachedSiteMiddleware",
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
                "newsroom.identity.context_processor",
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
# SQLite (`make run`): a write transaction takes the write lock when it begins, and waits
# up to 20 s for it, so two requests writing at once (a publish and another tab's editing
# ping) queue instead of one failing with "database is locked"; WAL lets readers read while
# one writes.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
# PostgreSQL: no JIT. It switches on for queries the planner thinks dear and compiles for
# longer than the site's queries run (269 of 484 ms on a scan it was meant to speed up).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The running release (newsroom/release.py): every cache key starts with it, so nothing a
# previous release cached (pages, pickled model instances) is ever read after a deploy.
RELEASE = release.current(BASE_DIR)
CACHE_KEY_PREFIX = f"newsroom:{RELEASE}"
# Model instances kept in the cache (the site and its home page, the news index, view
# restrictions, published helplines, forces and measures) are forgotten when they change, and
# in any case after this many seconds.
OBJECT_CACHE_SECONDS = int(os.environ.get("OBJECT_CACHE_SECONDS", "3600"))

# Redis, shared by every app server, when REDIS_URL is set: a Redis that cannot be reached
# means uncached pages, never errors (newsroom/cache_backends.py). Local memory otherwise.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
    }
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
# Wagtail writes each rendition it hands out back to the cache on every render (a dozen
# writes for a story with pictures): kept in each process's memory, those writes cost no
# network or disk, and one already held is not pickled again (newsroom/cache_backends.py).
# A rendition's key names the picture's file and focal point, so a changed picture is never
# served from here; a deleted rendition is forgotten ten minutes after it was last shown.
RENDITIONS_CACHE = {
    "BACKEND": "newsroom.cache_backends.RenditionsCache",
    "LOCATION": "renditions",
    "KEY_PREFIX": CACHE_KEY_PREFIX,
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}
CACHES["renditions"] = RENDITIONS_CACHE
# Site-wide objects (the site, the news index, forces, measures, helplines, …): in the
# default cache, and in each process's memory while nothing of them changes
# (newsroom/cache_backends.py).
SITE_OBJECTS_CACHE = {"BACKEND": "newsroom.cache_backends.SiteObjectsCache", "LOCATION": "default"}
CACHES["site_objects"] = SITE_OBJECTS_CACHE

# Anonymous GETs of public pages are kept this many seconds in the cache above, and shared
# caches (Varnish, a CDN) may keep them as long; 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# How long a reader's browser may reuse a page without asking again.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))

# Background work (Wagtail's search, reference-index and cache-purge tasks, ours): run
# inline by default; production queues them in the database for `manage.py db_worker`.
TASK_BACKEND = os.environ.get("TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
TASKS = {"default": {"BACKEND": TASK_BACKEND}}

# Outgoing mail from EMAIL_URL (newsroom/settings/email.py): SMTP with TLS in production;
# unset, each mail is written to the log (development), and production's deploy check warns.
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
globals().update(email_settings(EMAIL_URL or "console:"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Email alerts (docs/alerts.md): how long a worker holds a batch, the first retry's delay
# (doubling after each failure), and sign-ups and data requests allowed per network address
# an hour and per email address a day.
ALERTS_LEASE_SECONDS = int(os.environ.get("ALERTS_LEASE_SECONDS", "120"))
ALERTS_RETRY_SECONDS = int(os.environ.get("ALERTS_RETRY_SECONDS", "60"))
ALERTS_REQUESTS_PER_IP_PER_HOUR = int(os.environ.get("ALERTS_REQUESTS_PER_IP_PER_HOUR", "20"))
ALERTS_REQUESTS_PER_ADDRESS_PER_DAY = int(
    os.environ.get("ALERTS_REQUESTS_PER_ADDRESS_PER_DAY", "5")
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# The newsroom's words where Wagtail's differ ("Changes requested", not "Rejected").
LOCALE_PATHS = [BASE_DIR / "locale"]
# The date forms staff type ("3 September 2020", "03/09/2020"…): newsroom/dates.py
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Pictures and documents in S3-compatible object storage, shared by every app server, when a
# bucket is named (AWS_S3_ENDPOINT_URL for a store other than AWS; AWS_S3_CUSTOM_DOMAIN for
# the public host, e.g. a CDN). Renditions are stored there too. Pictures are public objects;
# documents private ones, served through Wagtail's view (newsroom/media_storage.py).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_ORIGIN = ""  # where pictures come from when not from this site: allowed by the CSP
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "newsroom.media_storage.MediaStorage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None
    AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    AWS_DEFAULT_ACL = os.environ.get("AWS_DEFAULT_ACL", "public-read")
    AWS_QUERYSTRING_AUTH = False  # public pictures: plain, cacheable URLs (documents: signed)
    AWS_QUERYSTRING_EXPIRE = int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "300"))
    AWS_S3_FILE_OVERWRITE = False  # two app servers never overwrite each other's uploads
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN}"
    elif AWS_S3_ENDPOINT_URL:
        _endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        MEDIA_ORIGIN = f"{_endpoint.scheme}://{_endpoint.netloc}"
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"

WAGTAIL_SITE_NAME = "Newsroom"
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The largest file of figures the admin's import accepts (bytes); larger ones are refused
# before they are read. The command line has no limit.
STATISTICS_IMPORT_MAX_BYTES = int(os.environ.get("STATISTICS_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
# A data page (/statistics/<measure>/) shows at most this many figures: past it, the latest
# periods that fit, and the downloads have every figure.
STATISTICS_PAGE_MAX_FIGURES = int(os.environ.get("STATISTICS_PAGE_MAX_FIGURES", "2000"))
# A spreadsheet (.xlsx, .ods: ZIP archives) is refused before it is parsed if it would unpack
# to more than this in all, or if a part unpacks more than RATIO times its packed size (a zip
# bomb). Measured from the archive's directory, nothing unpacked (statistics/archives.py).
STATISTICS_IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("STATISTICS_IMPORT_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
)
STATISTICS_IMPORT_MAX_RATIO = int(os.environ.get("STATISTICS_IMPORT_MAX_RATIO", "100"))
# The admin's layout step previews a spreadsheet in the web request only below this unpacked
# size; a larger one is read only by the task worker, when it is checked.
STATISTICS_IMPORT_PREVIEW_UNPACKED_BYTES = int(
    os.environ.get("STATISTICS_IMPORT_PREVIEW_UNPACKED_BYTES", 16 * 1024 * 1024)
)
# The task worker's address space may grow by at most this much while it reads an import:
# past it the import fails with a clear message instead of sinking the worker.
STATISTICS_IMPORT_MEMORY_BYTES = int(
    os.environ.get("STATISTICS_IMPORT_MEMORY_BYTES", 1024 * 1024 * 1024)
)
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True
# Topics separated by commas, never quoted: newsroom/tags.py
TAGGIT_TAGS_FROM_STRING = "newsroom.tags.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "newsroom.tags.string_from_tags"

# When content changes, Wagtail's frontend cache purges the pages that show it (as tasks):
# always from our own page cache, and from a cache in front of the site when one is named:
# Varnish or any HTTP PURGE endpoint, Cloudflare, CloudFront. See docs/production.md.
WAGTAILFRONTENDCACHE = {"pages": {"BACKEND": "newsroom.page_cache.PageCachePurgeBackend"}}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
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
# (nginx: addresses, networks, `unix` for a Unix-socket peer), the right-most address in
# X-Forwarded-For that is not a trusted proxy (newsroom/client_address.py). None trusted by
# default; production trusts the local nginx.
# The one way to ask for it, for every layer (the sign-in throttle, the API's throttle, the
# alerts' sign-up limits).
CLIENT_IP_CALLABLE = "newsroom.client_address.client_ip"
AXES_CLIENT_IP_CALLABLE = CLIENT_IP_CALLABLE
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Uploads. Pictures: no SVG (it can carry scripts), at most 40 megapixels, and a file that
# would decompress past Pillow's own guard is a form error, not a 500. Documents: the listed
# types only, at most DOCUMENT_MAX_UPLOAD_SIZE bytes, always served through Wagtail's view,
# which sends them with Content-Disposition, nosniff and `default-src 'none'`.
# Pictures are `images.Picture`: Wagtail's image with a credit (images/models.py).
WAGTAILIMAGES_IMAGE_MODEL = "images.Picture"
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

# --- The read API, embeds and oEmbed (docs/api.md, docs/syndication.md) --------------------

# Anonymous and read-only: no sign-in is read, so a signed-in editor sees what readers see.
# Each client may make API_THROTTLE_RATE requests ("120/minute", "5000/hour"), counted in the
# default cache, and is answered 429 with Retry-After past it (api/policy.py). The client
# is the site's client address (CLIENT_IP_CALLABLE), as for the sign-in throttle.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/minute")
# These are set on the API's own views (api/policy.py), not here: Wagtail's admin API is DRF
# too, and keeps its signed-in user, permissions and no throttle.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
# The OpenAPI schema at /api/schema/ and its page at /api/docs/, with Swagger UI served from
# this site (drf-spectacular-sidecar), never from a CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": "Published stories with their figures resolved, police forces, measures, "
    "sources and figures, and published helplines. Anonymous and read-only.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/",
    "PREPROCESSING_HOOKS": ["api.schema.public_api_only"],
}
# Embedded figures: any site may frame them (their frame-ancestors is *, newsroom/headers.py).
FRAMEABLE_URL_PREFIXES = ["/embed/"]
# Wagtail's API v2 (/api/v2/): at most this many stories or pictures a page.
WAGTAILAPI_LIMIT_MAX = 50

# Content Security Policy (django-csp). Public pages: nothing but this site's own scripts,
# styles and pictures (JSON-LD is data, not script, and is unaffected), and frames from the
# embed providers only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
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
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": []}

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
