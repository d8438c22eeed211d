"""Settings for the test suite: SQLite in memory, or PostgreSQL when KLYNGE_TEST_DATABASE_URL is set."""

import os

import dj_database_url

from klynge.settings import *  # noqa: F403
from klynge.settings import POSTGRESQL_OPTIONS

DEBUG = False
SECRET_KEY = "klynge-tests"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

_test_url = os.environ.get("KLYNGE_TEST_DATABASE_URL")
if _test_url:
    _database = dj_database_url.parse(_test_url)
    # One test database per run, so concurrent runs on one server never collide.
    _database["TEST"] = {"NAME": f"test_{_database['NAME']}_{os.getpid()}"}
    # A test database need not survive a crash: commits (migrations, transactional tests) do not wait
    # for the write-ahead log to reach the disk.
    _database.setdefault("OPTIONS", {})["options"] = f"{POSTGRESQL_OPTIONS} -c synchronous_commit=off"
else:
    _database = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
DATABASES = {"default": _database}

# WhiteNoise indexes every static file when its middleware starts (some 3,600 files with the finders), and
# Django's test client starts the middleware anew for each client: 25–50 ms per client, thousands of
# clients in the suite. Looking a file up when it is asked for serves the same files.
WHITENOISE_AUTOREFRESH = True

# Rate limiting is tested on its own (tests/accounts), with it switched on there.
AXES_ENABLED = False

# The search index follows each change only in the tests that read it (tests/conftest.py switches it on
# there): indexing is a third of the time spent building each test's data. Production leaves it on.
SEARCH_INDEXING = False

# E-mails in memory (django.core.mail.outbox); the end-to-end test sends through SMTP to a local server.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
KLYNGE_BASE_URL = "https://klynge.test"
# Background tasks run at once, in the test's own process and transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
