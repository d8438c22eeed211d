"""A bad reference data file is refused whole: an English message names the file, the row and the field,
and nothing is written (the import is one transaction)."""

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from klynge.bodies.models import Collaboration
from klynge.organisation.models import Party
from klynge.provenance.models import Source
from klynge.reference.importing import DATA_DIR, ReferenceDataError
from klynge.reference.services import reference_import

pytestmark = pytest.mark.django_db


def edited(tmp_path: Path, name: str, change: Callable[[list[dict[str, str]]], None]) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    change(rows)
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def set_value(index: int, column: str, value: str) -> Callable[[list[dict[str, str]]], None]:
    def change(rows: list[dict[str, str]]) -> None:
        rows[index][column] = value

    return change


def counts() -> tuple[int, int, int]:
    return Source.objects.count(), Party.objects.count(), Collaboration.objects.count()


@pytest.fixture
def nothing_written() -> Callable[[], bool]:
    """Compares with what the database held before the test (data migrations put a few rows there)."""
    before = counts()
    return lambda: counts() == before


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "municipalities.csv",
            set_value(3, "kommunekode", "101"),
            "municipalities.csv, row 5, field 'kommunekode': '101' is not a four-digit code",
        ),
        (
            "municipalities.csv",
            set_value(0, "kommunekode", "0147"),
            "municipalities.csv, row 3, field 'kommunekode': '0147' appears more than once",
        ),
        (
            "municipalities.csv",
            set_value(0, "region_from_2027", "Region Hovedstaden"),
            "municipalities.csv, row 2, field 'region_from_2027': 'Region Hovedstaden' does not exist on 2027-06-01",
        ),
        (
            "clusters.csv",
            set_value(0, "municipalities", "0860;9999"),
            "clusters.csv, row 2, field 'municipalities': unknown kommunekode '9999'",
        ),
        (
            "councils.csv",
            set_value(2, "municipalities", "0101"),
            "councils.csv, row 4, field 'municipalities': membership is 'unknown' but lists municipalities",
        ),
        (
            "regions.csv",
            set_value(1, "source", "nowhere"),
            "regions.csv, row 3, field 'source': unknown source 'nowhere'",
        ),
        (
            "regions.csv",
            set_value(0, "valid_from", "1. januar 2007"),
            "regions.csv, row 2, field 'valid_from': '1. januar 2007' is not a date",
        ),
        # Found only when written: the sources are in by then, and are rolled back with the rest.
        (
            "hospitals.csv",
            set_value(6, "name", "H" * 250),
            "hospitals.csv, row 8, field 'name'",
        ),
    ],
)
def test_a_bad_row_refuses_the_whole_import(
    tmp_path: Path,
    name: str,
    change: Callable[[list[dict[str, str]]], None],
    message: str,
    nothing_written: Callable[[], bool],
) -> None:
    folder = edited(tmp_path, name, change)
    with pytest.raises(ReferenceDataError) as error:
        reference_import(path=folder)
    assert message in str(error.value)
    assert nothing_written()


def test_the_command_refuses_with_the_message_and_writes_nothing(
    tmp_path: Path, nothing_written: Callable[[], bool]
) -> None:
    folder = edited(tmp_path, "municipalities.csv", set_value(0, "name", ""))
    with pytest.raises(CommandError) as error:
        call_command("reference", "import", str(folder))
    assert (
        str(error.value) == "Nothing imported. municipalities.csv, row 2, field 'name': required, but empty"
    )
    assert nothing_written()


def test_a_missing_file_or_folder_is_named(tmp_path: Path, nothing_written: Callable[[], bool]) -> None:
    with pytest.raises(ReferenceDataError, match="not a folder"):
        reference_import(path=tmp_path / "nowhere")
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    (folder / "councils.csv").unlink()
    with pytest.raises(ReferenceDataError, match=r"councils\.csv: file not found"):
        reference_import(path=folder)
    assert nothing_written()
