"""The exports: closed allocations only for those who may see them, a public dump that is public whoever
asks, text that never becomes a formula, odd input refused, and the same few queries at any size."""

import csv
import datetime
import io
import json
import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from klynge.meetings.models import AgendaItemKind, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from klynge.memos.models import MemoKind
from klynge.memos.services import memo_draft
from klynge.organisation.models import Committee
from klynge.work.models import FocusAreaStatus, Initiative
from klynge.work.services import (
    allocation_create,
    focus_area_create,
    initiative_approve,
    initiative_create,
    initiative_set_progress,
)
from tests.clients import content_of
from tests.factories import HELD_ON, ClusterWorld, build_cluster
from tests.site.querycount import CACHE_VERSION_READ, enrich_world, forget_cached_pages, grow_other_clusters

CLOSED_TITLE = "Fortroligt punkt om budget"
CLOSED_DECISION = "Fortrolig beslutning om midler"
CLOSED_AMOUNT = Decimal("123456.50")
APPROVED_IN_CLOSED = "Indsats godkendt på et lukket punkt"
TABLES = (
    "/api/v1/exports/initiatives.csv",
    "/api/v1/exports/initiatives.xlsx",
    "/api/v1/exports/allocations.csv",
    "/api/v1/exports/allocations.xlsx",
)
SEES = {
    "anonymous": False,
    "admin": True,
    "editor_participating": True,
    "editor_other_party": False,
    "member_in_body": True,
    "member_elsewhere": False,
}


@pytest.fixture
def closed_world(world: ClusterWorld) -> ClusterWorld:
    """A closed item whose decision allocates money, approves an initiative and is where a focus area
    was chosen."""
    item = agenda_item_create(
        meeting=world.meeting, title=CLOSED_TITLE, kind=AgendaItemKind.DECISION, is_public=False
    )
    decision = decision_create(
        agenda_item=item, kind=DecisionKind.JOINT, text=CLOSED_DECISION, topic=world.prevention_topic
    )
    allocation_create(fund=world.fund, decision=decision, amount=CLOSED_AMOUNT, focus_area=world.focus_area)
    initiative = initiative_create(name=APPROVED_IN_CLOSED, collaboration=world.cluster)
    initiative_approve(initiative=initiative, decision=decision)
    focus_area_create(
        name="Fokusområde valgt på et lukket punkt",
        collaborations=[world.cluster],
        status=FocusAreaStatus.ADOPTED,
        decided_at=item,
    )
    return world


def client_for(role: str, world: ClusterWorld, how: str = "session") -> tuple[Client, dict[str, str]]:
    client = Client()
    if role == "anonymous":
        return client, {}
    other = build_cluster("Anden")
    kwargs = {
        "admin": {"role": Role.ADMIN},
        "editor_participating": {"role": Role.EDITOR, "party": world.municipality},
        "editor_other_party": {"role": Role.EDITOR, "party": other.municipality},
        "member_in_body": {"role": Role.MEMBER, "person": world.mayor},
        "member_elsewhere": {"role": Role.MEMBER, "person": other.mayor},
    }[role]
    created, _ = account_create(email=f"{role.replace('_', '-')}@test.dk", password="x", **kwargs)  # type: ignore[arg-type]
    user = get_user_model().objects.get(pk=created.pk)
    if how == "session":
        client.force_login(user)
        return client, {}
    return client, {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)[1]}"}  # type: ignore[arg-type]


def table_text(response: object) -> str:
    """Every cell of a CSV or XLSX download, as text."""
    assert response.status_code == 200, response.content  # type: ignore[attr-defined]
    content: bytes = response.content  # type: ignore[attr-defined]
    if response["Content-Type"].startswith("text/csv"):  # type: ignore[index]
        return content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return "\n".join(
        ";".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)
    )


def csv_rows(response: object) -> list[dict[str, str]]:
    text = table_text(response)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


