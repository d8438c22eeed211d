"""The catchment pages: the lookup with its answer, the overview and the history; the import for
administrators only, with Danish refusals per line; bounded query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from klynge.catchment.examples import EXAMPLE_FILE
from klynge.catchment.models import AreaKind, CatchmentRule
from klynge.catchment.selectors import area_by_key
from klynge.catchment.services import area_create, catchment_rule_create
from klynge.organisation.models import Party
from tests.clients import administrator, editor_of
from tests.site.querycount import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

HEADER = "område;speciale;hospital;gyldig_fra;gyldig_til\n"


def test_the_lookup_answers_with_hospital_cluster_rule_and_why() -> None:
    html = Client().get("/optageomraader/?omraade=valby&dato=2024-06-01").content.decode()

    assert "Svar for Valby den 1. juni 2024" in html
    assert "<strong>Amager og Hvidovre Hospital</strong>" in html
    assert "Sundhedsklynge Syd</a>" in html
    assert "gyldig fra 1. juli 2022, uden slutdato" in html
    assert "Svaret følger det generelle optageområde: reglen for Valby." in html
    assert "Regler over tid for Valby" in html


def test_the_overview_shows_every_copenhagen_district_on_the_chosen_date() -> None:
    html = Client().get("/optageomraader/?dato=2024-06-01").content.decode()

    assert "Kommuner og bydele den 1. juni 2024" in html
    for district in ("Bispebjerg", "Brønshøj-Husum", "Indre By", "Nørrebro", "Vanløse", "Østerbro"):
        assert district in html
    assert "Vesterbro/Kongens Enghave" in html and "Ingen samlet regel – se bydelene" in html


def test_an_unknown_area_or_bad_date_is_refused_in_danish() -> None:
    html = Client().get("/optageomraader/?omraade=atlantis&dato=i+går").content.decode()

    assert "Området findes ikke. Vælg et fra listen." in html
    assert "Skriv datoen som dd.mm.åååå" in html
    assert "Svar for" not in html


def test_the_area_select_is_grouped_by_municipality() -> None:
    html = Client().get("/optageomraader/").content.decode()

    assert '<optgroup label="København Kommune">' in html
    assert '<option value="valby">Valby (bydel)</option>' in html


def test_the_history_shows_the_old_and_new_rule_after_an_import() -> None:
    administrator().post(
        "/optageomraader/import/",
        {"file": SimpleUploadedFile("eksempel.csv", EXAMPLE_FILE.read_bytes()), "source_note": "EKSEMPEL"},
    )

    before = Client().get("/optageomraader/?omraade=valby&dato=2025-12-31").content.decode()
    after = Client().get("/optageomraader/?omraade=valby&dato=2026-01-01").content.decode()

    assert "<strong>Amager og Hvidovre Hospital</strong>" in before
    assert "<strong>Bispebjerg og Frederiksberg Hospital</strong>" in after
    assert "1. juli 2022" in after and "31. december 2025" in after  # the old rule in the history
    assert "EKSEMPEL (indlæst fra filen eksempel.csv)" in after


def test_only_administrators_may_import_and_are_told_why() -> None:
    copenhagen = Party.objects.get(name="Københavns Kommune")
    editor = editor_of(copenhagen)

    assert editor.get("/optageomraader/import/").status_code == 403
    response = editor.post(
        "/optageomraader/import/",
        {"file": SimpleUploadedFile("x.csv", EXAMPLE_FILE.read_bytes()), "source_note": "x"},
    )
    assert response.status_code == 403
    assert not CatchmentRule.objects.filter(valid_from=datetime.date(2026, 1, 1)).exists()
    assert Client().get("/optageomraader/import/").status_code == 302
    assert administrator().get("/optageomraader/import/").status_code == 200


def test_a_refused_file_is_shown_per_line_in_danish_and_nothing_is_saved() -> None:
    before = CatchmentRule.objects.count()
    content = (HEADER + "Valby;;BFH;2026-01-01;\nAtlantis;;BFH;2026-01-01;\n").encode()

    response = administrator().post(
        "/optageomraader/import/", {"file": SimpleUploadedFile("r.csv", content), "source_note": "Test"}
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "Filen er ikke indlæst" in html
    assert "Linje 3: Området »Atlantis« findes ikke i Klynge." in html
    assert CatchmentRule.objects.count() == before


def test_wrong_columns_are_refused_on_the_page() -> None:
    response = administrator().post(
        "/optageomraader/import/",
        {"file": SimpleUploadedFile("r.csv", b"omraade;hospital\nValby;BFH\n"), "source_note": "Test"},
    )

    assert "Kolonnerne speciale, gyldig_fra, gyldig_til mangler." in response.content.decode()


def test_the_example_file_downloads() -> None:
    response = Client().get("/optageomraader/import/optageomraader-eksempel.csv")

    assert response.status_code == 200
    assert response.content.decode("utf-8").startswith("# EKSEMPEL – ikke rigtige data.")


def grow(count: int) -> None:
    frederiksberg = area_by_key(key="Frederiksberg")
    hospital = CatchmentRule.objects.filter(area=frederiksberg).get().hospital
    for i in range(count):
        district = area_create(name=f"Testbydel {i}", kind=AreaKind.DISTRICT, parent=frederiksberg)
        catchment_rule_create(area=district, hospital=hospital, valid_from=datetime.date(2020, 1, 1))
        catchment_rule_create(
            area=district,
            hospital=hospital,
            valid_from=datetime.date(2019, 1, 1),
            valid_to=datetime.date(2019, 12, 31),
        )


def test_the_lookup_page_makes_a_bounded_number_of_queries() -> None:
    url = "/optageomraader/?omraade=frederiksberg&dato=2024-06-01&speciale=foedsler"
    client = Client()
    few = queries_for(client, url)

    grow(15)

    assert queries_for(client, url) == few
    print(f"catchment:lookup queries: {few}")
