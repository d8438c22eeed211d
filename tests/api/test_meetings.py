"""The meetings API: the same records as the pages for the same caller, and the same writes and rules."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind, Meeting
from klynge.meetings.services import agenda_item_create, decision_create
from klynge.work.models import Allocation
from tests.api.conftest import TokenClient, token_for
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import grow_other_clusters

CLOSED = "Lukket punkt om budgettet"


@pytest.fixture
def closed_item(world: ClusterWorld) -> AgendaItem:
    item = agenda_item_create(
        meeting=world.meeting, title=CLOSED, kind=AgendaItemKind.DECISION, is_public=False
    )
    decision_create(agenda_item=item, kind=DecisionKind.COORDINATION, text="Lukket beslutning")
    return item


def editor_token(world: ClusterWorld, email: str = "sek@test.dk") -> TokenClient:
    return TokenClient(token_for(email=email, role=Role.EDITOR, party=world.municipality))


def titles(response: object) -> set[str]:
    return {item["title"] for item in response.json()["agenda_items"]}  # type: ignore[attr-defined]


def test_anonymous_callers_see_public_items_only(world: ClusterWorld, closed_item: AgendaItem) -> None:
    client = Client()
    assert CLOSED not in titles(client.get(f"/api/v1/meetings/{world.meeting.pk}"))
    assert client.get(f"/api/v1/agenda-items/{closed_item.pk}").status_code == 404
    assert CLOSED not in client.get("/api/v1/agenda-items?limit=100").content.decode()
    assert "Lukket beslutning" not in client.get("/api/v1/decisions?limit=100").content.decode()
    listed = client.get(f"/api/v1/meetings?body={world.political.pk}").json()["items"]
    assert [m["agenda_item_count"] for m in listed if m["id"] == world.meeting.pk] == [1]


@pytest.mark.parametrize("who", ["editor_session", "editor_token", "member_session"])
def test_those_who_may_see_closed_items_see_them(
    world: ClusterWorld, closed_item: AgendaItem, who: str
) -> None:
    client = {
        "editor_session": lambda: editor_of(world.municipality),
        "editor_token": lambda: editor_token(world),
        "member_session": lambda: member_as(world.mayor),
    }[who]()
    assert CLOSED in titles(client.get(f"/api/v1/meetings/{world.meeting.pk}"))
    assert client.get(f"/api/v1/agenda-items/{closed_item.pk}").json()["is_public"] is False


def test_api_and_page_give_the_same_items_to_the_same_user(
    world: ClusterWorld, closed_item: AgendaItem
) -> None:
    other = build_cluster("Anden")
    for client in (Client(), editor_of(world.municipality), editor_of(other.municipality, "x@test.dk")):
        page = client.get(f"/moeder/{world.meeting.pk}/").content.decode()
        api_titles = titles(client.get(f"/api/v1/meetings/{world.meeting.pk}"))
        for title in (world.agenda_item.title, CLOSED):
            assert (title in page) == (title in api_titles), (title, client)


def test_filters(world: ClusterWorld) -> None:
    client = Client()
    build_cluster("Anden")
    assert {m["id"] for m in client.get(f"/api/v1/meetings?body={world.political.pk}").json()["items"]} == {
        world.meeting.pk
    }
    day = world.meeting.date.isoformat()
    assert client.get(f"/api/v1/meetings?date_from={day}&date_to={day}").json()["count"] == 2
    assert client.get("/api/v1/meetings?date_from=2099-01-01").json()["count"] == 0
    assert client.get("/api/v1/meetings?status=cancelled").json()["count"] == 0
    topic = world.agenda_item.topics.first()
    if topic is not None:
        found = client.get(f"/api/v1/agenda-items?topic={topic.slug}").json()["items"]
        assert world.agenda_item.pk in {i["id"] for i in found}
    decisions = client.get(f"/api/v1/decisions?collaboration={world.cluster.pk}").json()
    assert {d["id"] for d in decisions["items"]} == {world.decision.pk}


@pytest.mark.parametrize(
    "query",
    [
        "status=maybe",
        "date_from=28-11-2023",
        "date_from=0",
        "body=0",
        "body=abc",
        "limit=0",
        "limit=101",
        "offset=-1",
        "topic=%00",
        "topic=a%20b",
    ],
)
def test_bad_filters_are_422_with_the_field(world: ClusterWorld, query: str) -> None:
    response = Client().get(f"/api/v1/meetings?{query}")
    assert response.status_code == 422, query
    body = response.json()
    assert body["code"] == "invalid" and body["errors"], query


def test_pages_of_a_list(world: ClusterWorld) -> None:
    build_cluster("Anden")
    first = Client().get("/api/v1/meetings?limit=1").json()
    second = Client().get("/api/v1/meetings?limit=1&offset=1").json()
    assert first["count"] == second["count"] == 2
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_query_counts_do_not_grow_with_the_data(world: ClusterWorld) -> None:
    client = Client()
    urls = [
        "/api/v1/meetings?limit=100",
        "/api/v1/agenda-items?limit=100",
        "/api/v1/decisions?limit=100",
        f"/api/v1/meetings/{world.meeting.pk}",
    ]

    def counts() -> list[int]:
        result = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            result.append(len(context.captured_queries))
        return result

    before = counts()
    grow_other_clusters()
    assert counts() == before


# ---- Writes -------------------------------------------------------------------------------------------


def test_an_editor_creates_a_meeting_an_item_and_a_decision_with_an_allocation(world: ClusterWorld) -> None:
    client = editor_token(world)
    meeting = client.post(
        "/api/v1/meetings",
        {"body": world.political.pk, "date": "2024-03-05", "start_time": "14:00", "location": "Rådhuset"},
        content_type="application/json",
    )
    assert meeting.status_code == 201, meeting.content
    meeting_id = meeting.json()["id"]
    assert meeting.json()["start_time"] == "14:00" and meeting.json()["status"] == "planned"
    item = client.post(
        f"/api/v1/meetings/{meeting_id}/agenda-items",
        {"title": "Midler til forebyggelse", "kind": "decision", "topics": [world.prevention_topic.pk]},
        content_type="application/json",
    )
    assert item.status_code == 201, item.content
    assert item.json()["position"] == 1
    # A decision needs a held meeting.
    held = client.patch(
        f"/api/v1/meetings/{meeting_id}",
        {"status": "held", "date": "2023-12-05"},
        content_type="application/json",
    )
    assert held.status_code == 200, held.content
    decision = client.post(
        f"/api/v1/agenda-items/{item.json()['id']}/decisions",
        {
            "kind": "joint",
            "text": "Klyngen bevilger 250.000 kr.",
            "topic": world.prevention_topic.pk,
            "allocation": {"fund": world.fund.pk, "amount": "250000.50", "initiative": world.initiative.pk},
        },
        content_type="application/json",
    )
    assert decision.status_code == 201, decision.content
    assert Decimal(decision.json()["allocations"][0]["amount"]) == Decimal("250000.50")
    assert Meeting.objects.get(pk=meeting_id).history.first().history_user.email == "sek@test.dk"


def test_an_over_allocation_is_refused_with_the_rules_message_and_nothing_is_saved(
    world: ClusterWorld,
) -> None:
    client = editor_token(world)
    before = (Decision.objects.count(), Allocation.objects.count())
    response = client.post(
        f"/api/v1/agenda-items/{world.agenda_item.pk}/decisions",
        {
            "kind": "coordination",
            "text": "For meget",
            "allocation": {"fund": world.fund.pk, "amount": "999999999", "initiative": world.initiative.pk},
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "rule_violation"
    assert {"fund", "amount"} & set(body["errors"])
    assert (Decision.objects.count(), Allocation.objects.count()) == before


def test_a_joint_decision_on_an_authority_topic_is_refused(world: ClusterWorld) -> None:
    response = editor_token(world).post(
        f"/api/v1/agenda-items/{world.agenda_item.pk}/decisions",
        {"kind": "joint", "text": "Vi beslutter", "topic": world.hospitals_topic.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert any("anbefaling" in m.lower() for ms in response.json()["errors"].values() for m in ms)


def test_other_parties_editors_and_members_may_not_write(
    world: ClusterWorld, closed_item: AgendaItem
) -> None:
    other = build_cluster("Anden")
    outsider = TokenClient(token_for(email="ud@test.dk", role=Role.EDITOR, party=other.municipality))
    member = TokenClient(token_for(email="m@test.dk", role=Role.MEMBER, person=world.mayor))
    before = (Meeting.objects.count(), AgendaItem.objects.count(), world.meeting.history.count())
    # An editor may add meetings only to their own collaborations' bodies (the form's choices, as on the
    # page: 422); a member may add none (403).
    for client, refusal in ((outsider, 422), (member, 403)):
        assert (
            client.post(
                "/api/v1/meetings",
                {"body": world.political.pk, "date": "2024-01-01"},
                content_type="application/json",
            ).status_code
            == refusal
        )
        assert (
            client.patch(
                f"/api/v1/meetings/{world.meeting.pk}", {"title": "x"}, content_type="application/json"
            ).status_code
            == 403
        )
    # A closed item is "not found" to an outsider, as on the pages.
    assert (
        outsider.patch(
            f"/api/v1/agenda-items/{closed_item.pk}", {"title": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    anonymous = Client().post(
        "/api/v1/meetings",
        {"body": world.political.pk, "date": "2024-01-01"},
        content_type="application/json",
    )
    assert anonymous.status_code == 401
    assert (Meeting.objects.count(), AgendaItem.objects.count(), world.meeting.history.count()) == before


def test_session_writes_need_the_csrf_token(world: ClusterWorld) -> None:
    client = editor_of(world.municipality)
    client.handler.enforce_csrf_checks = True
    response = client.patch(
        f"/api/v1/meetings/{world.meeting.pk}", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 403 and "CSRF" in response.json()["message"]


def test_a_change_on_an_outdated_version_is_a_409(world: ClusterWorld) -> None:
    client = editor_token(world)
    version = client.get(f"/api/v1/meetings/{world.meeting.pk}").json()["version"]
    assert version == record_version(world.meeting)
    first = client.patch(
        f"/api/v1/meetings/{world.meeting.pk}",
        {"title": "Ny", "version": version},
        content_type="application/json",
    )
    assert first.status_code == 200 and first.json()["version"] != version
    stale = client.patch(
        f"/api/v1/meetings/{world.meeting.pk}",
        {"title": "Gammel", "version": version},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert Meeting.objects.get(pk=world.meeting.pk).title == "Ny"


def test_move_and_remove_agenda_items(world: ClusterWorld) -> None:
    client = editor_token(world)
    second = agenda_item_create(meeting=world.meeting, title="Andet punkt", kind=AgendaItemKind.ORIENTATION)
    moved = client.post(
        f"/api/v1/agenda-items/{second.pk}/move", {"direction": "up"}, content_type="application/json"
    )
    assert moved.json()[0]["title"] == "Andet punkt"
    assert client.delete(f"/api/v1/agenda-items/{second.pk}").status_code == 204
    # An item with decisions stays.
    refused = client.delete(f"/api/v1/agenda-items/{world.agenda_item.pk}")
    assert refused.status_code == 422 and AgendaItem.objects.filter(pk=world.agenda_item.pk).exists()


def test_unknown_paths_and_bodies_that_are_not_json(world: ClusterWorld) -> None:
    client = editor_token(world)
    assert client.get("/api/v1/no-such-thing").json()["code"] == "not_found"
    response = client.post("/api/v1/meetings", "not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "bad_request"
    listed = client.post("/api/v1/meetings", [1, 2], content_type="application/json")
    assert listed.status_code == 422
    extra = client.post(
        "/api/v1/meetings",
        {"body": world.political.pk, "date": "2024-01-01", "secret": 1},
        content_type="application/json",
    )
    assert extra.status_code == 422 and "secret" in extra.json()["errors"]
    assert datetime.date.today()  # the clock is not part of these answers
