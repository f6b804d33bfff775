"""Settings read from the environment, with defaults that let a fresh clone run on SQLite."""

import ipaddress
import os
from datetime import time, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.getenv(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} doit valoir True ou False, pas {value!r}.")


def _envnumber(name, default, kind, what):
    value = os.getenv(name, default)
    try:
        return kind(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} doit être {what}, pas {value!r}.") from None


def envint(name, default):
    return _envnumber(name, default, int, "un nombre entier")


def envfloat(name, default):
    return _envnumber(name, default, float, "un nombre")


def envlist(name, default):
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "True")

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY est obligatoire quand DEBUG vaut False.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

if not DEBUG and not os.getenv("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS est obligatoire quand DEBUG vaut False (ex. : catalogue.cite-educative.fr)."
    )
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "citeeducative.apps.CoordinationAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",
    "django_filters",
    "import_export",
    "simple_history",
    "django_prose_editor",
    "citeeducative",
    "partners",
    "contacts",
    "actions",
    "livret",
    "bilan",
    "demo",
    "selection",
    "alerts",
    "campaigns",
    "axes",
    # Before django_tasks_db: its db_worker command is worker's, with a companion thread.
    "worker",
    "django_tasks_db",
    "editions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the middleware below answer, for anonymous visitors only (BREACH).
    "citeeducative.compression.PublicGZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "citeeducative.urls"
WSGI_APPLICATION = "citeeducative.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "citeeducative.context_processors.cite",
                "citeeducative.context_processors.page_address",
            ],
        },
    },
]

# Form widgets are drawn with the project's templates (templates/actions/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Connections are kept DB_CONN_MAX_AGE seconds from one request to the next, and checked before
# a request reuses one: after a restart of PostgreSQL the first query of each kept connection
# would fail (a 503); checked, the connection is opened again and the request served.
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The catalogue fits in memory many times over, so reading a page at random costs about
    # what reading the next one does. With the default (4, for spinning disks) PostgreSQL
    # prefers reading every fiche to its GIN index for a broad search: 10 ms instead of 5 ms
    # to count 6,000 matches out of 10,000. DB_RANDOM_PAGE_COST=4 restores the default.
    random_page_cost = envfloat("DB_RANDOM_PAGE_COST", "1.1")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={random_page_cost}"
    )
else:
    # SQLite reads its file through a page cache of its own, 2 MB per connection: at 10,000
    # fiches (45 MB) most row lookups of a broad search miss it. Mapped in memory, the file is
    # read straight from the system's cache, shared by every connection.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA mmap_size=268435456"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
# The admin's strings the libraries leave in English (locale/fr, compiled .mo committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The PDF files of editions (editions/): outside MEDIA_ROOT, served only by the views.
    "editions": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.getenv("EDITIONS_DIR", str(BASE_DIR / "var" / "editions"))},
    },
    # Imported files awaiting their confirmation (spreadsheets/waiting.py): never served.
    "import_export": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.getenv("IMPORTS_DIR", str(BASE_DIR / "var" / "imports"))},
    },
    # In production whitenoise serves collected files under hashed names, cached for good.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))

# The one inline style the description editor (Tiptap in django-prose-editor 0.28.0) adds to
# the page, its base ProseMirror rules, allowed by its hash; tests/test_browser_admin_editing.py
# sees the browser refuse it if an upgrade changes it.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

# Fiches are written by people: no inline script or style without the per-request nonce (the
# editor's import map carries it) or a hash.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, EDITOR_STYLE_HASH],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS behind a reverse proxy that sets X-Forwarded-Proto (and X-Forwarded-For).
if envbool("BEHIND_HTTPS_PROXY", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "True")

# Password guessing on /admin/: 5 failures for a username from an address lock that pair out
# for AXES_COOLOFF_MINUTES. The address is read by citeeducative.client_ip, which knows how many
# reverse proxies (TRUSTED_PROXY_COUNT) stand in front of the site.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "citeeducative.client_ip.client_ip"
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
# The addresses our proxies connect from: X-Forwarded-For is believed from these only.
TRUSTED_PROXY_NETWORKS = envlist(
    "TRUSTED_PROXY_NETWORKS", "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"
)
try:
    [ipaddress.ip_network(network) for network in TRUSTED_PROXY_NETWORKS]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_NETWORKS : {error}.") from None

# Spreadsheet import and export (django-import-export, spreadsheets/): an import is one
# transaction, rolled back whole if a single row is refused (SpreadsheetResource.import_data).
# Exporting needs the model's view permission; importing needs add and change
# (SpreadsheetAdminMixin). Formulas are defused by our own formats (spreadsheets.formats);
# characters XLSX cannot hold are dropped.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
# Fiches read per query when exporting (each page with its relations prefetched).
IMPORT_EXPORT_CHUNK_SIZE = 500
# What an import reads (spreadsheets/limits.py), refused at once past it: the file's size, its
# filled rows under the column names and columns, and for XLSX and ODS (zip files) what they
# unpack to, in all and for each part compared with its compressed size. An import runs in the
# web request: 1,000 fiches take up to 30 s (bench/imports.py), so 2,000 stay within
# gunicorn's --timeout 120 (README).
IMPORT_MAX_UPLOAD_BYTES = envint("IMPORT_MAX_UPLOAD_BYTES", "10000000")
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "2000")
IMPORT_MAX_COLUMNS = envint("IMPORT_MAX_COLUMNS", "100")
IMPORT_MAX_UNPACKED_BYTES = envint("IMPORT_MAX_UNPACKED_BYTES", "50000000")
IMPORT_MAX_COMPRESSION_RATIO = envint("IMPORT_MAX_COMPRESSION_RATIO", "100")
# A previewed file waits for its confirmation in STORAGES["import_export"], shared by every web
# process, for IMPORT_PREVIEW_LIFETIME_MINUTES; the worker deletes older ones every hour.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "spreadsheets.waiting.WaitingFileStorage"
IMPORT_PREVIEW_LIFETIME_MINUTES = envint("IMPORT_PREVIEW_LIFETIME_MINUTES", "120")

