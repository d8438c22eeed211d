"""The settings give SQLite its options for concurrent writers, and PostgreSQL no JIT compilation."""

import json
import os
import subprocess
import sys
from typing import Any

import pytest

READ = "import json, klynge.settings as s; print(json.dumps(s.DATABASES['default']))"


def database_settings(url: str) -> dict[str, Any]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("DJANGO_")}
    environment["DATABASE_URL"] = url
    result = subprocess.run(
        [sys.executable, "-c", READ], env=environment, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("url", ["sqlite:////var/lib/klynge/klynge.sqlite3", "sqlite:///data/klynge.sqlite3"])
def test_an_sqlite_database_gets_wal_immediate_transactions_and_a_busy_timeout(url: str) -> None:
    options = database_settings(url)["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_a_postgresql_database_gets_none_of_them_but_no_jit_and_ssd_costs() -> None:
    # psycopg would refuse SQLite's as unknown connection options. JIT compilation took 1.3 s of the
    # editor's 1.6 s initiatives export at national scale; with a spinning disk's random page cost the
    # 200-item meeting's decisions were read by scanning all of them.
    assert database_settings("postgres://klynge@db.example.dk/klynge").get("OPTIONS", {}) == {
        "options": "-c jit=off -c random_page_cost=1.1"
    }


@pytest.mark.django_db
def test_the_connection_runs_without_jit() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