# ---- Who sees what ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(SEES))
@pytest.mark.parametrize("url", [u for u in TABLES if "allocations" in u])
def test_a_closed_allocation_only_for_those_who_may_see_its_decision(
    closed_world: ClusterWorld, role: str, url: str
) -> None:
    client, headers = client_for(role, closed_world, how="token" if url.endswith("xlsx") else "session")
    text = table_text(client.get(url, **headers))  # type: ignore[arg-type]
    assert (CLOSED_DECISION in text) is SEES[role]
    assert ("123456,5" in text or "123456.5" in text) is SEES[role]
    assert "Klyngen godkendte indsatsen." in text  # the public allocation, for everyone


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(SEES))
def test_the_date_of_an_approval_on_a_closed_item_only_for_those_who_may_see_it(
    closed_world: ClusterWorld, role: str
) -> None:
    client, headers = client_for(role, closed_world)
    rows = csv_rows(client.get("/api/v1/exports/initiatives.csv", **headers))  # type: ignore[arg-type]
    (row,) = [r for r in rows if r["Indsats"] == APPROVED_IN_CLOSED]
    assert row["Status"] == "Godkendt"
    assert row["Godkendt af"] == closed_world.political.name  # a political body of its own collaboration
    assert row["Godkendt dato"] == (HELD_ON.isoformat() if SEES[role] else "")


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["session", "token"])
def test_public_json_holds_no_closed_item_or_draft_memo_even_for_an_administrator(
    closed_world: ClusterWorld, how: str
) -> None:
    committee = Committee.objects.get(party=closed_world.municipality)
    draft = memo_draft(committee=committee, kind=MemoKind.STATUS, meeting_date=datetime.date(2023, 12, 14))
    client, headers = client_for("admin", closed_world, how=how)
    response = client.get("/api/v1/exports/public.json", **headers)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert response.streaming  # written as it is read, never whole in memory
    text = content_of(response).decode()
    for secret in (CLOSED_TITLE, CLOSED_DECISION, "123456.50", draft.title, draft.body[:40]):
        assert secret not in text
    dump = json.loads(text)
    assert dump["memos"] == []
    assert {item["is_public"] for item in dump["agenda_items"]} == {True}
    assert "Forebyggelse i Test" in {item["title"] for item in dump["agenda_items"]}
    assert {d["text"] for d in dump["decisions"]} == {"Klyngen godkendte indsatsen."}
    assert {a["amount"] for a in dump["allocations"]} == {"2000000.00"}
    # What points at the closed item or its decision points at nothing; the records themselves are public.
    chosen = next(f for f in dump["focus_areas"] if f["name"] == "Fokusområde valgt på et lukket punkt")
    assert chosen["decided_at_id"] is None
    approved = next(i for i in dump["initiatives"] if i["name"] == APPROVED_IN_CLOSED)
    assert approved["approved_by_id"] is None and approved["status"] == "approved"
    # Every reference to a filtered kind points at a record in the dump.
    item_ids = {i["id"] for i in dump["agenda_items"]}
    assert {d["agenda_item_id"] for d in dump["decisions"]} <= item_ids
    assert {f["decided_at_id"] for f in dump["focus_areas"]} - {None} <= item_ids
    # And it is the very same file the public gets.
    public = json.loads(content_of(Client().get("/api/v1/exports/public.json")))
    assert public == dump


# ---- Formats ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_text_never_becomes_a_formula_and_numbers_stay_numbers(world: ClusterWorld) -> None:
    initiative = initiative_create(name="=HYPERLINK(1)", collaboration=world.cluster)
    initiative_set_progress(initiative=initiative, progress=40)
    response = Client().get("/api/v1/exports/initiatives.csv")
    (row,) = [r for r in csv_rows(response) if r["Id"] == str(initiative.pk)]
    assert row["Indsats"] == "'=HYPERLINK(1)"
    assert row["Fremdrift (%)"] == "40"
    assert row["Status"] == "Foreslået"
    sheet = load_workbook(io.BytesIO(Client().get("/api/v1/exports/initiatives.xlsx").content)).active
    assert sheet is not None
    (cells,) = [r for r in sheet.iter_rows() if r[0].value == initiative.pk]
    assert cells[3].value == "=HYPERLINK(1)" and cells[3].data_type == "s"
    assert cells[6].value == 40 and cells[6].data_type == "n"


