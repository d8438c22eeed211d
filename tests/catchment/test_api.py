"""GET /api/v1/catchment and /api/v1/catchment/rules: the same answers as the page, documented errors,
bounded queries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.api.services import token_create
from klynge.catchment.examples import EXAMPLE_FILE
from klynge.catchment.services import catchment_rules_import
from tests.catchment.test_pages import grow
from tests.clients import administrator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

BYEN = ("bispebjerg", "broenshoej-husum", "indre-by", "noerrebro", "vanloese", "oesterbro")
SYD = ("amager-oest", "amager-vest", "valby", "vesterbrokongens-enghave")


@pytest.mark.parametrize(
    ("slug", "hospital", "cluster"),
    [(s, "Bispebjerg og Frederiksberg Hospital", "sundhedsklynge-byen") for s in BYEN]
    + [(s, "Amager og Hvidovre Hospital", "sundhedsklynge-syd") for s in SYD],
)
def test_every_copenhagen_district(slug: str, hospital: str, cluster: str) -> None:
    response = Client().get(f"/api/v1/catchment?area={slug}&date=2024-06-01")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["hospital"]["name"] == hospital
    assert [c["slug"] for c in body["collaborations"]] == [cluster]
    assert body["collaborations"][0]["kind"] == "cluster"
    assert body["rule"]["valid_from"] == "2022-07-01" and body["rule"]["valid_to"] is None
    assert body["area_fallback"] is False and body["general_fallback"] is False
    assert body["url"] == f"/optageomraader/?omraade={slug}&dato=2024-06-01"


def test_before_and_after_an_imported_change() -> None:
    catchment_rules_import(content=EXAMPLE_FILE.read_bytes(), source_note="EKSEMPEL")

    before = Client().get("/api/v1/catchment?area=valby&date=2025-12-31").json()
    after = Client().get("/api/v1/catchment?area=valby&date=2026-01-01").json()

    assert before["hospital"]["slug"] == "amager-og-hvidovre-hospital"
    assert before["rule"]["valid_to"] == "2025-12-31"
    assert after["hospital"]["slug"] == "bispebjerg-og-frederiksberg-hospital"
    assert [c["slug"] for c in after["collaborations"]] == ["sundhedsklynge-byen"]


def test_births_fall_back_to_the_general_catchment() -> None:
    body = Client().get("/api/v1/catchment?area=noerrebro&date=2024-06-01&specialty=foedsler").json()

    assert body["specialty"]["slug"] == "foedsler"
    assert body["general_fallback"] is True and body["rule"]["specialty"] is None


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("area=atlantis", 404, "Unknown area 'atlantis'"),
        ("area=valby&specialty=hjerte", 404, "Unknown specialty 'hjerte'"),
        ("area=koebenhavn&date=2024-01-01", 404, "No catchment rule covers København on 2024-01-01"),
        ("area=valby&date=2022-06-30", 404, "No catchment rule covers Valby on 2022-06-30"),
        ("area=valby&date=0", 422, "The request does not match"),
        ("area=valby&date=2024-13-01", 422, "The request does not match"),
        ("area=val%20by", 422, "The request does not match"),
        ("", 422, "The request does not match"),
    ],
)
def test_errors_are_documented_json_in_english(query: str, status: int, message: str) -> None:
    response = Client().get(f"/api/v1/catchment?{query}")

    assert response.status_code == status
    assert response.json()["message"].startswith(message)


def test_rules_are_paginated_and_filtered() -> None:
    catchment_rules_import(content=EXAMPLE_FILE.read_bytes(), source_note="EKSEMPEL")
    client = Client()

    valby = client.get("/api/v1/catchment/rules?area=valby").json()
    assert valby["count"] == 2
    assert [r["hospital"]["slug"] for r in valby["items"]] == [
        "amager-og-hvidovre-hospital",
        "bispebjerg-og-frederiksberg-hospital",
    ]
    on_2026 = client.get("/api/v1/catchment/rules?area=valby&valid_on=2026-02-01").json()
    assert [r["valid_from"] for r in on_2026["items"]] == ["2026-01-01"]
    byen = client.get(
        "/api/v1/catchment/rules?hospital=bispebjerg-og-frederiksberg-hospital&valid_on=2026-02-01"
    )
    assert byen.json()["count"] == 8  # six districts, Frederiksberg and Valby
    assert client.get("/api/v1/catchment/rules?specialty=foedsler").json()["count"] == 0
    assert client.get("/api/v1/catchment/rules?general=true&limit=1").json()["count"] == 22
    assert client.get("/api/v1/catchment/rules?valid_on=31-12-2025").status_code == 422


def test_token_and_session_callers_get_the_same_answer() -> None:
    user_client = administrator("reader@test.dk")
    user = get_user_model().objects.get(email="reader@test.dk")
    secret = token_create(user=user, name="t")[1]
    url = "/api/v1/catchment?area=valby&date=2024-06-01"

    anonymous = Client().get(url).json()
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").json() == anonymous
    assert user_client.get(url).json() == anonymous


def count(url: str) -> int:
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_queries_are_bounded() -> None:
    lookup = "/api/v1/catchment?area=frederiksberg&date=2024-06-01&specialty=foedsler"
    rules = "/api/v1/catchment/rules?limit=100"
    few_lookup, few_rules = count(lookup), count(rules)

    grow(15)

    assert count(lookup) == few_lookup
    assert count(rules) == few_rules
    print(f"catchment API queries: lookup {few_lookup}, rules page {few_rules}")
