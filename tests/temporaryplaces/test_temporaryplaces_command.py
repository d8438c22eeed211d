"""klynge temporaryplaces import FILE …: all or nothing, refusals in English, line by line."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from klynge.organisation.models import PartyKind
from klynge.organisation.services import party_create
from klynge.temporaryplaces.examples import EXAMPLE_FILE
from klynge.temporaryplaces.models import PlaceCount
from tests.temporaryplaces.helpers import HAND_ROWS, Region, build_region, cap, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(db: None) -> Region:
    return build_region()


def run(*args: str) -> str:
    out = StringIO()
    call_command("temporaryplaces", *args, stdout=out)
    return out.getvalue()


def test_import_and_list(region: Region, tmp_path: Path) -> None:
    path = tmp_path / "pladser.csv"
    path.write_bytes(csv_bytes(*HAND_ROWS))
    out = run("import", str(path), "--name", "Fra CLI", "--region", "Region Prøve", "--description", "Test")
    count = PlaceCount.objects.get(name="Fra CLI")
    assert out == f"Imported 'Fra CLI' (3 capacity rows, 4 purchases): /midlertidige-pladser/{count.slug}/\n"
    assert count.file_name == "pladser.csv" and count.description == "Test" and not count.is_example
    assert run("list") == f"{count.slug}\tRegion Prøve\t3 municipalities\t4 purchases\n"


def test_a_bad_file_is_refused_in_english_and_nothing_is_saved(region: Region, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(cap("2023-10", "Ukendt", 1, 1), cap("2023-10", "Aby", -1, 1)))
    with pytest.raises(CommandError) as error:
        run("import", str(path), "--name", "Dårlig", "--region", "region-proeve")
    assert str(error.value) == (
        "bad.csv was not imported; nothing was saved:\n"
        "  Line 2: 'kommune': unknown municipality 'Ukendt' in Region Prøve\n"
        "  Line 3: 'pladser' cannot be negative (-1)"
    )
    assert not PlaceCount.objects.exists()


def test_the_region_and_the_file_must_be_there(region: Region, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Give the region with --region"):
        run("import", str(EXAMPLE_FILE), "--name", "X")  # two regions: which one?
    with pytest.raises(CommandError, match="No region named 'Region Nord'"):
        run("import", str(EXAMPLE_FILE), "--name", "X", "--region", "Region Nord")
    with pytest.raises(CommandError, match=r"Cannot read .*findes-ikke.csv"):
        run("import", str(tmp_path / "findes-ikke.csv"), "--name", "X", "--region", "Region Prøve")
    assert run("list") == "No counts.\n"


def test_the_example_file_names_municipalities_the_region_does_not_have(region: Region) -> None:
    """The example file is for the demo's municipalities: elsewhere it is refused, with every name."""
    party_create(name="Københavns Kommune", kind=PartyKind.MUNICIPALITY, region=region.region)
    with pytest.raises(CommandError) as error:
        run("import", str(EXAMPLE_FILE), "--name", "Eksempel", "--region", "Region Prøve", "--example")
    assert "unknown municipality 'Frederiksberg Kommune'" in str(error.value)
    assert "'Københavns Kommune'" not in str(error.value)
