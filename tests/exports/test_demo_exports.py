"""The exports with the demo: hand-checked rows from the memos, in CSV for Danish Excel and in XLSX."""

import csv
import datetime
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from klynge.bodies.models import Collaboration
from klynge.meetings.models import AgendaItem, Meeting
from klynge.memos.models import Memo, MemoStatus
from klynge.work.models import Allocation, Initiative
from tests.clients import content_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

INITIATIVE_HEADERS = [
    "Id",
    "Samarbejde",
    "Fokusområde",
    "Indsats",
    "Del af",
    "Status",
    "Fremdrift (%)",
    "Ansvarlige parter",
    "Godkendt af",
    "Godkendt dato",
    "Start",
    "Slut",
]
ALLOCATION_HEADERS = [
    "Id",
    "Samarbejde",
    "Pulje",
    "År",
    "Organ",
    "Beslutning",
    "Mødedato",
    "Beløb (kr.)",
    "Fokusområde",
    "Indsats",
]
FLEXKLINIKKEN = "Samarbejde mellem socialtandplejen og Flexklinikken"
BYEN_FUND = "Klyngemidler Sundhedsklynge Byen 2023"
VULNERABLE = "Socialt udsatte borgeres somatiske sygdom"


def download(url: str) -> bytes:
    response = Client().get(url)
    assert response.status_code == 200, response.content
    return response.content


def csv_rows(url: str) -> list[dict[str, str]]:
    response = Client().get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="klynge-')
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Danish Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def sheet_rows(url: str) -> tuple[list[str], list[dict[str, object]], object]:
    response = Client().get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    headers = [str(h) for h in values[0]]
    return headers, [dict(zip(headers, row, strict=True)) for row in values[1:]], sheet


def test_initiatives_csv_has_danish_headers_labels_and_the_approvals_of_the_memos() -> None:
    rows = csv_rows("/api/v1/exports/initiatives.csv")
    assert list(rows[0]) == INITIATIVE_HEADERS
    assert len(rows) == Initiative.objects.count() == 6
    (flex,) = [row for row in rows if row["Indsats"] == FLEXKLINIKKEN]
    assert flex["Samarbejde"] == "Sundhedsklynge Byen"
    assert flex["Fokusområde"] == VULNERABLE
    assert flex["Status"] == "Godkendt"
    assert flex["Godkendt af"] == "Politisk sundhedsklynge Byen"
    assert flex["Godkendt dato"] == "2023-11-28"
    assert flex["Fremdrift (%)"] == flex["Start"] == flex["Slut"] == flex["Del af"] == ""
    (overgang,) = [row for row in rows if row["Indsats"] == "Den gode overgang"]
    # Decided before the records began: the body is known, the meeting is not.
    assert overgang["Godkendt af"] == "Politisk sundhedsklynge Syd"
    assert overgang["Godkendt dato"] == ""
    assert {row["Status"] for row in rows} == {"Godkendt"}


def test_initiatives_xlsx_holds_real_dates_and_numbers() -> None:
    headers, rows, sheet = sheet_rows("/api/v1/exports/initiatives.xlsx")
    assert headers == INITIATIVE_HEADERS
    (flex,) = [row for row in rows if row["Indsats"] == FLEXKLINIKKEN]
    assert flex["Godkendt dato"] == datetime.datetime(2023, 11, 28)
    assert flex["Id"] == Initiative.objects.get(name=FLEXKLINIKKEN).pk
    assert flex["Status"] == "Godkendt"
    row_number = [r["Indsats"] for r in rows].index(FLEXKLINIKKEN) + 2
    date_cell = sheet.cell(row=row_number, column=INITIATIVE_HEADERS.index("Godkendt dato") + 1)  # type: ignore[attr-defined]
    assert date_cell.is_date and date_cell.number_format == "dd.mm.yyyy"
    assert sheet.freeze_panes == "A2"  # type: ignore[attr-defined]
    assert sheet.cell(row=1, column=1).font.b  # type: ignore[attr-defined]


def test_allocations_csv_holds_byens_2_and_1_4_mio_kr() -> None:
    rows = csv_rows("/api/v1/exports/allocations.csv")
    assert list(rows[0]) == ALLOCATION_HEADERS
    assert len(rows) == Allocation.objects.count() == 2
    two, one_four = rows  # oldest decision first, then in the order they were made
    assert two == {
        "Id": str(Allocation.objects.get(amount=2_000_000).pk),
        "Samarbejde": "Sundhedsklynge Byen",
        "Pulje": BYEN_FUND,
        "År": "2023",
        "Organ": "Politisk sundhedsklynge Byen",
        "Beslutning": two["Beslutning"],
        "Mødedato": "2023-11-28",
        "Beløb (kr.)": "2000000",
        "Fokusområde": VULNERABLE,
        "Indsats": "",
    }
    assert "Der er afsat 2 mio. kr. i klyngemidler" in two["Beslutning"]
    assert one_four["Beløb (kr.)"] == "1400000"
    assert one_four["Fokusområde"] == "Træning før eller i stedet for operation"


