"""Settings for development and the demo, read from the environment.

`DATABASE_URL` selects the database (default: an SQLite file in the data folder);
`KLYNGE_DATA_DIR` moves the data folder; `KLYNGE_DEBUG`, `KLYNGE_SECRET_KEY` and
`KLYNGE_ALLOWED_HOSTS` do what their names say.
"""

import os
from pathlib import Path

import dj_database_url

from klynge.kernel.environment import env_flag, env_float, env_int, env_int_list

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# In the repository (an editable install, as the README sets up) this is the repo root.
REPO_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("KLYNGE_DATA_DIR", REPO_DIR / "data"))
NODE_MODULES_DIR = Path(os.environ.get("KLYNGE_NODE_MODULES", REPO_DIR / "node_modules"))


DEBUG = env_flag("KLYNGE_DEBUG", True)
SECRET_KEY = os.environ.get("KLYNGE_SECRET_KEY", "django-insecure-klynge-development-only")
ALLOWED_HOSTS = [h for h in os.environ.get("KLYNGE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "ninja",  # the API docs' Swagger UI served from here, not from a CDN
    "klynge.provenance",
    "klynge.organisation",
    "klynge.catchment",
    "klynge.bodies",
    "klynge.reference",
    "klynge.meetings",
    "klynge.work",
    "klynge.attendance",
    "klynge.attachments",
    "klynge.memos",
    "klynge.agendas",
    "klynge.accounts",
    "klynge.gpcoverage",
    "klynge.temporaryplaces",
    "klynge.search",
    "klynge.notifications",
    "django_tasks",
    "django_tasks_db",
    "klynge.backup",
    "klynge.feeds",
    "klynge.exports",
    "klynge.api",
    "klynge.portal",
    "klynge.reform",
    "klynge.healthplans",
    "axes",
    "klynge.site",
    "klynge.demo",
    "klynge.benchdata",
    "klynge.server",
    "klynge.pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "klynge.site.middleware.RefusedFormStatusMiddleware",
    # A logged-in caller's answers, kept from the cache first or not, marked private for proxies.
    "klynge.pagecache.middleware.PersonalResponsesMiddleware",
    # Pages and API reads from memory (klynge.pagecache), anonymous readers' shared and each session's own:
    # inside everything that adds headers or cookies, so a cached answer passes them as a fresh one does.
    "klynge.pagecache.middleware.PageCacheMiddleware",
    # Last, as django-axes requires: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login rate limiting: after 5 failed attempts for one account from one address, wait 15 minutes.
AXES_FAILURE_LIMIT = env_int("KLYNGE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True

# Single sign-on through OpenID Connect (e.g. the municipality's identity provider), switched on by
# setting the client id. Only people who already have an account (created with `klynge user add`)
# can log in this way; they are matched by e-mail address.
OIDC_RP_CLIENT_ID = os.environ.get("KLYNGE_OIDC_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("klynge.accounts.oidc.ExistingAccountsOIDCBackend")
    OIDC_RP_CLIENT_SECRET = os.environ.get("KLYNGE_OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("KLYNGE_OIDC_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["KLYNGE_OIDC_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["KLYNGE_OIDC_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["KLYNGE_OIDC_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("KLYNGE_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False

ROOT_URLCONF = "klynge.urls"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:front"
LOGOUT_REDIRECT_URL = "web:front"
WSGI_APPLICATION = "klynge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'klynge.sqlite3'}"),
        conn_max_age=60,
    )
}
# SQLite with concurrent writers (the server's workers, `klynge` commands): write-ahead logging, so
# readers never wait for a writer; every transaction takes the write lock when it begins (BEGIN
# IMMEDIATE), so two never both read and then fail to upgrade to writing; and a writer waits up to 20 s
# for the lock instead of failing at once with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
# PostgreSQL without JIT compilation: it pays off for long analytical queries, not for a web page's. Where
# a query's estimated cost passed jit_optimize_above_cost (the initiatives export as an editor, whose
# visibility test the planner overestimates), compiling took 1.3 s of its 1.6 s. And the random page
# cost of solid-state storage (1.1, PostgreSQL's default 4 is a spinning disk's): with 4, a 200-item
# meeting's decisions were read by scanning all 25,000 of them (5 ms) instead of by the items' index
# (0.4 ms). KLYNGE_POSTGRESQL_RANDOM_PAGE_COST sets another.
POSTGRESQL_OPTIONS = (
    f"-c jit=off -c random_page_cost={env_float('KLYNGE_POSTGRESQL_RANDOM_PAGE_COST', 1.1, minimum=0.01)}"
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {
        "options": POSTGRESQL_OPTIONS,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# A container keeps the static files collected at build apart from the data volume.
STATIC_ROOT = Path(os.environ.get("KLYNGE_STATIC_ROOT", DATA_DIR / "static"))
# DKFDS and HTMX are installed by npm and served straight from node_modules.
STATICFILES_DIRS = [
    ("dkfds", NODE_MODULES_DIR / "dkfds" / "dist"),
    ("htmx", NODE_MODULES_DIR / "htmx.org" / "dist"),
]
# Uploaded files (attachments): on local disk under MEDIA_ROOT, or in an S3-compatible bucket when
# KLYNGE_S3_BUCKET is set (install the `s3` extra: django-storages with boto3). They are never served
# from MEDIA_URL: every download goes through klynge.site.attachments, which checks who may read it.
MEDIA_ROOT = Path(os.environ.get("KLYNGE_MEDIA_ROOT", DATA_DIR / "media"))


def default_storage_from_env() -> dict[str, object]:
    bucket = os.environ.get("KLYNGE_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}}
    options: dict[str, object] = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "location": os.environ.get("KLYNGE_S3_PREFIX", ""),
    }
    for option, variable in (
        ("endpoint_url", "KLYNGE_S3_ENDPOINT_URL"),
        ("region_name", "KLYNGE_S3_REGION"),
        ("access_key", "KLYNGE_S3_ACCESS_KEY_ID"),
        ("secret_key", "KLYNGE_S3_SECRET_ACCESS_KEY"),
    ):
        if os.environ.get(variable):
            options[option] = os.environ[variable]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": default_storage_from_env(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Attachments (bilag): the largest file accepted, and the kinds (by content, see klynge.attachments.files).
KLYNGE_ATTACHMENT_MAX_BYTES = env_int("KLYNGE_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024, minimum=1)
KLYNGE_ATTACHMENT_TYPES = [
    t.strip()
    for t in os.environ.get("KLYNGE_ATTACHMENT_TYPES", "pdf,docx,xlsx,png,jpeg").split(",")
    if t.strip()
]
# Django reads uploads above this into a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WHITENOISE_USE_FINDERS = True
# Uploaded files (memo templates and logos) go through the default storage, on disk here by default;
# they are read by the app only, never served as they are.
MEDIA_ROOT = Path(os.environ.get("KLYNGE_MEDIA_ROOT", DATA_DIR / "media"))
FORMS_URLFIELD_ASSUME_HTTPS = True

# `klynge dumpdata` backups: natural keys only for the rows `migrate` creates (see klynge.backup.formats).
SERIALIZATION_MODULES = {
    "json": "klynge.backup.formats.json",
    "jsonl": "klynge.backup.formats.jsonl",
    "xml": "klynge.backup.formats.xml",
}

# E-mail (klynge.notifications): SMTP when KLYNGE_EMAIL_HOST is set (always in production), otherwise
# e-mails are written to the console. Links in e-mails start with KLYNGE_BASE_URL.
EMAIL_HOST = os.environ.get("KLYNGE_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "KLYNGE_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("KLYNGE_EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("KLYNGE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KLYNGE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("KLYNGE_EMAIL_USE_TLS", True) and not env_flag("KLYNGE_EMAIL_USE_SSL", False)
EMAIL_USE_SSL = env_flag("KLYNGE_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("KLYNGE_EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("KLYNGE_EMAIL_FROM", "Klynge <klynge@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
KLYNGE_BASE_URL = os.environ.get("KLYNGE_BASE_URL", "http://127.0.0.1:8000")
# Reminders to editors this many days before a meeting's deadline for items; the weekly digest goes out
# on the first run of `klynge notifications run-due` from this weekday on (0 = Monday).
NOTIFICATIONS_REMINDER_DAYS = env_int_list("KLYNGE_REMINDER_DAYS", [3, 1], minimum=0)
NOTIFICATIONS_DIGEST_WEEKDAY = env_int("KLYNGE_DIGEST_WEEKDAY", 0, minimum=0, maximum=6)

# Background tasks (django-tasks): kept in the database and run by `klynge db_worker`. "immediate" runs
# them in the process that enqueues them (tests; a demo without a worker).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("KLYNGE_TASKS", "database") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# The response cache (klynge.pagecache): whole responses keyed by the data version that every database
# write changes. Anonymous readers share one cache; a logged-in viewer's responses are kept for that session
# alone (its key holds the session and its CSRF secret). Local memory per worker process, bounded by
# entries and by the size of one response (kept compressed, 5–15 times smaller), so memory stays flat;
# KLYNGE_PAGE_CACHE=off switches both off, KLYNGE_PAGE_CACHE_VIEWERS=off the viewers' alone.
PAGECACHE_ENABLED = env_flag("KLYNGE_PAGE_CACHE", True)
PAGECACHE_VIEWERS_ENABLED = env_flag("KLYNGE_PAGE_CACHE_VIEWERS", True)
PAGECACHE_ALIAS = "pages"
PAGECACHE_VIEWER_ALIAS = "viewer_pages"
PAGECACHE_SECONDS = env_int("KLYNGE_PAGE_CACHE_SECONDS", 300, minimum=1)
PAGECACHE_MAX_BYTES = env_int("KLYNGE_PAGE_CACHE_MAX_BYTES", 2 * 1024 * 1024, minimum=0)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    PAGECACHE_ALIAS: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "klynge-pages",
        "TIMEOUT": PAGECACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": env_int("KLYNGE_PAGE_CACHE_ENTRIES", 500, minimum=1)},
    },
    PAGECACHE_VIEWER_ALIAS: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "klynge-viewer-pages",
        "TIMEOUT": PAGECACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": env_int("KLYNGE_PAGE_CACHE_VIEWER_ENTRIES", 500, minimum=1)},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Python's logging takes the level's name in capitals; "warning" is as good as "WARNING".
    "root": {"handlers": ["console"], "level": os.environ.get("KLYNGE_LOG_LEVEL", "WARNING").upper()},
}
