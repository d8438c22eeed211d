"""A setting read from the environment that is not what it needs stops `klynge` with one English line that
names the variable, never a traceback and never a value quietly changed."""

import subprocess
from pathlib import Path

import pytest

from tests.processes import run_klynge


def klynge(tmp_path: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    return run_klynge(*args, data_dir=tmp_path, **variables)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "KLYNGE_PAGE_CACHE_SECONDS",
            "five",
            "KLYNGE_PAGE_CACHE_SECONDS must be a whole number, not 'five'.",
        ),
        ("KLYNGE_PAGE_CACHE_ENTRIES", "0", "KLYNGE_PAGE_CACHE_ENTRIES must be at least 1, not 0."),
        (
            "KLYNGE_POSTGRESQL_RANDOM_PAGE_COST",
            "1,1",
            "KLYNGE_POSTGRESQL_RANDOM_PAGE_COST must be a number such as 1.5, not '1,1'.",
        ),
        ("KLYNGE_DIGEST_WEEKDAY", "7", "KLYNGE_DIGEST_WEEKDAY must be between 0 and 6, not 7."),
        (
            "KLYNGE_REMINDER_DAYS",
            "3,en",
            "KLYNGE_REMINDER_DAYS must be whole numbers separated by commas, such as 3,1; 'en' is not one.",
        ),
        ("KLYNGE_PAGE_CACHE", "maybe", "KLYNGE_PAGE_CACHE must be on or off"),
    ],
)
def test_a_bad_value_stops_the_start_with_a_clear_line(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    result = klynge(tmp_path, "check", **{variable: value})
    assert result.returncode != 0
    assert f"klynge: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_good_values_are_read_as_given(tmp_path: Path) -> None:
    result = klynge(
        tmp_path,
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.PAGECACHE_SECONDS, s.NOTIFICATIONS_REMINDER_DAYS, s.PAGECACHE_ENABLED, s.EMAIL_PORT, "
        "s.POSTGRESQL_OPTIONS)",
        KLYNGE_PAGE_CACHE_SECONDS=" 60 ",
        KLYNGE_POSTGRESQL_RANDOM_PAGE_COST="1.5",
        KLYNGE_REMINDER_DAYS="7, 3,1",
        KLYNGE_PAGE_CACHE="OFF",
        KLYNGE_EMAIL_PORT="",  # empty is unset: the default
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip().splitlines()[-1] == "60 [7, 3, 1] False 587 -c jit=off -c random_page_cost=1.5"
    )