def test_allocations_xlsx_amounts_are_numbers_in_kroner() -> None:
    headers, rows, sheet = sheet_rows("/api/v1/exports/allocations.xlsx")
    assert headers == ALLOCATION_HEADERS
    two = rows[0]
    assert two["Beløb (kr.)"] == 2_000_000
    assert two["År"] == 2023
    assert two["Mødedato"] == datetime.datetime(2023, 11, 28)
    assert two["Pulje"] == BYEN_FUND
    amount = sheet.cell(row=2, column=ALLOCATION_HEADERS.index("Beløb (kr.)") + 1)  # type: ignore[attr-defined]
    assert amount.data_type == "n" and amount.number_format == '#,##0.00 "kr."'
    assert sum(row["Beløb (kr.)"] for row in rows) == 3_400_000  # type: ignore[misc]


def test_filters_narrow_the_rows() -> None:
    syd = Collaboration.objects.get(name="Sundhedsklynge Syd")
    byen = Collaboration.objects.get(name="Sundhedsklynge Byen")
    rows = csv_rows(f"/api/v1/exports/initiatives.csv?collaboration={syd.pk}")
    assert len(rows) == 4 and {row["Samarbejde"] for row in rows} == {"Sundhedsklynge Syd"}
    assert csv_rows("/api/v1/exports/initiatives.csv?status=running") == []
    assert len(csv_rows("/api/v1/exports/initiatives.csv?status=approved")) == 6
    assert len(csv_rows(f"/api/v1/exports/allocations.csv?collaboration={byen.pk}&year=2023")) == 2
    assert csv_rows(f"/api/v1/exports/allocations.csv?collaboration={syd.pk}") == []
    assert csv_rows("/api/v1/exports/allocations.csv?year=2024") == []
    fund = Allocation.objects.first().fund  # type: ignore[union-attr]
    assert len(csv_rows(f"/api/v1/exports/allocations.csv?fund={fund.pk}")) == 2
    assert len(csv_rows(f"/api/v1/exports/allocations.csv?body={fund.body_id}")) == 2


def test_public_json_holds_every_kind_of_demo_record_by_id() -> None:
    response = Client().get("/api/v1/exports/public.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    dump = json.loads(content_of(response))
    for key in (
        "collaborations",
        "bodies",
        "seats",
        "memberships",
        "people",
        "parties",
        "committees",
        "topics",
        "meetings",
        "agenda_items",
        "decisions",
        "focus_areas",
        "initiatives",
        "trial_actions",
        "follow_up_research",
        "funds",
        "allocations",
        "memos",
        "sources",
    ):
        assert dump[key], key
    assert [m["id"] for m in dump["meetings"]] == sorted(Meeting.objects.values_list("pk", flat=True))
    # Every public item of a published agenda; the coming example meeting's agenda is not published yet.
    unpublished = AgendaItem.objects.filter(meeting__agenda_published_at=None).exclude(meeting__status="held")
    assert unpublished.exists()
    assert {i["id"] for i in dump["agenda_items"]} == set(
        AgendaItem.objects.filter(is_public=True).exclude(pk__in=unpublished).values_list("pk", flat=True)
    )
    assert {m["status"] for m in dump["memos"]} == {MemoStatus.FINAL}
    assert len(dump["memos"]) == Memo.objects.filter(status=MemoStatus.FINAL).count()
    byen = next(c for c in dump["collaborations"] if c["name"] == "Sundhedsklynge Byen")
    assert len(byen["parties"]) >= 3  # many-to-many references as lists of ids
    allocation = next(a for a in dump["allocations"] if a["amount"] == "2000000.00")
    funds = {f["id"]: f for f in dump["funds"]}
    assert funds[allocation["fund_id"]]["name"] == BYEN_FUND
    flex = next(i for i in dump["initiatives"] if i["name"] == FLEXKLINIKKEN)
    assert flex["approved_by_id"] in {d["id"] for d in dump["decisions"]}
    # Who imported a file is an account, not a public record; invented figures say so.
    (dataset,) = dump["gp_coverage_datasets"]
    assert "imported_by_id" not in dataset and dataset["is_example"] is True


def test_the_initiatives_and_funds_pages_link_to_the_downloads() -> None:
    html = Client().get("/indsatser/").content.decode()
    assert 'href="/api/v1/exports/initiatives.xlsx"' in html
    assert 'href="/api/v1/exports/initiatives.csv"' in html
    html = Client().get("/puljer/").content.decode()
    assert 'href="/api/v1/exports/allocations.xlsx"' in html
    assert 'href="/api/v1/exports/allocations.csv"' in html
    fund = Allocation.objects.first().fund  # type: ignore[union-attr]
    html = Client().get(f"/puljer/{fund.pk}/").content.decode()
    assert f'href="/api/v1/exports/allocations.xlsx?fund={fund.pk}"' in html
