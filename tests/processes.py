"""`klynge` run as a user runs it: a process of its own, configured by the environment alone."""

import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

KLYNGE = [sys.executable, "-m", "klynge"]


def klynge_environment(
    *, data_dir: Path, settings: str = "klynge.settings", **variables: str
) -> dict[str, str]:
    """This process's environment without any of Klynge's or Django's own settings, nor a DATABASE_URL
    (each test says what it starts with), plus the data folder, the settings module and `variables`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KLYNGE_", "DJANGO_")) and key != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings, KLYNGE_DATA_DIR=str(data_dir), **variables)
    return environment


def run_klynge(
    *args: str,
    data_dir: Path,
    settings: str = "klynge.settings",
    succeed: bool = False,
    stdout: int | IO[Any] = subprocess.PIPE,
    **variables: str,
) -> subprocess.CompletedProcess[str]:
    """`klynge <args>` in a clean environment (`klynge_environment`); with `succeed`, assert it exits 0."""
    result = subprocess.run(
        [*KLYNGE, *args],
        env=klynge_environment(data_dir=data_dir, settings=settings, **variables),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=600,
        check=False,
    )
    if succeed:
        assert result.returncode == 0, f"klynge {' '.join(args)}:\n{result.stderr}"
    return result