@pytest.mark.django_db
def test_the_same_rows_give_the_same_workbook_bytes_within_a_day(world: ClusterWorld) -> None:
    first = Client().get("/api/v1/exports/allocations.xlsx").content
    time.sleep(1.1)  # zip entries are stamped to the second: a later request must not differ
    assert Client().get("/api/v1/exports/allocations.xlsx").content == first
    properties = load_workbook(io.BytesIO(first)).properties
    assert properties.created is not None and properties.created.time() == datetime.time(0, 0)


@pytest.mark.django_db
def test_a_parents_progress_is_its_parts_average_as_on_the_pages(world: ClusterWorld) -> None:
    for n, progress in enumerate((40, 61)):
        child = initiative_create(name=f"Del {n}", collaboration=world.cluster, parent=world.initiative)
        initiative_set_progress(initiative=child, progress=progress)
    rows = {r["Indsats"]: r for r in csv_rows(Client().get("/api/v1/exports/initiatives.csv"))}
    assert rows[world.initiative.name]["Fremdrift (%)"] == "51"  # (40 + 61) / 2, rounded half up
    assert rows["Del 0"]["Del af"] == world.initiative.name


# ---- Odd input --------------------------------------------------------------------------------------


ODD_FILTERS = {
    "initiatives": ["?status=bogus", "?collaboration=0", "?collaboration=abc", "?focus_area=%00"],
    "allocations": [
        "?collaboration=99999999999999999999",
        "?year=abc",
        "?year=99999",
        "?fund=-1",
        "?body=1.5",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        url + query
        for url in TABLES
        for kind, queries in ODD_FILTERS.items()
        if kind in url
        for query in queries
    ],
)
def test_odd_filters_are_refused_with_422_never_a_5xx(world: ClusterWorld, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


@pytest.mark.django_db
def test_unknown_ids_in_filters_give_an_empty_table_with_headers(world: ClusterWorld) -> None:
    response = Client().get("/api/v1/exports/allocations.csv?collaboration=999999")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Id;Samarbejde;Pulje;År;Organ;Beslutning;Mødedato;Beløb (kr.);Fokusområde;Indsats"
    ]


@pytest.mark.django_db
def test_a_wrong_token_is_401(world: ClusterWorld) -> None:
    for url in (*TABLES, "/api/v1/exports/public.json"):
        response = Client().get(url, HTTP_AUTHORIZATION="Bearer klynge_nope")
        assert response.status_code == 401


@pytest.mark.django_db
def test_the_downloads_are_documented_with_their_media_types() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    expected = {
        "/api/v1/exports/initiatives.csv": "text/csv",
        "/api/v1/exports/allocations.csv": "text/csv",
        "/api/v1/exports/initiatives.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "/api/v1/exports/allocations.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "/api/v1/exports/public.json": "application/json",
    }
    for path, media_type in expected.items():
        responses = paths[path]["get"]["responses"]
        assert list(responses["200"]["content"]) == [media_type], path
        assert {"401", "422"} <= set(responses)


# ---- Bounded queries --------------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    client.get(url)
    forget_cached_pages()  # the export's own queries (and the cache's version read), not a cache hit
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        content = content_of(response)  # a streamed file reads as it is written
    assert response.status_code == 200, content
    return len(context.captured_queries)


@pytest.mark.django_db
def test_every_export_makes_the_same_few_queries_however_much_data(world: ClusterWorld) -> None:
    urls = [*TABLES, "/api/v1/exports/public.json"]
    before = {url: _queries(Client(), url) for url in urls}
    grow_other_clusters()
    enrich_world(world)
    after = {url: _queries(Client(), url) for url in urls}
    assert after == before
    assert max(before[url] for url in TABLES) <= 3 + CACHE_VERSION_READ
    assert before["/api/v1/exports/public.json"] <= 60 + CACHE_VERSION_READ


@pytest.mark.django_db
def test_the_export_rows_grow_with_the_data(world: ClusterWorld) -> None:
    """The query test above counts something real: more data, more rows, same queries."""
    before = len(csv_rows(Client().get("/api/v1/exports/allocations.csv")))
    grow_other_clusters(3)
    assert len(csv_rows(Client().get("/api/v1/exports/allocations.csv"))) == before + 3
    assert Initiative.objects.count() == len(csv_rows(Client().get("/api/v1/exports/initiatives.csv")))
