"""Backup and restore as a user does it: `klynge dumpdata > backup.json`, then into a new database
`klynge migrate && klynge loaddata backup.json` — and everything is back, the search index included.

Run through the `klynge` command in subprocesses, on SQLite files or, with KLYNGE_TEST_DATABASE_URL set,
on two new PostgreSQL databases of that server.
"""

import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import dj_database_url
import pytest

from tests.databases import copy_sqlite_template, create_postgresql_database_from_template
from tests.processes import run_klynge

# Run inside `klynge shell`: the number of rows of every model, and what the public finds for some of
# the seeds' facts (kind and title of each hit, best first).
SNAPSHOT = """
import json
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from klynge.search.selectors import search

counts = {m._meta.label: m._base_manager.count() for m in apps.get_models()}
found = {}
for query in QUERIES:
    page = search(user=AnonymousUser(), query=query, kinds=[], limit=50, offset=0)
    found[query] = [[str(r.kind), r.title] for r in page.results]
print(json.dumps({"counts": counts, "found": found}))
"""
# Words from the source memos: a focus area, trial actions (inflected), an initiative, a member.
QUERIES = ["alkoholscreening", "prøvehandlinger", "den gode overgang", "Sisse Marie Welling"]

# `klynge migrate`, then give the rows migrate creates other ids than in the backed-up database, as in a
# database whose apps were installed in another order: a restore must match them by what they are.
MIGRATE_WITH_OTHER_IDS = """
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
ContentType.objects.get(app_label="meetings", model="meeting").delete()
Group.objects.get(name="Administratorer").delete()
call_command("migrate", interactive=False, verbosity=0)
"""


def _klynge(
    *args: str, database_url: str, data_dir: Path, stdout: int | IO[Any] = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return run_klynge(*args, data_dir=data_dir, succeed=True, stdout=stdout, DATABASE_URL=database_url)


def _snapshot(database_url: str, data_dir: Path) -> dict[str, dict[str, object]]:
    script = SNAPSHOT.replace("QUERIES", repr(QUERIES))
    result = _klynge("shell", "--no-imports", "-c", script, database_url=database_url, data_dir=data_dir)
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _objects(backup: Path) -> list[str]:
    """The backup's objects, each as canonical JSON, in a fixed order (a group's id may differ)."""
    return sorted(json.dumps(o, sort_keys=True) for o in json.loads(backup.read_text(encoding="utf-8")))


@pytest.fixture
def databases(tmp_path: Path, shared_tmp_path: Path, django_db_setup: None) -> Iterator[tuple[str, str]]:
    """Two new databases, migrated (copies of the run's template): the original and the one restored
    into. (Migrating a new database through `klynge migrate` is tested in test_klynge_command.py.)"""
    server = os.environ.get("KLYNGE_TEST_DATABASE_URL")
    if not server:
        original, restored = tmp_path / "original.sqlite3", tmp_path / "restored.sqlite3"
        copy_sqlite_template(shared_tmp_path, original)
        copy_sqlite_template(shared_tmp_path, restored)
        yield (f"sqlite:///{original}", f"sqlite:///{restored}")
        return
    import psycopg

    settings = dj_database_url.parse(server)
    names = [f"klynge_backup_{uuid.uuid4().hex[:12]}_{role}" for role in ("original", "restored")]
    connect = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    for name in names:
        create_postgresql_database_from_template(server, name)
    base = server.rsplit("/", 1)[0]
    try:
        yield (f"{base}/{names[0]}", f"{base}/{names[1]}")
    finally:
        with psycopg.connect(**connect) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_dumpdata_then_migrate_and_loaddata_restores_everything(
    databases: tuple[str, str], tmp_path: Path
) -> None:
    original, restored = databases
    _klynge("demo", "--no-serve", database_url=original, data_dir=tmp_path)
    backup = tmp_path / "backup.json"
    with backup.open("w", encoding="utf-8") as out:
        _klynge("dumpdata", database_url=original, data_dir=tmp_path, stdout=out)

    dumped = json.loads(backup.read_text(encoding="utf-8"))
    models = {o["model"] for o in dumped}
    # Left out: the search index (rebuilt on load), what migrate creates anyway, and the page cache's
    # data version (the restored database counts its own writes).
    assert not models & {
        "search.searchentry",
        "contenttypes.contenttype",
        "auth.permission",
        "pagecache.dataversion",
    }
    # Role groups are named, not numbered; accounts and records keep their ids.
    assert all("pk" not in o for o in dumped if o["model"] == "auth.group")
    assert all("pk" in o for o in dumped if o["model"] != "auth.group")

    _klynge("shell", "--no-imports", "-c", MIGRATE_WITH_OTHER_IDS, database_url=restored, data_dir=tmp_path)
    loaded = _klynge("loaddata", str(backup), database_url=restored, data_dir=tmp_path)
    assert f"Installed {len(dumped)} object(s)" in loaded.stdout

    before, after = _snapshot(original, tmp_path), _snapshot(restored, tmp_path)
    # Every model, the history, accounts, role groups and the rebuilt search index included.
    assert after["counts"] == before["counts"]
    assert before["counts"]["search.SearchEntry"] > 0
    assert before["counts"]["meetings.HistoricalMeeting"] > 0
    # Search finds the seeds' facts again, in the same order.
    assert after["found"] == before["found"]
    assert all(before["found"][query] for query in QUERIES), before["found"]

    # And a backup of the restored database holds exactly what the first one held.
    again = tmp_path / "again.json"
    with again.open("w", encoding="utf-8") as out:
        _klynge("dumpdata", database_url=restored, data_dir=tmp_path, stdout=out)
    assert _objects(again) == _objects(backup)