CATALOGUE_PAGE_SIZE = envint("CATALOGUE_PAGE_SIZE", "30")
# How many fiches the latest changes (/actions/nouveautes/ and its Atom feed) list.
LATEST_CHANGES_COUNT = envint("LATEST_CHANGES_COUNT", "50")
# Past this many matches (17 pages) the catalogue says "plus de 500", lists the first ones only
# and offers them all as open data: counting and sorting a page's fiches then costs the same
# however large the catalogue grows (counting 1,000 of 6,000 matches costs 2 ms, 500 costs 1).
CATALOGUE_LISTED_LIMIT = envint("CATALOGUE_LISTED_LIMIT", "500")
# The first content of an empty catalogue: another Cité éducative points this at its own.
FIXTURES_DIR = Path(os.getenv("FIXTURES_DIR", BASE_DIR / "fixtures"))

# E-mail (mailing/): sent by the task worker, with absolute links to SITE_URL. Without an
# EMAIL_HOST, mails are printed on the console (development).
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "ne-pas-repondre@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.getenv("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": envint("EMAIL_PORT", "25"),
                "username": os.getenv("EMAIL_HOST_USER", ""),
                "password": os.getenv("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", "False"),
                "timeout": envint("EMAIL_TIMEOUT", "30"),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# Update campaigns (campaigns/): a fiche is due for a check after its own update frequency, or
# FICHE_CHECK_EVERY_MONTHS; the personal link of a campaign's mail works for
# CAMPAIGN_LINK_MAX_AGE_DAYS days after it was sent (or after the reminder).
FICHE_CHECK_EVERY_MONTHS = envint("FICHE_CHECK_EVERY_MONTHS", "12")
CAMPAIGN_LINK_MAX_AGE_DAYS = envint("CAMPAIGN_LINK_MAX_AGE_DAYS", "30")
if FICHE_CHECK_EVERY_MONTHS < 1 or CAMPAIGN_LINK_MAX_AGE_DAYS < 1:
    raise ImproperlyConfigured(
        "FICHE_CHECK_EVERY_MONTHS et CAMPAIGN_LINK_MAX_AGE_DAYS doivent valoir au moins 1."
    )

PDF_RENDER_TIMEOUT = envint("PDF_RENDER_TIMEOUT", "120")

# Long work runs off the request, in the task worker (`manage.py db_worker`, django-tasks-db):
# PDF editions, e-mails, periodic tasks. The tests run tasks in-process (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Editions (editions/): a change waits EDITIONS_DELAY seconds for others to join it, and a
# document is rendered at most once every EDITIONS_MIN_INTERVAL seconds, the freshest edition
# serving meanwhile; a failed render is tried EDITIONS_MAX_ATTEMPTS times in all, waiting
# EDITIONS_RETRY_DELAY seconds more after each failure.
EDITIONS_DELAY = envfloat("EDITIONS_DELAY", "0")
EDITIONS_MIN_INTERVAL = envfloat("EDITIONS_MIN_INTERVAL", "60")
EDITIONS_MAX_ATTEMPTS = envint("EDITIONS_MAX_ATTEMPTS", "3")
EDITIONS_RETRY_DELAY = envint("EDITIONS_RETRY_DELAY", "30")
# A worker says it is alive every WORKER_HEARTBEAT_SECONDS; the tasks a worker silent for
# WORKER_STALE_SECONDS had started go back to the queue (worker/supervision.py).
WORKER_HEARTBEAT_SECONDS = envfloat("WORKER_HEARTBEAT_SECONDS", "10")
WORKER_STALE_SECONDS = envfloat("WORKER_STALE_SECONDS", "60")
# Tasks the workers enqueue on a schedule (worker/scheduler.py): {"every": timedelta} or
# {"daily_at": time}, local time.
PERIODIC_TASKS = {
    "livret.tasks.prepare_livrets": {"every": timedelta(minutes=15)},
    "editions.tasks.prune_editions": {"every": timedelta(hours=6)},
    "spreadsheets.tasks.prune_waiting_imports": {"every": timedelta(hours=1)},
    "worker.tasks.prune_task_results": {"daily_at": time(3, 30)},
    "alerts.tasks.send_search_alerts": {"daily_at": time(7, 0)},
}
# What the cache keeps can be lost at any time (citeeducative/caching.py): the catalogue's version
# is in the database, and a cache that fails is a cache that misses.
if os.getenv("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "citeeducative.caching.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    # Each write lists the folder to count its files: CACHE_MAX_ENTRIES bounds that cost (a
    # write takes 0.7 ms at 300 files, 3 ms at 2,000, 14 ms at 5,000) and the disk used (about
    # 15 kB a page: 30 MB). Past it, a random 1/CACHE_CULL_FREQUENCY of the files is deleted: a
    # third, so that culls stay rare (one every 660 writes). Losing entries only costs renders.
    CACHES = {
        "default": {
            "BACKEND": "citeeducative.caching.FileCache",
            "LOCATION": os.getenv("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {
                "MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", "2000"),
                "CULL_FREQUENCY": envint("CACHE_CULL_FREQUENCY", "3"),
            },
        }
    }
