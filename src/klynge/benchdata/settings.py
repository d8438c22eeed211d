"""Settings for the load benchmark (bench/load.py): production-like, on plain HTTP, with a bare view.

Like production (klynge.settings.production): DEBUG off, persistent database connections, the same
middleware and templates. Unlike it: plain HTTP on 127.0.0.1 (no HTTPS redirect, no secure cookies), a
fixed secret key (benchmark databases only), and `/bench/bare/`, a bare Django view answered by the same
server through the same middleware, the baseline every page is compared with. PostgreSQL cancels a query
after KLYNGE_BENCH_STATEMENT_TIMEOUT_MS (default 20 s), so a page that cannot answer says so quickly.
"""

import os

from klynge.kernel.environment import env_int
from klynge.settings import *  # noqa: F403
from klynge.settings import DATABASES, POSTGRESQL_OPTIONS

DEBUG = False
SECRET_KEY = os.environ.get("KLYNGE_SECRET_KEY", "bench-only-" + "k" * 50)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "klynge.benchdata.urls"

STATEMENT_TIMEOUT_MS = env_int("KLYNGE_BENCH_STATEMENT_TIMEOUT_MS", 20_000, minimum=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "options": f"{POSTGRESQL_OPTIONS} -c statement_timeout={STATEMENT_TIMEOUT_MS}",
    }
