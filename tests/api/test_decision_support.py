"""The decision-support API on the demo: GP coverage, temporary places, coordination and lineage give the
pages' numbers, flag example data, answer 404 for unknown ids and 422 for bad years and periods, and make
a bounded number of queries."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.bodies.models import Collaboration
from klynge.gpcoverage.models import GpCoverageDataset
from klynge.gpcoverage.selectors import dataset_by_slug, dataset_forecast
from klynge.organisation.models import Party
from klynge.reform.models import CarryOver
from klynge.reform.selectors import cluster_proposals, coordination_for
from klynge.reform.services import Choice, transition_plan_save, transition_plan_transfer
from klynge.temporaryplaces.models import PlaceCount
from klynge.temporaryplaces.periods import parse_period
from klynge.temporaryplaces.selectors import place_count_settlement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

API = "/api/v1"


def get(url: str, client: Client | None = None, status: int = 200) -> Any:
    response = (client or Client()).get(url)
    assert response.status_code == status, response.content
    return response.json()


def queries(url: str) -> int:
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


# ---- GP coverage ------------------------------------------------------------------------------------------


def test_gp_datasets_list_flags_the_example() -> None:
    page = get(f"{API}/gp-coverage/datasets")
    dataset = GpCoverageDataset.objects.get()
    assert page["count"] == 1
    item = page["items"][0]
    assert item["id"] == dataset.pk and item["is_example"] is True
    assert item["criteria"]["norm"] == dataset.norm == 1600
    assert item["url"] == f"/laegedaekning/{dataset.slug}/"
    assert item["source"]["kind"] == "example"


def test_gp_forecast_has_the_pages_numbers() -> None:
    dataset = GpCoverageDataset.objects.get()
    answer = get(f"{API}/gp-coverage/datasets/{dataset.pk}")
    found = dataset_by_slug(slug=dataset.slug)
    assert found is not None
    expected = dataset_forecast(dataset=found, target_year=found.last_year)  # type: ignore[attr-defined]
    assert answer["is_example"] is True and answer["dataset"]["is_example"] is True
    assert answer["target_year"] == expected.target_year
    assert answer["to_recruit_in_target_year"] == expected.top_level_to_recruit
    assert [a["area"]["name"] for a in answer["areas"]] == [a.name for a in expected.areas]
    for out, area in zip(answer["areas"], expected.areas, strict=True):
        assert [
            (y["year"], y["available"], y["needed"], y["to_recruit"], y["threatened"], y["reasons"])
            for y in out["years"]
        ] == [
            (y.year, y.available, y.needed, y.to_recruit, y.threatened, list(y.reasons)) for y in area.years
        ]
    assert {a["name"] for a in answer["threatened_in_target_year"]} == {
        a.name for a in expected.threatened_in_target_year
    }
    # The page shows the same recruitment need for the target year.
    html = Client().get(f"/laegedaekning/{dataset.slug}/").content.decode()
    assert str(expected.top_level_to_recruit) in html


def test_gp_forecast_to_an_earlier_year_and_the_reported_figures() -> None:
    dataset = GpCoverageDataset.objects.get()
    first = get(f"{API}/gp-coverage/datasets/{dataset.pk}")["years"][0]
    answer = get(f"{API}/gp-coverage/datasets/{dataset.pk}?target_year={first}")
    assert answer["target_year"] == first and answer["years"] == [first]
    figures = answer["reported_figures"]
    assert any(f["value"] == "62.00" and f["year"] == 2027 for f in figures), figures
    assert all(f["source"] is not None for f in figures)


def test_gp_unknown_dataset_and_bad_years() -> None:
    dataset = GpCoverageDataset.objects.get()
    get(f"{API}/gp-coverage/datasets/999999", status=404)
    assert get(f"{API}/gp-coverage/datasets/{dataset.pk}?target_year=1991", status=422)["code"] == "invalid"
    get(f"{API}/gp-coverage/datasets/{dataset.pk}?target_year=3000", status=422)
    get(f"{API}/gp-coverage/datasets/{dataset.pk}?target_year=abc", status=422)
    get(f"{API}/gp-coverage/datasets/0", status=422)


# ---- Temporary places -------------------------------------------------------------------------------------


def test_place_counts_list_flags_the_example() -> None:
    page = get(f"{API}/temporary-places/counts")
    count = PlaceCount.objects.get()
    assert page["count"] == 1
    item = page["items"][0]
    assert item["id"] == count.pk and item["is_example"] is True
    assert item["municipality_count"] == 12 and item["region"]["name"] == "Region Hovedstaden"


def test_place_count_settlement_is_the_pages() -> None:
    count = PlaceCount.objects.get()
    latest = get(f"{API}/temporary-places/counts/{count.pk}")
    assert latest["is_example"] is True and latest["period"]["token"] == "2023-K4"
    assert [p["token"] for p in latest["periods"]] == ["2023-K1", "2023-K2", "2023-K3", "2023-K4"]
    answer = get(f"{API}/temporary-places/counts/{count.pk}?period=2023-K2")
    assert answer["period"]["label"] == "2. kvartal 2023"
    expected = place_count_settlement(count=count, period=parse_period("2023-K2"))
    balances = answer["settlement"]["balances"]
    assert [b["municipality"]["name"] for b in balances] == [b.municipality.name for b in expected.balances]
    assert [(b["places"], b["used_days"], b["net_days"], b["net_amount"]) for b in balances] == [
        (b.places, b.used_days, b.net_days, str(b.net_amount)) for b in expected.balances
    ]
    assert len(answer["settlement"]["pairs"]) == len(expected.pairs)
    assert [(t["payer"]["name"], t["amount"]) for t in answer["settlement"]["transfers"]] == [
        (t.payer.name, str(t.amount)) for t in expected.transfers
    ]
    total = expected.total
    assert answer["settlement"]["total"]["places"] == total.places
    assert answer["projection"]["places_to_region"] == str(total.places_to_region)
    assert answer["projection"]["share_to_region"] == "0.7"
    assert answer["projection"]["source"] is not None
    assert answer["url"].endswith("?periode=2023-K2")


def test_place_count_unknown_and_bad_periods() -> None:
    count = PlaceCount.objects.get()
    get(f"{API}/temporary-places/counts/999999", status=404)
    get(f"{API}/temporary-places/counts/{count.pk}?period=2023-13", status=422)
    get(f"{API}/temporary-places/counts/{count.pk}?period=nonsense", status=422)
    refused = get(f"{API}/temporary-places/counts/{count.pk}?period=2019", status=422)
    assert "2023-K1" in refused["message"]


# ---- Coordination and lineage -----------------------------------------------------------------------------


def test_coordination_is_the_pages() -> None:
    copenhagen = Party.objects.get(name="Københavns Kommune")
    answer = get(f"{API}/coordination/{copenhagen.pk}")
    view = coordination_for(copenhagen)
    assert [c["name"] for c in answer["clusters"]] == [c.name for c in view.clusters]
    assert len(answer["clusters"]) == 2
    assert [r["topic"] for r in answer["rows"]] == [r.topic for r in view.rows]
    assert answer["uneven_topics"] == [r.topic for r in view.uneven_rows]
    for row, expected in zip(answer["rows"], view.rows, strict=True):
        assert [[r["id"] for r in cell["records"]] for cell in row["cells"]] == [
            [r.pk for r in cell] for cell in expected.cells
        ]
    assert answer["url"] == f"/koordination/{copenhagen.slug}/"
    assert isinstance(answer["is_example"], bool)


def test_coordination_unknown_or_not_a_municipality() -> None:
    get(f"{API}/coordination/999999", status=404)
    region = Party.objects.get(name="Region Hovedstaden")
    get(f"{API}/coordination/{region.pk}", status=404)


def carry_over_syd() -> Collaboration:
    syd = Collaboration.objects.get(short_name="Syd", kind="cluster")
    choices = {p.key: Choice(tuple(c.pk for c in p.councils)) for p in cluster_proposals(syd)}
    transition_plan_transfer(plan=transition_plan_save(cluster=syd, choices=choices))
    return syd


def test_successors_give_their_lineage() -> None:
    assert get(f"{API}/health-councils/successors")["count"] == 0
    syd = carry_over_syd()
    page = get(f"{API}/health-councils/successors?limit=100")
    assert page["count"] == CarryOver.objects.count() > 0
    carry = CarryOver.objects.select_related("council").first()
    assert carry is not None
    item = next(i for i in page["items"] if i["id"] == carry.pk)
    assert item["original"]["id"] == carry.original.pk  # type: ignore[union-attr]
    assert item["successor"]["id"] == carry.successor.pk  # type: ignore[union-attr]
    assert item["cluster"]["id"] == syd.pk
    by_council = get(f"{API}/health-councils/successors?collaboration={carry.council_id}")
    assert by_council["count"] == CarryOver.objects.filter(council=carry.council).count()
    assert get(f"{API}/health-councils/successors?collaboration={syd.pk}")["count"] == page["count"]
    get(f"{API}/health-councils/successors?collaboration=0", status=422)


# ---- Bounded queries --------------------------------------------------------------------------------------


def test_queries_do_not_grow_with_the_records() -> None:
    count = PlaceCount.objects.get()
    dataset = GpCoverageDataset.objects.get()
    copenhagen = Party.objects.get(name="Københavns Kommune")
    urls = {
        f"{API}/gp-coverage/datasets": 3,
        f"{API}/gp-coverage/datasets/{dataset.pk}": 6,
        f"{API}/temporary-places/counts": 3,
        f"{API}/temporary-places/counts/{count.pk}": 7,
        f"{API}/coordination/{copenhagen.pk}": 12,
        f"{API}/health-councils/successors": 3,
    }
    few = {url: queries(url) for url in urls}
    carry_over_syd()
    many = {url: queries(url) for url in urls}
    assert many == few
    over = {url: n for url, n in few.items() if n > urls[url]}
    assert not over, f"more queries than allowed: {few}"
