"""klynge gpcoverage import/list: English messages, every problem with its line, nothing half-imported."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from klynge.gpcoverage.examples import EXAMPLE_FILE
from klynge.gpcoverage.models import GpCoverageDataset, GpCoverageFigure
from tests.gpcoverage.helpers import City, build_city, csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def city() -> City:
    return build_city()


def run(*args: str) -> str:
    out = StringIO()
    call_command("gpcoverage", *args, stdout=out)
    return out.getvalue()


def test_import_with_settings_and_list(city: City, tmp_path: Path) -> None:
    path = tmp_path / "tal.csv"
    path.write_bytes(csv_file("Nordby;2024;1000;nej;1;;0;", "Sydby;2024;1000;nej;1;;0;", delimiter=","))
    out = run(
        "import",
        str(path),
        "--name",
        "Region 2024",
        "--norm",
        "1500",
        "--share-60-plus",
        "off",
        "--closed-practices",
        "2",
        "--source-note",
        "Regionens analyse",
    )
    assert out == "Imported 2 rows into dataset 'Region 2024' (region-2024).\n"
    dataset = GpCoverageDataset.objects.get()
    assert (dataset.norm, dataset.max_patients_per_capacity, dataset.share_60_plus_threshold) == (
        1500,
        1500,
        None,
    )
    assert (dataset.closed_practices_threshold, dataset.file_name, dataset.is_example) == (
        2,
        "tal.csv",
        False,
    )
    assert run("list") == "region-2024\tRegion 2024\t2024-2024\t2 areas\n"


def test_a_bad_file_is_refused_in_english_line_by_line(city: City, tmp_path: Path) -> None:
    path = tmp_path / "forkert.csv"
    path.write_bytes(
        csv_file("Nordby;2024;1000;nej;1;;0;", "Atlantis;2024;1000;nej;1;;0;", "Sydby;2024;-3;nej;1;;0;")
    )
    with pytest.raises(CommandError) as caught:
        run("import", str(path), "--name", "Forkert")
    assert str(caught.value) == (
        "forkert.csv was not imported; nothing was saved.\n"
        "Line 3: Unknown area 'Atlantis'. Use the area's name as in Klynge, e.g. 'Nørrebro', or its slug.\n"
        "Line 4: indbyggere cannot be negative (-3)."
    )
    assert not GpCoverageDataset.objects.exists() and not GpCoverageFigure.objects.exists()


def test_wrong_columns_and_unreadable_files(city: City, tmp_path: Path) -> None:
    path = tmp_path / "kolonner.csv"
    path.write_bytes(csv_file("Nordby;2024;1000", header="område;år;indbyggere"))
    with pytest.raises(CommandError, match="Missing columns: prognose, kapaciteter, kapaciteter_60_plus"):
        run("import", str(path), "--name", "Kolonner")
    with pytest.raises(CommandError, match="Cannot read"):
        run("import", str(tmp_path / "findes-ikke.csv"), "--name", "X")
    with pytest.raises(CommandError, match="must be a share between 0 and 1"):
        run("import", str(path), "--name", "X", "--share-60-plus", "30")
    with pytest.raises(CommandError, match="--norm must be at least 1"):
        run("import", str(path), "--name", "X", "--norm", "0")
    assert not GpCoverageDataset.objects.exists()


def test_the_example_file_imports_as_example_data(db: None) -> None:
    from klynge.demo.reference import create_reference
    from klynge.demo.sources import create_sources

    create_reference(create_sources())  # the demo's areas: Copenhagen's districts and Frederiksberg
    out = run("import", str(EXAMPLE_FILE), "--name", "Eksempel", "--example")
    assert out == "Imported 77 rows into dataset 'Eksempel' (eksempel) as example data (not real figures).\n"
    assert GpCoverageDataset.objects.get().is_example
    assert run("list").endswith("\texample\n")
