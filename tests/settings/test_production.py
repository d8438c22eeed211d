"""Production settings pass Django's deployment checks with no warnings, and refuse to start unconfigured."""

import subprocess
from pathlib import Path

import pytest

from tests.processes import run_klynge

SECRET = "k" * 20 + "Xy7-Q!p9#Lm2$Rt5%Vw8^Zb1&Nc4*Hf6(Jg3)Sd0"


def klynge(*args: str, env_extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return run_klynge(*args, data_dir=tmp_path, settings="klynge.settings.production", **env_extra)


def test_check_deploy_prints_no_warnings(tmp_path: Path) -> None:
    result = klynge(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={"KLYNGE_SECRET_KEY": SECRET, "KLYNGE_ALLOWED_HOSTS": "klynge.example.dk"},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("env_extra", "message"),
    [
        ({"KLYNGE_ALLOWED_HOSTS": "klynge.example.dk"}, "KLYNGE_SECRET_KEY"),
        ({"KLYNGE_SECRET_KEY": SECRET}, "KLYNGE_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_unconfigured(
    tmp_path: Path, env_extra: dict[str, str], message: str
) -> None:
    result = klynge("check", env_extra=env_extra, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_log_level_is_read_in_any_case(tmp_path: Path) -> None:
    # gunicorn takes "warning", Python's logging "WARNING": one variable serves both.
    result = klynge(
        "check",
        env_extra={
            "KLYNGE_SECRET_KEY": SECRET,
            "KLYNGE_ALLOWED_HOSTS": "klynge.example.dk",
            "KLYNGE_LOG_LEVEL": "warning",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
