"""A fund of 1.250.000 kr. with an allocation of 200.000,50 kr. reads exactly so everywhere: on the fund pages,
the meeting, the public pages, the change history, the edit form, and in the CSV and XLSX downloads."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from klynge.kernel.records import record_version
from klynge.work.models import Fund
from klynge.work.services import allocation_create, fund_create
from tests.clients import editor_of
from tests.factories import ClusterWorld

FUND_NAME = "Klyngemidler Test 2024"
PART = Decimal("200000.50")


@pytest.fixture
def fund(world: ClusterWorld) -> Fund:
    fund = fund_create(body=world.political, year=2024, name=FUND_NAME, amount=1_250_000)
    allocation_create(fund=fund, decision=world.decision, amount=PART, focus_area=world.focus_area)
    return fund


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def row_of(html: str, name: str) -> str:
    """The table row that names the fund."""
    start = html.index(f">{name}</a>")
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_the_fund_list_states_the_amounts_exactly(fund: Fund) -> None:
    row = row_of(page(Client(), "/puljer/"), FUND_NAME)
    assert ">1,25 mio. kr.</td>" in row  # not "1,2 mio. kr."
    assert ">200.000,50 kr.</td>" in row  # not "200.000,5 kr."
    assert ">1.049.999,50 kr.</td>" in row  # what remains; not "1 mio. kr."


def test_the_fund_page_states_the_amounts_exactly(fund: Fund) -> None:
    html = page(Client(), f"/puljer/{fund.pk}/")
    assert '<th scope="row">Ramme</th><td>1,25 mio. kr.</td>' in html
    assert '<th scope="row">Bevilget</th><td>200.000,50 kr.</td>' in html
    assert '<th scope="row">Rest</th><td>1.049.999,50 kr.</td>' in html
    assert '<td class="align-text-right">200.000,50 kr.</td>' in html  # the allocation's row
    for misstated in ("1,2 mio.", "200.000,5 kr.", "1 mio. kr."):
        assert misstated not in html


def test_the_meeting_and_the_public_pages_state_the_allocation_exactly(
    world: ClusterWorld, fund: Fund
) -> None:
    meeting = page(Client(), f"/moeder/{world.meeting.pk}/")
    assert f"200.000,50 kr. fra {FUND_NAME}" in meeting
    portal = page(Client(), f"/foelg/{world.cluster.slug}/")
    # The collaboration's two funds: 3 mio. + 1,25 mio.; 2 mio. + 200.000,50 allocated from them.
    assert "Ramme 4,25 mio. kr., bevilget 2.200.000,50 kr., rest 2.049.999,50 kr." in portal


def test_the_edit_form_and_the_history_state_the_amount_exactly(world: ClusterWorld, fund: Fund) -> None:
    editor = editor_of(world.municipality)
    form = page(editor, f"/puljer/{fund.pk}/rediger/")
    assert 'value="1.250.000"' in form
    response = editor.post(
        f"/puljer/{fund.pk}/rediger/",
        {
            "name": FUND_NAME,
            "amount": "1.250.000,05",
            "description": "",
            "seen_version": record_version(fund),
        },
    )
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.amount == Decimal("1250000.05")
    html = page(editor, f"/puljer/{fund.pk}/")
    assert '<th scope="row">Ramme</th><td>1.250.000,05 kr.</td>' in html  # øre: the full form
    assert "1.250.000 → 1.250.000,05" in html  # the history, in Danish figures
    assert 'value="1.250.000,05"' in page(editor, f"/puljer/{fund.pk}/rediger/")


def test_the_csv_download_keeps_the_ore(fund: Fund) -> None:
    response = Client().get(f"/api/v1/exports/allocations.csv?fund={fund.pk}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row["Beløb (kr.)"] for row in rows] == ["200000,50"]  # a number for Danish Excel, exact
    everything = Client().get("/api/v1/exports/allocations.csv").content.decode("utf-8-sig")
    assert ";2000000;" in everything  # whole kroner without decimals


def test_the_xlsx_download_holds_the_exact_number(fund: Fund) -> None:
    response = Client().get(f"/api/v1/exports/allocations.xlsx?fund={fund.pk}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header, row = list(sheet.iter_rows())
    column = [cell.value for cell in header].index("Beløb (kr.)")
    amount = row[column]
    assert amount.data_type == "n" and Decimal(str(amount.value)) == PART
    assert amount.number_format == '#,##0.00 "kr."'  # shown as 200.000,50 kr. in Danish Excel
