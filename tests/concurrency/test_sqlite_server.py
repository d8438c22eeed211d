"""SQLite with concurrent writers: the app served by gunicorn (2 processes of 2 threads) on an SQLite
file with the settings' options (WAL, BEGIN IMMEDIATE, a busy timeout), and four clients writing at once
through the API: every write succeeds, none meets "database is locked", and nothing is lost."""

import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from klynge.accounts.models import Role
from tests.api.conftest import token_for
from tests.concurrency.racing import start
from tests.factories import build_cluster

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="SQLite's own locking: the suite's SQLite run tests it"
    ),
]

WRITERS = 4
ROUNDS = 3
SECRET = "concurrency-test-" + "k" * 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_test_database(target: Path) -> None:
    """The test database as it stands (migrated, with the test's records) into an SQLite file: quicker
    than migrating a new one."""
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


@contextmanager
def served(database: Path, folder: Path) -> Iterator[tuple[int, Path]]:
    """gunicorn serving the app with the production settings on the SQLite file; its log in a file."""
    port, log = free_port(), folder / "gunicorn.log"
    (folder / "static").mkdir()
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("KLYNGE_", "DJANGO_", "DATABASE_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="klynge.settings.production",
        DATABASE_URL=f"sqlite:///{database}",
        KLYNGE_DATA_DIR=str(folder),
        KLYNGE_SECRET_KEY=SECRET,
        KLYNGE_ALLOWED_HOSTS="127.0.0.1",
        KLYNGE_BEHIND_PROXY="true",
    )
    command = [sys.executable, "-m", "gunicorn", "klynge.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2", "--threads", "2", "--preload", "--timeout", "60", "--graceful-timeout", "5"]
    command += ["--no-control-socket"]  # no socket in the home folder, shared by concurrent runs
    with log.open("w") as output:
        server = subprocess.Popen(command, env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, f"gunicorn stopped:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"gunicorn did not answer:\n{log.read_text()}"
            try:
                if request(port, "GET", "/api/v1/meetings?limit=1")[0] == 200:
                    break
            except OSError:
                pass  # not listening yet
            time.sleep(0.2)
        yield port, log
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def request(port: int, method: str, path: str, body: Any = None, token: str = "") -> tuple[int, Any]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"X-Forwarded-Proto": "https", "Content-Type": "application/json"}  # as behind a TLS proxy
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        client.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        answer = client.getresponse()
        content = answer.read()
    finally:
        client.close()
    if answer.getheader("Content-Type", "").startswith("application/json"):
        return answer.status, json.loads(content)
    return answer.status, content.decode(errors="replace")[:500]  # e.g. a server error page


def test_four_writers_at_once_on_a_served_sqlite_file(tmp_path: Path) -> None:
    world = build_cluster("Fil")
    tokens = [
        token_for(email=f"sek{n}@fil.dk", role=Role.EDITOR, party=world.municipality) for n in range(WRITERS)
    ]
    database = tmp_path / "klynge.sqlite3"
    copy_test_database(database)

    def writer(port: int, token: str, n: int) -> Any:
        def write() -> list[tuple[str, int, Any]]:
            done = []
            for round_ in range(ROUNDS):
                # A new item at the end of the one agenda all write to: a read, then a write.
                status, item = request(
                    port,
                    "POST",
                    f"/api/v1/meetings/{world.meeting.pk}/agenda-items",
                    {"title": f"Punkt {n}.{round_}", "kind": "orientation"},
                    token,
                )
                done.append(("create", status, item))
                if status != 201:
                    continue
                # Then a checked change of it, with the version the answer gave.
                status, changed = request(
                    port,
                    "PATCH",
                    f"/api/v1/agenda-items/{item['id']}",
                    {"summary": f"Skrevet af skribent {n}", "version": item["version"]},
                    token,
                )
                done.append(("change", status, changed))
            return done

        return write

    booting = time.monotonic()
    with served(database, tmp_path) as (port, log):
        began = time.monotonic()
        writes = [
            write for done in start(*(writer(port, t, n) for n, t in enumerate(tokens)))() for write in done
        ]
        seconds = time.monotonic() - began
    server_log = log.read_text()

    failed = [(what, status, answer) for what, status, answer in writes if status not in (200, 201)]
    assert failed == [] and len(writes) == 2 * WRITERS * ROUNDS, f"{failed}\n{server_log}"
    assert "database is locked" not in server_log and "Traceback" not in server_log, server_log
    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        positions = [
            row[0]
            for row in check.execute(
                "SELECT position FROM meetings_agendaitem WHERE meeting_id = ? ORDER BY position",
                [world.meeting.pk],
            )
        ]
        summaries = check.execute(
            "SELECT count(*) FROM meetings_agendaitem WHERE summary LIKE 'Skrevet af skribent %'"
        ).fetchone()
    check.close()
    # Every item has its own place on the agenda, one after the other, and every change is kept.
    assert positions == list(range(1, 2 + WRITERS * ROUNDS))
    assert summaries == (WRITERS * ROUNDS,)
    print(
        f"gunicorn up in {began - booting:.1f} s; {len(writes)} writes by {WRITERS} writers in {seconds:.1f} s"
    )
