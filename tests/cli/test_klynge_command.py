import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import run_klynge

# A `klynge` process on an SQLite file: the same in both of the suite's runs, so the SQLite run tests it.
# (The PostgreSQL run's test database is migrated by the same migrate command, in process.)
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("KLYNGE_TEST_DATABASE_URL")),
    reason="SQLite files only: the suite's SQLite run tests it",
)


def test_klynge_creates_its_data_folder_and_migrates_a_fresh_sqlite_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh" / "data"
    run_klynge("migrate", "--noinput", "-v", "0", data_dir=data_dir, succeed=True)
    assert (data_dir / "klynge.sqlite3").stat().st_size > 0


def test_klynge_shell_imports_every_model_and_complains_of_none(tmp_path: Path) -> None:
    env = {**os.environ, "KLYNGE_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "klynge.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "klynge",
            "shell",
            "-c",
            "print(Meeting.__name__, HistoricalMeeting.__name__)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "could not be automatically imported" not in result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "Meeting HistoricalMeeting"
