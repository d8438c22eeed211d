"""The GP coverage pages over HTTP: reading, the chart and its table, importing, and who may import."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from klynge.gpcoverage.models import GpCoverageDataset, GpCoverageFigure
from klynge.meetings.models import AgendaItemKind, FigureMetric
from klynge.meetings.services import agenda_item_create, reported_figure_create
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld
from tests.gpcoverage.helpers import City, build_city, csv_file, import_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(world: ClusterWorld) -> City:
    return build_city()


def upload(client: Client, content: bytes, **fields: object) -> object:
    data = {
        "name": "Lægedækning 2024",
        "source_note": "Regionens analyse",
        "norm": "1600",
        "max_patients_per_capacity": "1600",
        "share_60_plus_percent": "30",
        "closed_practices_threshold": "1",
        "criteria_required": "1",
        "file": SimpleUploadedFile("tal.csv", content, content_type="text/csv"),
        **fields,
    }
    return client.post("/laegedaekning/import/", data)


def test_the_forecast_page_shows_the_table_the_chart_and_the_reasons(city: City) -> None:
    dataset = import_lines(
        "Nordby;2024;16001;nej;10;4;1;0",
        "Nordby;2025;16500;ja;;;1;",
        "Sydby;2024;8000;nej;6;1;0;0",
        "Sydby;2025;8100;ja;;;0;",
        name="Byens læger",
    )
    html = Client().get(f"/laegedaekning/{dataset.slug}/?maal=2025").content.decode()
    assert "Byens læger" in html and "Eksempeldata – ikke rigtige tal" not in html
    assert "<svg" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Tallene i 2025 (kapaciteter)" in html  # the data table beside the chart
    # Nordby 2025: 10 − 1 − 1 = 8 available, ⌈16.500 / 1.600⌉ = 11 needed, 3 to recruit; 2.062,5 per capacity.
    assert "2.062,5 patienter pr. kapacitet – over grænsen på 1.600" in html
    assert "40 % af kapaciteterne hos læger på 60 år eller derover – over grænsen på 30 %" in html
    assert "10 fra 2024 − 2 afgange" in html  # how Nordby's 8 available in 2025 come about
    assert "summen af 2 områder i datasættet" in html  # Testby
    assert "Sådan regnes der" in html
    assert "skal rekrutteres <strong>3 lægekapaciteter</strong>" in html  # Testby 2025: 3 + 0


def test_a_target_year_outside_the_dataset_is_explained(city: City) -> None:
    dataset = import_lines("Nordby;2024;1000;nej;1;;0;")
    html = Client().get(f"/laegedaekning/{dataset.slug}/?maal=2090").content.decode()
    assert "Datasættet har tal til og med 2024; prognosen vises til 2024." in html
    html = Client().get(f"/laegedaekning/{dataset.slug}/?maal=%3Cb%3E").content.decode()
    assert "»&lt;b&gt;« er ikke et årstal" in html


def test_an_unknown_dataset_is_404(db: None) -> None:
    assert Client().get("/laegedaekning/findes-ikke/").status_code == 404


def test_an_example_dataset_carries_the_banner(city: City) -> None:
    dataset = import_lines("Nordby;2024;1000;nej;1;;0;", is_example=True)
    html = Client().get(f"/laegedaekning/{dataset.slug}/").content.decode()
    assert "Eksempeldata – ikke rigtige tal" in html
    overview = Client().get("/laegedaekning/").content.decode()
    assert "Eksempeldata – ikke rigtige tal" in overview


def test_reported_figures_under_a_closed_item_follow_the_item(world: ClusterWorld) -> None:
    closed = agenda_item_create(
        meeting=world.meeting, title="Lukket punkt om læger", kind=AgendaItemKind.DISCUSSION, is_public=False
    )
    reported_figure_create(
        agenda_item=closed, metric=FigureMetric.GPS_NEEDED, label="Fortroligt lægebehov", value=9, year=2027
    )
    assert "Fortroligt lægebehov" not in Client().get("/laegedaekning/").content.decode()
    assert "Fortroligt lægebehov" in member_as(world.mayor).get("/laegedaekning/").content.decode()
    assert "Fortroligt lægebehov" in editor_of(world.municipality).get("/laegedaekning/").content.decode()


def test_an_editor_imports_a_file(city: City, world: ClusterWorld) -> None:
    client = editor_of(world.municipality)
    assert client.get("/laegedaekning/import/").status_code == 200
    response = upload(client, "\ufeff".encode() + csv_file("Nordby;2024;16.001;nej;10;;0;"))
    dataset = GpCoverageDataset.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/laegedaekning/{dataset.slug}/"  # type: ignore[attr-defined]
    assert dataset.imported_by is not None and dataset.imported_by.email == "editor-test-kommune@test.dk"
    assert (dataset.file_name, dataset.source_note, dataset.share_60_plus_threshold) == (
        "tal.csv",
        "Regionens analyse",
        Decimal("0.30"),
    )


def test_a_bad_file_is_refused_line_by_line_in_danish_and_nothing_is_saved(city: City) -> None:
    client = administrator()
    response = upload(client, csv_file("Nordby;2024;1000;nej;1;;0;", "Atlantis;2024;-1;nej;1;;0;"))
    html = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "Filen er ikke indlæst" in html
    assert "Linje 3: Området »Atlantis« findes ikke i Klynge." in html
    assert "Linje 3: indbyggere kan ikke være negativ (-1)." in html
    assert 'value="Lægedækning 2024"' in html  # what was written is kept
    assert not GpCoverageDataset.objects.exists() and not GpCoverageFigure.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"norm": "0"}, "Tallet skal være mindst 1."),
        ({"share_60_plus_percent": "130"}, "Tallet kan højst være 100."),
        (
            {"criteria_required": "3", "closed_practices_threshold": "", "share_60_plus_percent": ""},
            "kun 1 kriterier i brug",
        ),
        ({"name": ""}, "Giv datasættet et navn."),
        ({"source_note": ""}, "Skriv, hvor tallene kommer fra."),
    ],
)
def test_bad_settings_are_refused_next_to_their_field(
    city: City, fields: dict[str, str], message: str
) -> None:
    response = upload(administrator(), csv_file("Nordby;2024;1000;nej;1;;0;"), **fields)
    assert message in response.content.decode()  # type: ignore[attr-defined]
    assert not GpCoverageDataset.objects.exists()


def test_only_editors_and_administrators_import(world: ClusterWorld, city: City) -> None:
    assert Client().get("/laegedaekning/import/").status_code == 302
    member = member_as(world.mayor)
    assert member.get("/laegedaekning/import/").status_code == 403
    assert upload(member, csv_file("Nordby;2024;1000;nej;1;;0;")).status_code == 403  # type: ignore[attr-defined]
    assert not GpCoverageDataset.objects.exists()
    assert "Indlæs lægedækningstal" not in member.get("/laegedaekning/").content.decode()
    assert "Indlæs lægedækningstal" in editor_of(world.municipality).get("/laegedaekning/").content.decode()


def test_the_example_file_can_be_downloaded(db: None) -> None:
    response = Client().get("/laegedaekning/eksempelfil.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="laegedaekning-eksempel.csv"' in response["Content-Disposition"]
    assert response.content.decode().startswith("# EKSEMPEL – ikke rigtige tal.")


def test_the_admin_shows_datasets_read_only_and_may_delete_one(city: City) -> None:
    dataset = import_lines("Nordby;2024;1000;nej;1;;0;")
    client = administrator()
    assert client.get("/admin/gpcoverage/gpcoveragedataset/").status_code == 200
    page = client.get(f"/admin/gpcoverage/gpcoveragedataset/{dataset.pk}/change/")
    assert page.status_code == 200 and "Nordby" in page.content.decode()
    assert client.get("/admin/gpcoverage/gpcoveragedataset/add/").status_code == 403
    client.post(f"/admin/gpcoverage/gpcoveragedataset/{dataset.pk}/delete/", {"post": "yes"})
    assert not GpCoverageDataset.objects.exists() and not GpCoverageFigure.objects.exists()
