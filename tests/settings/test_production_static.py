"""In production, after the documented `klynge collectstatic`, the pages and the API docs get their files.

Production settings serve hashed, compressed copies from KLYNGE_DATA_DIR/static (WhiteNoise); the README
says to collect them at each deployment. This runs that procedure and asks for a page, the API docs and
every file they reference, over HTTPS as production requires."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.databases import copy_sqlite_template
from tests.processes import run_klynge

# `klynge` processes on an SQLite file: the same in both of the suite's runs, so the SQLite run tests it.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("KLYNGE_TEST_DATABASE_URL")),
    reason="SQLite files only: the suite's SQLite run tests it",
)

SECRET = "k" * 20 + "Xy7-Q!p9#Lm2$Rt5%Vw8^Zb1&Nc4*Hf6(Jg3)Sd0"

# Run inside `klynge shell`: each page's status and the status of every file it references.
FETCH = """
import json, re
from django.test import Client
client = Client(HTTP_HOST="klynge.example.dk")
result = {}
for path in ("/", "/api/v1/docs"):
    page = client.get(path, secure=True)
    files = sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', page.content.decode())))
    result[path] = {"status": page.status_code, "files": {f: client.get(f, secure=True).status_code for f in files}}
print(json.dumps(result))
"""


def _klynge(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return run_klynge(
        *args,
        data_dir=tmp_path,
        settings="klynge.settings.production",
        succeed=True,
        KLYNGE_SECRET_KEY=SECRET,
        KLYNGE_ALLOWED_HOSTS="klynge.example.dk",
    )


def test_after_collectstatic_pages_and_api_docs_get_their_files(
    tmp_path: Path, shared_tmp_path: Path, django_db_setup: None
) -> None:
    copy_sqlite_template(shared_tmp_path, tmp_path / "klynge.sqlite3")  # a migrated database
    _klynge("collectstatic", "--noinput", "-v", "0", tmp_path=tmp_path)
    assert (tmp_path / "static" / "staticfiles.json").exists()

    fetched = json.loads(
        _klynge("shell", "--no-imports", "-c", FETCH, tmp_path=tmp_path).stdout.splitlines()[-1]
    )
    for path, answer in fetched.items():
        assert answer["status"] == 200, path
        assert answer["files"], f"{path} references no static files"
        assert set(answer["files"].values()) == {200}, answer["files"]
    # Hashed names: browsers may keep them for ever.
    hashed = re.compile(r"\.[0-9a-f]{12}\.(css|js)$")
    assert any(hashed.search(f) for f in fetched["/"]["files"]), fetched["/"]["files"]
    assert any("swagger-ui-bundle." in f and hashed.search(f) for f in fetched["/api/v1/docs"]["files"])
