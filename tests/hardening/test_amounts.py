"""Amounts that are no amount of kroner — 1e30, NaN, Infinity, -Infinity — and amounts beyond what the
database keeps (14 digits, two of them øre), in the pages' amount fields and the API's JSON: refused
with a clear message, nothing saved."""

import pytest
from django.test import Client

from klynge.kernel.records import record_version
from klynge.meetings.models import Decision
from klynge.work.models import Allocation, Fund
from tests.factories import ClusterWorld
from tests.hardening.conftest import field_section, refusal, send

NOT_AMOUNTS = ["1e30", "NaN", "Infinity", "-Infinity"]
TOO_BIG = "1.000.000.000.000"  # 10^12 kr.: 13 digits and two of øre do not fit 14
MESSAGE = {**dict.fromkeys(NOT_AMOUNTS, "Skriv beløbet i kroner"), TOO_BIG: "Beløbet er for stort"}


def fund_page_data(world: ClusterWorld, amount: str) -> dict[str, object]:
    return {"body": world.political.pk, "year": 2025, "name": "Ny pulje", "amount": amount, "description": ""}


@pytest.mark.parametrize("amount", NOT_AMOUNTS)
def test_a_new_fund_on_the_page(world: ClusterWorld, admin: Client, amount: str) -> None:
    funds = Fund.objects.count()
    response = admin.post("/puljer/ny/", fund_page_data(world, amount))
    assert response.status_code == 422
    section = field_section(response.content.decode(), "amount")
    assert MESSAGE[amount] in section and f'value="{amount}"' in section
    assert Fund.objects.count() == funds


def test_a_fund_too_big_on_the_page(world: ClusterWorld, admin: Client) -> None:
    funds = Fund.objects.count()
    response = admin.post("/puljer/ny/", fund_page_data(world, TOO_BIG))
    assert MESSAGE[TOO_BIG] in field_section(response.content.decode(), "amount")
    assert Fund.objects.count() == funds


@pytest.mark.parametrize("amount", [*NOT_AMOUNTS, TOO_BIG])
def test_a_changed_fund_on_the_page(world: ClusterWorld, admin: Client, amount: str) -> None:
    fund = world.fund
    data = {"name": fund.name, "amount": amount, "description": "", "seen_version": record_version(fund)}
    response = admin.post(f"/puljer/{fund.pk}/rediger/", data)
    assert response.status_code == 422
    assert MESSAGE[amount] in field_section(response.content.decode(), "amount")
    assert Fund.objects.get(pk=fund.pk).amount == fund.amount


@pytest.mark.parametrize("amount", [*NOT_AMOUNTS, TOO_BIG])
def test_a_decision_with_an_allocation_on_the_page(world: ClusterWorld, admin: Client, amount: str) -> None:
    decisions, allocations = Decision.objects.count(), Allocation.objects.count()
    data = {
        "kind": "joint",
        "text": "Klyngen bevilger midler.",
        "fund": world.fund.pk,
        "amount": amount,
        "focus_area": world.focus_area.pk,
    }
    response = admin.post(f"/punkter/{world.agenda_item.pk}/beslutninger/ny/", data)
    assert response.status_code == 422
    assert MESSAGE[amount] in field_section(response.content.decode(), "amount")
    assert (Decision.objects.count(), Allocation.objects.count()) == (decisions, allocations)


# In JSON: numbers as Python's json writes them (NaN and Infinity are not JSON, but common parsers take
# them), and the same as strings.
JSON_AMOUNTS = [*NOT_AMOUNTS, *(f'"{a}"' for a in NOT_AMOUNTS), "1000000000000"]


def _with_amount(template: str, amount: str) -> str:
    return template.replace('"AMOUNT"', amount)


@pytest.mark.parametrize("amount", JSON_AMOUNTS)
def test_a_new_fund_in_the_api(world: ClusterWorld, api: Client, amount: str) -> None:
    funds = Fund.objects.count()
    body = f'{{"body": {world.political.pk}, "year": 2025, "name": "Ny pulje", "amount": "AMOUNT"}}'
    answer = refusal(send(api, "post", "/funds", _with_amount(body, amount)))
    assert answer["code"] == "invalid" and answer["errors"]["amount"]
    assert Fund.objects.count() == funds


@pytest.mark.parametrize("amount", JSON_AMOUNTS)
def test_a_changed_fund_in_the_api(world: ClusterWorld, api: Client, amount: str) -> None:
    answer = refusal(
        send(api, "patch", f"/funds/{world.fund.pk}", _with_amount('{"amount": "AMOUNT"}', amount))
    )
    assert answer["errors"]["amount"]
    assert Fund.objects.get(pk=world.fund.pk).amount == world.fund.amount


@pytest.mark.parametrize("amount", JSON_AMOUNTS)
def test_a_decision_with_an_allocation_in_the_api(world: ClusterWorld, api: Client, amount: str) -> None:
    decisions, allocations = Decision.objects.count(), Allocation.objects.count()
    allocation = f'{{"fund": {world.fund.pk}, "amount": "AMOUNT", "focus_area": {world.focus_area.pk}}}'
    body = f'{{"kind": "joint", "text": "Klyngen bevilger midler.", "allocation": {allocation}}}'
    path = f"/agenda-items/{world.agenda_item.pk}/decisions"
    answer = refusal(send(api, "post", path, _with_amount(body, amount)))
    assert answer["errors"]["allocation.amount"]
    assert (Decision.objects.count(), Allocation.objects.count()) == (decisions, allocations)


def test_a_real_amount_is_taken(world: ClusterWorld, api: Client) -> None:
    """The refusals above are about the amount: the same requests with an amount are saved."""
    allocation = {"fund": world.fund.pk, "amount": 1000, "focus_area": world.focus_area.pk}
    body = {"kind": "joint", "text": "Klyngen bevilger midler.", "allocation": allocation}
    assert send(api, "post", f"/agenda-items/{world.agenda_item.pk}/decisions", body).status_code == 201
    assert send(api, "patch", f"/funds/{world.fund.pk}", {"amount": "3500000.50"}).status_code == 200
