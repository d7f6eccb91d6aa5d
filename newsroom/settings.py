"""Settings for Newsroom, read from the environment (see README, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.database import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (or set DEBUG=true for local development)."
        )
    SECRET_KEY = "development-only-key-never-used-with-debug-off"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, so that its admin/base_site.html (the moderation count) is found.
    "comments",
    # Before the admin too (the count of articles waiting for review); it extends the
    # admin's template and comments extends it, so both counts show.
    "editorial",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "taggit",
    "ckeditor",
    "articles",
    "wire",
    "delivery",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and CSRF: it must see the cookies they set and the Vary they add.
    "delivery.middleware.HttpCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.SiteLanguageMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        # The readers' pages, in the apps' jinja2/ folders; see newsroom/jinja2.py.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "newsroom.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "articles.context_processors.navigation",
                "comments.context_processors.comments",
            ],
        },
    },
    {
        # The admin, form widgets, and the machine-read files (sitemaps, robots.txt).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The database: DATABASE_URL, or an embedded PostgreSQL server started on demand, for
# development and the tests only (`make run`, `make test`): a production server
# without DATABASE_URL must not come up on an empty database of its own.
DATABASE_URL = os.environ.get("DATABASE_URL") or None
EMBEDDED_POSTGRES = env_bool("EMBEDDED_POSTGRES", DEBUG)
if not DATABASE_URL and not EMBEDDED_POSTGRES:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Set the DATABASE_URL environment variable to the "
        "PostgreSQL database's URL, e.g. postgres://newsroom:password@db.internal:5432/newsroom "
        "(or set EMBEDDED_POSTGRES=true, or DEBUG=true, to start a local server under .data/)."
    )
DATABASES = {
    "default": database_settings(
        DATABASE_URL,
        data_dir=Path(os.environ.get("EMBEDDED_POSTGRES_DIR") or BASE_DIR / ".data" / "postgres"),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis as the shared cache (optional). When Redis stops, the site carries on with no
# cache: each process logs it once and tries Redis again every RETRY_AFTER seconds
# (newsroom/cache.py).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "RETRY_AFTER": float(os.environ.get("REDIS_RETRY_AFTER", 5)),
        }
    }

# Logins (the admin's): after LOGIN_FAILURE_LIMIT wrong passwords for one user
# from one address, that user is refused from that address, even with the right
# password, until LOGIN_COOLOFF_MINUTES have passed with no new attempt
# (django-axes, counting in the database, so every process sees the same count).
# The address is the client's (newsroom/client_address.py), never a header a
# client wrote. `manage.py axes_reset_username <name>` lifts a lockout early.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "newsroom.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.views.login_locked_out"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site speaks Indonesian first; English is the second language.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Let Django serve uploaded photos itself (development, tests, a one-machine demo).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: Django's own ceilings, a little above the photo limit below.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Photos: what an editor may upload, and the widths served to readers.
PHOTO_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTO_MAX_UPLOAD_BYTES", 15 * 1024 * 1024))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", 40_000_000))
PHOTO_RENDITION_WIDTHS = [320, 640, 960, 1280]

NEWSROOM_SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")

# Wire ingest (wire/): limits on what is fetched from an agency, and how agencies are credited.
# An agency on the newsroom's own network (or a test's local server) needs
# WIRE_ALLOW_PRIVATE_ADDRESSES=true: otherwise loopback and private addresses are refused.
WIRE_ALLOW_PRIVATE_ADDRESSES = env_bool("WIRE_ALLOW_PRIVATE_ADDRESSES")
WIRE_FETCH_TIMEOUT = float(os.environ.get("WIRE_FETCH_TIMEOUT", 20))  # seconds, whole fetch
# The largest agency document (feed, ninjs, NewsML-G2) fetched, uploaded or read.
WIRE_MAX_DOCUMENT_BYTES = int(os.environ.get("WIRE_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024))
WIRE_MAX_PICTURE_BYTES = int(os.environ.get("WIRE_MAX_PICTURE_BYTES", 20 * 1024 * 1024))
# "Xinhua/<site name>" in an ingested story's source agencies, rather than "Xinhua".
WIRE_AGENCY_WITH_SITE_NAME = env_bool("WIRE_AGENCY_WITH_SITE_NAME", True)
# Wire sources configured in the admin may name files only inside this folder
# (an agency's drop folder); empty: they must be http(s) addresses.
WIRE_FILE_SOURCES_DIR = os.environ.get("WIRE_FILE_SOURCES_DIR", "")
NEWSROOM_PAGE_SIZE = 12
NEWSROOM_RELATED_COUNT = int(os.environ.get("RELATED_COUNT", 4))
# Related-news ranking (see articles/related.py for the formula).
NEWSROOM_RELATED_HALF_LIFE_DAYS = 30
NEWSROOM_RELATED_SECTION_BONUS = 0.25
NEWSROOM_RELATED_CANDIDATES_PER_TAG = 100
NEWSROOM_LATEST_COUNT = 5
# The longest anything may keep a page whose change no signal announces (a write in
# SQL, a data migration, a scheduled article coming due): see articles/caching.py.
NEWSROOM_FRESHNESS_SECONDS = int(os.environ.get("FRESHNESS_SECONDS", 60))
# The image shared for a page without a photo of its own (og:image, JSON-LD):
# a static file's path; its size is read from the file. 1200×630 suits every network.
NEWSROOM_DEFAULT_SHARE_IMAGE = os.environ.get("DEFAULT_SHARE_IMAGE", "img/share-default.png")
# Search: PostgreSQL's text search configuration for the articles' language (its
# Snowball stemmer finds "pembangunan" for "membangun"). The search trigger reads
# it when migrated; after changing it, run `manage.py rebuild_search_index`.
NEWSROOM_SEARCH_CONFIG = "indonesian"
NEWSROOM_SEARCH_MAX_LENGTH = 200  # characters of a query; the rest is cut off
# Editing presence (editorial/presence.py): an article's form names those who had it
# open within this many minutes ("Being edited by …").
NEWSROOM_PRESENCE_MINUTES = float(os.environ.get("PRESENCE_MINUTES", 5))

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRING_FROM_TAGS = "articles.tags.tags_to_string"
# The language the articles are written in, whatever the interface language.
NEWSROOM_CONTENT_LANGUAGE = os.environ.get("CONTENT_LANGUAGE", "id")

# The body is edited with CKEditor behind one seam (articles/editor.py).
CKEDITOR_BASEPATH = f"{STATIC_URL}ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "article_body": {
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "Strike"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        "removePlugins": "exportpdf",
        "versionCheck": False,
    }
}
# django-ckeditor bundles CKEditor 4.22.1, which is no longer supported upstream
# (ckeditor.W001). We keep it for now because the issue asks for it; the
# mitigations are in the README ("About CKEditor 4"): every body is sanitized
# with nh3 on save, the upload view is not routed, and the widget sits behind
# articles/editor.py so another editor can replace it without a migration.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# Reader comments (comments/): what the defences allow; see README, "Comments".
COMMENTS_MIN_INTERVAL = int(os.environ.get("COMMENTS_MIN_INTERVAL", 15))  # seconds between two
COMMENTS_PER_HOUR = int(os.environ.get("COMMENTS_PER_HOUR", 5))  # from one address
COMMENTS_FORM_MIN_SECONDS = float(os.environ.get("COMMENTS_FORM_MIN_SECONDS", 3))
COMMENTS_FORM_MAX_AGE = 6 * 3600  # seconds a page's form stays valid
COMMENTS_MAX_LINKS = 2  # more links than this send a comment to spam
COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENTS_CLOSE_AFTER_DAYS", 30)) or None
COMMENTS_TRUST_APPROVED_EMAILS = env_bool("COMMENTS_TRUST_APPROVED_EMAILS")
COMMENTS_NOTIFY_INTERVAL = 300  # seconds between two e-mails to the moderators
# Seconds between two e-mails telling the editors that articles wait for review.
EDITORIAL_REVIEW_NOTIFY_INTERVAL = int(os.environ.get("REVIEW_NOTIFY_INTERVAL", 300))

NEWSROOM_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redaksi@localhost")

# The client's address (newsroom/client_address.py), for comment limits and login
# lockouts. Set CLIENT_IP_HEADER to e.g. "HTTP_X_FORWARDED_FOR" only behind a proxy
# that sets it; TRUSTED_PROXIES are the proxies whose entries in it are believed.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER") or None
TRUSTED_PROXIES = env_list(
    "TRUSTED_PROXIES",
    "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7",
)

# Behind a proxy that terminates HTTPS and sets X-Forwarded-Proto (and only then),
# so that absolute URLs in feeds, sitemaps and share links read https://. The site
# is then HTTPS only: plain-HTTP requests are redirected (but the health check, for
# a load balancer or a service manager asking over the internal network), and
# browsers are told by HSTS never to use HTTP again for SECURE_HSTS_SECONDS.
# `manage.py check --deploy` then has nothing to warn about.
if env_bool("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        # Asking browsers to preload the domain is the owner's decision (it is hard
        # to undo), not a default: the check's reminder of it is silenced.
        SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]

# The readers' pages load only the site's own files (photos from MEDIA_URL too: add
# the storage's host here when photos move to object storage).
NEWSROOM_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# The HTTP cache in front (delivery/, deploy/README.md). Readers' pages are public
# for CACHE_MAX_AGE seconds in browsers and CACHE_S_MAXAGE in the shared cache, which
# is purged by surrogate key when content changes through the application. A change
# made any other way (SQL, update()) waits for s-maxage: keep it within the freshness
# bound (60 s) unless every write goes through the application.
CACHE_MAX_AGE = int(os.environ.get("CACHE_MAX_AGE", 30))
CACHE_S_MAXAGE = int(os.environ.get("CACHE_S_MAXAGE", 60))
# varnish (PURGE to every CACHE_PURGE_URLS address), fastly, cloudflare, or empty: none.
CACHE_PURGE_URLS = env_list("CACHE_PURGE_URLS")
CACHE_PURGER = os.environ.get("CACHE_PURGER", "varnish" if CACHE_PURGE_URLS else "").lower()
CACHE_PURGE_RETRY_DELAYS = [0.5, 2, 8]  # seconds before each new try of a failed purge
FASTLY_SERVICE_ID = os.environ.get("FASTLY_SERVICE_ID", "")
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")
FASTLY_API_URL = os.environ.get("FASTLY_API_URL", "https://api.fastly.com")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")
CLOUDFLARE_API_URL = os.environ.get("CLOUDFLARE_API_URL", "https://api.cloudflare.com")
_PURGER_NEEDS = {
    "varnish": {"CACHE_PURGE_URLS": CACHE_PURGE_URLS},
    "fastly": {"FASTLY_SERVICE_ID": FASTLY_SERVICE_ID, "FASTLY_API_TOKEN": FASTLY_API_TOKEN},
    "cloudflare": {
        "CLOUDFLARE_ZONE_ID": CLOUDFLARE_ZONE_ID,
        "CLOUDFLARE_API_TOKEN": CLOUDFLARE_API_TOKEN,
    },
    "": {},
}
if CACHE_PURGER not in _PURGER_NEEDS:
    raise ImproperlyConfigured(
        f"CACHE_PURGER is {CACHE_PURGER!r}; "
        "set it to varnish, fastly, cloudflare, or leave it empty."
    )
_missing = [name for name, value in _PURGER_NEEDS[CACHE_PURGER].items() if not value]
if _missing:
    raise ImproperlyConfigured(f"CACHE_PURGER={CACHE_PURGER} needs {' and '.join(_missing)}.")
# The surrogate-key headers sent: xkey for Varnish, Surrogate-Key for Fastly,
# Cache-Tag for Cloudflare (comma-separated; the others space-separated).
CACHE_SURROGATE_HEADERS = env_list(
    "CACHE_SURROGATE_HEADERS",
    {"fastly": "Surrogate-Key", "cloudflare": "Cache-Tag"}.get(CACHE_PURGER, "xkey"),
)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
