"""The work API (focus areas, initiatives, trial actions, follow-up research, funds, allocations): the same
records as the pages for the same caller, and the same writes, forms and rules as the editing pages."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from klynge.organisation.models import Party, Person
from klynge.work.models import (
    FocusArea,
    FocusAreaStatus,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    Initiative,
    TrialAction,
)
from klynge.work.services import (
    allocation_create,
    focus_area_create,
    follow_up_research_create,
    initiative_approve,
    initiative_create,
    initiative_set_progress,
    trial_action_create,
)
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import enrich_world, grow_other_clusters

API = "/api/v1"
CLOSED_AMOUNT = Decimal("456789.00")


def token_client(
    *, email: str, role: Role, party: Party | None = None, person: Person | None = None
) -> Client:
    user, _ = account_create(email=email, role=role, party=party, person=person, password="x")
    secret = token_create(user=user, name="test")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def editor_token(world: ClusterWorld, email: str = "sek@test.dk") -> Client:
    return token_client(email=email, role=Role.EDITOR, party=world.municipality)


def outsider_token(other: ClusterWorld) -> Client:
    return token_client(email="ud@test.dk", role=Role.EDITOR, party=other.municipality)


def send(client: Client, method: str, url: str, payload: Any) -> Any:
    return getattr(client, method)(f"{API}{url}", payload, content_type="application/json")


def items(client: Client, url: str) -> list[dict[str, Any]]:
    response = client.get(f"{API}{url}")
    assert response.status_code == 200, response.content
    return response.json()["items"]  # type: ignore[no-any-return]


def ids(client: Client, url: str) -> set[int]:
    return {item["id"] for item in items(client, url)}


@pytest.fixture
def closed_item(world: ClusterWorld) -> AgendaItem:
    return agenda_item_create(
        meeting=world.meeting, title="Lukket punkt om midler", kind=AgendaItemKind.DECISION, is_public=False
    )


@pytest.fixture
def closed_decision(world: ClusterWorld, closed_item: AgendaItem) -> Decision:
    """A decision on a closed item that allocates 456.789 kr. to the world's initiative and focus area."""
    decision = decision_create(
        agenda_item=closed_item, kind=DecisionKind.COORDINATION, text="Lukket bevilling"
    )
    allocation_create(
        fund=world.fund,
        decision=decision,
        amount=CLOSED_AMOUNT,
        focus_area=world.focus_area,
        initiative=world.initiative,
    )
    return decision


# ---- Reads: what each caller sees --------------------------------------------------------------------


def test_a_closed_allocation_is_absent_for_those_who_may_not_see_its_item(
    world: ClusterWorld, closed_decision: Decision
) -> None:
    other = build_cluster("Anden")
    closed = closed_decision.allocations.get()
    callers = [Client(), outsider_token(other), member_as(other.mayor)]
    for client in callers:
        for url in (
            "/allocations?limit=100",
            "/funds?limit=100",
            f"/funds/{world.fund.pk}",
            f"/initiatives/{world.initiative.pk}",
            f"/focus-areas/{world.focus_area.pk}",
        ):
            text = client.get(f"{API}{url}").content.decode()
            assert "456789" not in text and "543211" not in text, url
        assert client.get(f"{API}/allocations/{closed.pk}").status_code == 404
        fund = client.get(f"{API}/funds/{world.fund.pk}").json()
        # What they may see, added up: 2 mio. of 3 mio.
        assert (fund["total"], fund["allocated"], fund["remaining"]) == (
            "3000000.00",
            "2000000.00",
            "1000000.00",
        )


@pytest.mark.parametrize("who", ["editor_token", "editor_session", "member_session"])
def test_a_closed_allocation_shows_to_those_who_may_see_its_item(
    world: ClusterWorld, closed_decision: Decision, who: str
) -> None:
    client = {
        "editor_token": lambda: editor_token(world),
        "editor_session": lambda: editor_of(world.municipality),
        "member_session": lambda: member_as(world.mayor),
    }[who]()
    closed = closed_decision.allocations.get()
    fund = client.get(f"{API}/funds/{world.fund.pk}").json()
    assert (fund["allocated"], fund["remaining"]) == ("2456789.00", "543211.00")
    assert closed.pk in {a["id"] for a in fund["allocations"]}
    found = client.get(f"{API}/allocations/{closed.pk}").json()
    assert found["amount"] == "456789.00" and found["decision_id"] == closed_decision.pk
    assert found["initiative"]["id"] == world.initiative.pk and found["url"] == f"/puljer/{world.fund.pk}/"
    initiative = client.get(f"{API}/initiatives/{world.initiative.pk}").json()
    assert [a["id"] for a in initiative["allocations"]] == [closed.pk]


def test_api_and_pages_show_the_same_allocations_to_the_same_caller(
    world: ClusterWorld, closed_decision: Decision
) -> None:
    other = build_cluster("Anden")
    for client in (Client(), editor_of(world.municipality), editor_of(other.municipality, "x@test.dk")):
        page = client.get(f"/puljer/{world.fund.pk}/").content.decode()
        fund = client.get(f"{API}/funds/{world.fund.pk}").json()
        assert ("456.789 kr." in page) == ("456789.00" in {a["amount"] for a in fund["allocations"]})
        assert ("543.211 kr." in page) == (fund["remaining"] == "543211.00")


def test_where_a_closed_item_decided_or_approved_is_named_only_to_those_who_may_see_it(
    world: ClusterWorld, closed_item: AgendaItem
) -> None:
    decision = decision_create(
        agenda_item=closed_item, kind=DecisionKind.COORDINATION, text="Godkendt lukket"
    )
    focus_area = focus_area_create(
        name="Valgt lukket",
        collaborations=[world.cluster],
        status=FocusAreaStatus.ADOPTED,
        decided_at=closed_item,
    )
    initiative = initiative_approve(
        initiative=initiative_create(name="Godkendt lukket", collaboration=world.cluster), decision=decision
    )
    trial_action = trial_action_create(
        focus_area=focus_area, name="Prøvehandling lukket", approved_by=decision
    )
    for client, expected in ((Client(), None), (editor_token(world), "shown")):
        fa = client.get(f"{API}/focus-areas/{focus_area.pk}").json()
        ini = client.get(f"{API}/initiatives/{initiative.pk}").json()
        ta = client.get(f"{API}/trial-actions/{trial_action.pk}").json()
        if expected is None:
            assert fa["decided_at_agenda_item_id"] is None
            assert ini["approved_by_decision_id"] is None and ta["approved_by_decision_id"] is None
            assert ini["status"] == "approved"  # that it is approved is public
        else:
            assert fa["decided_at_agenda_item_id"] == closed_item.pk
            assert ini["approved_by_decision_id"] == ta["approved_by_decision_id"] == decision.pk


def test_a_focus_area_in_full(world: ClusterWorld) -> None:
    follow_up_research_create(
        title="Evaluering", status=FollowUpResearchStatus.PLANNED, focus_area=world.focus_area
    )
    body = Client().get(f"{API}/focus-areas/{world.focus_area.pk}").json()
    assert body["slug"] == world.focus_area.slug and body["status"] == "adopted"
    assert [c["slug"] for c in body["collaborations"]] == [world.cluster.slug]
    assert [t["slug"] for t in body["topics"]] == ["forebyggelse"]
    assert body["decided_at_agenda_item_id"] == world.agenda_item.pk
    assert body["initiative_ids"] == [world.initiative.pk]
    assert [t["name"] for t in body["trial_actions"]] == ["Prøvehandling Test"]
    assert body["trial_actions"][0]["approved_by_decision_id"] == world.decision.pk
    assert [r["title"] for r in body["follow_up_research"]] == ["Evaluering"]
    assert body["follow_up_research"][0]["url"] == f"/fokusomraader/{world.focus_area.slug}/#foelgeforskning"
    assert [a["amount"] for a in body["allocations"]] == ["2000000.00"]
    assert body["url"] == f"/fokusomraader/{world.focus_area.slug}/"
    assert body["version"] == record_version(world.focus_area)
    assert body["source"]["key"] == "test"
    assert Client().get(f"{API}/focus-areas/999999").status_code == 404


def test_the_initiative_tree_with_rolled_up_progress(world: ClusterWorld) -> None:
    first = initiative_create(name="Første del", collaboration=world.cluster, parent=world.initiative)
    second = initiative_create(name="Anden del", collaboration=world.cluster, parent=world.initiative)
    grandchild = initiative_create(name="Barnebarn", collaboration=world.cluster, parent=second)
    initiative_set_progress(initiative=first, progress=40)
    initiative_set_progress(initiative=grandchild, progress=61)
    initiative_set_progress(initiative=world.initiative, progress=10)
    client = Client()
    by_id = {i["id"]: i for i in items(client, f"/initiatives?collaboration={world.cluster.pk}")}
    top = by_id[world.initiative.pk]
    assert top["parent_id"] is None and top["children_ids"] == [second.pk, first.pk]  # by name
    # (40 + 61) / 2 = 50.5, rounded half up; its own 10 % stays as recorded.
    assert (top["progress"], top["rolled_up_progress"], top["progress_is_rolled_up"]) == (10, 51, True)
    assert (by_id[second.pk]["rolled_up_progress"], by_id[second.pk]["progress_is_rolled_up"]) == (61, True)
    assert by_id[grandchild.pk]["parent_id"] == second.pk and by_id[grandchild.pk]["children_ids"] == []
    assert (by_id[first.pk]["rolled_up_progress"], by_id[first.pk]["progress_is_rolled_up"]) == (40, False)
    # The same as the page.
    assert "51 %" in client.get(f"/indsatser/{world.initiative.slug}/").content.decode()
    detail = client.get(f"{API}/initiatives/{world.initiative.pk}").json()
    assert detail["rolled_up_progress"] == 51 and detail["children_ids"] == [second.pk, first.pk]
    assert ids(client, f"/initiatives?parent={world.initiative.pk}") == {first.pk, second.pk}
    assert ids(client, "/initiatives?top_level=true") == {world.initiative.pk}
    assert world.initiative.pk not in ids(client, "/initiatives?top_level=false")


# ---- Filters -----------------------------------------------------------------------------------------


def test_filters(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    client = Client()
    initiative_create(
        name="Senere",
        collaboration=world.cluster,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    later = Initiative.objects.get(name="Senere")
    research = follow_up_research_create(
        title="Evaluering", status=FollowUpResearchStatus.RUNNING, initiative=world.initiative
    )
    c, o = world.cluster.pk, other.cluster.pk
    assert ids(client, f"/focus-areas?collaboration={c}") == {world.focus_area.pk}
    assert ids(client, "/focus-areas?status=adopted") == {world.focus_area.pk, other.focus_area.pk}
    assert ids(client, "/focus-areas?status=closed") == set()
    assert ids(client, "/focus-areas?topic=forebyggelse") == {world.focus_area.pk, other.focus_area.pk}
    assert ids(client, "/focus-areas?topic=ingen-saadan") == set()
    assert ids(client, f"/initiatives?collaboration={o}") == {other.initiative.pk}
    assert ids(client, f"/initiatives?focus_area={world.focus_area.pk}") == {world.initiative.pk}
    assert ids(client, "/initiatives?status=proposed") == {later.pk}
    assert ids(client, f"/initiatives?topic=forebyggelse&collaboration={c}") == {world.initiative.pk}
    # The period: overlapping it, an unknown start or end counting as open.
    assert later.pk not in ids(client, "/initiatives?date_to=2025-12-31")
    assert later.pk in ids(client, "/initiatives?date_from=2026-06-01&date_to=2026-06-30")
    assert later.pk not in ids(client, "/initiatives?date_from=2027-01-01")
    assert world.initiative.pk in ids(client, "/initiatives?date_from=2027-01-01")  # no period: open
    assert ids(client, f"/trial-actions?collaboration={c}") == set(
        world.focus_area.trial_actions.values_list("pk", flat=True)
    )
    assert ids(client, f"/trial-actions?initiative={world.initiative.pk}") == set()
    assert ids(client, f"/follow-up-research?collaboration={c}") == {research.pk}
    assert ids(client, f"/follow-up-research?collaboration={o}") == set()
    assert ids(client, "/follow-up-research?status=running") == {research.pk}
    assert ids(client, f"/funds?collaboration={c}") == {world.fund.pk}
    assert ids(client, f"/funds?body={other.political.pk}") == {other.fund.pk}
    assert ids(client, "/funds?year=2023") == {world.fund.pk, other.fund.pk}
    assert ids(client, "/funds?year=2024") == set()
    world_allocations = set(world.fund.allocations.values_list("pk", flat=True))
    assert ids(client, f"/allocations?fund={world.fund.pk}") == world_allocations
    assert ids(client, f"/allocations?collaboration={c}&year=2023") == world_allocations
    assert ids(client, f"/allocations?body={world.professional.pk}") == set()


def test_a_topic_on_a_closed_agenda_item_does_not_find_the_initiative(
    world: ClusterWorld, closed_item: AgendaItem
) -> None:
    other = build_cluster("Anden")
    initiative = initiative_create(name="Uden fokusområde", collaboration=other.cluster)
    closed_item.topics.add(world.hospitals_topic)
    closed_item.initiatives.add(initiative)
    assert initiative.pk not in ids(Client(), "/initiatives?topic=sygehusbehandling")
    assert initiative.pk in ids(editor_token(world), "/initiatives?topic=sygehusbehandling")


@pytest.mark.parametrize(
    "url",
    [
        "/focus-areas?status=maybe",
        "/focus-areas?collaboration=0",
        "/focus-areas?date_from=28-11-2023",
        "/focus-areas?topic=a%20b",
        "/initiatives?status=done",
        "/initiatives?parent=abc",
        "/initiatives?top_level=perhaps",
        "/initiatives?date_to=0",
        "/trial-actions?focus_area=-1",
        "/follow-up-research?status=x",
        "/funds?year=0",
        "/funds?year=100000",
        "/allocations?fund=99999999999999999999",
        "/allocations?limit=101",
    ],
)
def test_bad_filters_are_422_with_the_field(world: ClusterWorld, url: str) -> None:
    response = Client().get(f"{API}{url}")
    assert response.status_code == 422, url
    assert response.json()["code"] == "invalid" and response.json()["errors"], url


def test_query_counts_do_not_grow_with_the_data(world: ClusterWorld, closed_decision: Decision) -> None:
    client = editor_token(world)
    urls = [
        "/focus-areas?limit=100",
        "/initiatives?limit=100",
        "/trial-actions?limit=100",
        "/follow-up-research?limit=100",
        "/funds?limit=100",
        "/allocations?limit=100",
        f"/focus-areas/{world.focus_area.pk}",
        f"/initiatives/{world.initiative.pk}",
        f"/funds/{world.fund.pk}",
    ]

    def counts() -> dict[str, int]:
        result = {}
        for url in urls:
            client.get(f"{API}{url}")
            with CaptureQueriesContext(connection) as context:
                assert client.get(f"{API}{url}").status_code == 200, url
            result[url] = len(context.captured_queries)
        return result

    before = counts()
    follow_up_research_create(
        title="Første", status=FollowUpResearchStatus.PLANNED, focus_area=world.focus_area
    )
    grow_other_clusters()
    enrich_world(world)
    after = counts()
    assert after == before
    assert all(count <= 12 for count in after.values()), after
    assert len(items(client, "/initiatives?limit=100")) > 10  # a long page costs what a short one does


# ---- Writes ------------------------------------------------------------------------------------------


def test_an_editor_creates_and_changes_a_focus_area(world: ClusterWorld) -> None:
    client = editor_token(world)
    created = send(
        client,
        "post",
        "/focus-areas",
        {
            "name": "Ældre medicinske patienter",
            "collaborations": [world.cluster.pk],
            "status": "discussed",
            "topics": [world.prevention_topic.pk],
            "period_start": "2024-01-01",
            "decided_at": world.agenda_item.pk,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["slug"] == "aeldre-medicinske-patienter" and body["status"] == "discussed"
    assert body["period_start"] == "2024-01-01" and body["decided_at_agenda_item_id"] == world.agenda_item.pk
    changed = send(
        client, "patch", f"/focus-areas/{body['id']}", {"status": "adopted", "version": body["version"]}
    )
    assert changed.status_code == 200, changed.content
    after = changed.json()
    # Only the field sent changed.
    assert after["status"] == "adopted" and after["period_start"] == "2024-01-01"
    assert [t["id"] for t in after["topics"]] == [world.prevention_topic.pk]
    focus_area = FocusArea.objects.get(pk=body["id"])
    assert focus_area.history.first().history_user.email == "sek@test.dk"  # type: ignore[attr-defined]


def test_collaborations_the_editor_may_not_change_stay_on_a_focus_area(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    shared = focus_area_create(
        name="Fælles", collaborations=[world.cluster, other.cluster], status=FocusAreaStatus.ADOPTED
    )
    client = editor_token(world)
    # The caller sees only their own collaboration to choose; the other stays.
    changed = send(client, "patch", f"/focus-areas/{shared.pk}", {"description": "Ny beskrivelse"})
    assert changed.status_code == 200, changed.content
    assert {c["id"] for c in changed.json()["collaborations"]} == {world.cluster.pk, other.cluster.pk}
    refused = send(client, "patch", f"/focus-areas/{shared.pk}", {"collaborations": [other.cluster.pk]})
    assert refused.status_code == 422 and "collaborations" in refused.json()["errors"]


def test_an_editor_creates_and_changes_an_initiative_and_follows_it_up(world: ClusterWorld) -> None:
    client = editor_token(world)
    created = send(
        client,
        "post",
        "/initiatives",
        {
            "name": "Socialtandpleje og Flexklinikken",
            "collaboration": world.cluster.pk,
            "focus_area": world.focus_area.pk,
            "parent": world.initiative.pk,
            "responsible_parties": [world.municipality.pk],
            "start": "2024-01-01",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "proposed" and body["parent_id"] == world.initiative.pk
    assert [p["id"] for p in body["responsible_parties"]] == [world.municipality.pk]
    assert body["id"] in client.get(f"{API}/initiatives/{world.initiative.pk}").json()["children_ids"]
    changed = send(client, "patch", f"/initiatives/{body['id']}", {"end": "2024-12-31", "parent": None})
    assert changed.status_code == 200, changed.content
    assert changed.json()["end"] == "2024-12-31" and changed.json()["parent_id"] is None
    assert changed.json()["start"] == "2024-01-01"
    # Following up the world's approved initiative: running, with progress; then only progress.
    followed = send(
        client, "post", f"/initiatives/{world.initiative.pk}/follow-up", {"status": "running", "progress": 30}
    )
    assert followed.status_code == 200, followed.content
    assert (followed.json()["status"], followed.json()["progress"]) == ("running", 30)
    again = send(client, "post", f"/initiatives/{world.initiative.pk}/follow-up", {"progress": 45})
    assert (again.json()["status"], again.json()["progress"]) == ("running", 45)
    cleared = send(client, "post", f"/initiatives/{world.initiative.pk}/follow-up", {"progress": None})
    assert cleared.json()["progress"] is None


def test_the_lifecycle_and_the_tree_rules_refuse_with_their_messages(world: ClusterWorld) -> None:
    client = editor_token(world)
    proposed = initiative_create(name="Foreslået", collaboration=world.cluster)
    before = record_version(proposed)
    # Approval comes from a decision; a proposed initiative cannot start running.
    for status in ("approved", "running", "completed"):
        refused = send(client, "post", f"/initiatives/{proposed.pk}/follow-up", {"status": status})
        assert refused.status_code == 422, status
        assert "status" in refused.json()["errors"], status
    assert record_version(proposed) == before
    # Not part of itself, nor of an initiative of another collaboration.
    child = initiative_create(name="Del", collaboration=world.cluster, parent=proposed)
    cycle = send(client, "patch", f"/initiatives/{proposed.pk}", {"parent": child.pk})
    assert cycle.status_code == 422 and cycle.json()["code"] == "rule_violation"
    assert any("sig selv" in m for m in cycle.json()["errors"]["parent"])
    other = build_cluster("Anden")
    elsewhere = send(client, "patch", f"/initiatives/{proposed.pk}", {"parent": other.initiative.pk})
    assert elsewhere.status_code == 422 and "parent" in elsewhere.json()["errors"]
    assert Initiative.objects.get(pk=proposed.pk).parent_id is None
    new_part = {"name": "Ny del", "collaboration": world.cluster.pk, "parent": other.initiative.pk}
    created_elsewhere = send(client, "post", "/initiatives", new_part)
    assert created_elsewhere.status_code == 422 and "parent" in created_elsewhere.json()["errors"]
    assert not Initiative.objects.filter(name="Ny del").exists()


def test_trial_actions_and_follow_up_research(world: ClusterWorld) -> None:
    client = editor_token(world)
    added = send(
        client,
        "post",
        f"/focus-areas/{world.focus_area.pk}/trial-actions",
        {"name": "Direkte henvisning fra almen praksis", "initiative": world.initiative.pk},
    )
    assert added.status_code == 201, added.content
    trial_action = added.json()
    assert trial_action["position"] == 2 and trial_action["initiative"]["id"] == world.initiative.pk
    changed = send(
        client,
        "patch",
        f"/trial-actions/{trial_action['id']}",
        {"description": "Træning i lokale foreninger", "version": trial_action["version"]},
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["name"] == "Direkte henvisning fra almen praksis"
    research = send(
        client,
        "post",
        f"/initiatives/{world.initiative.pk}/follow-up-research",
        {"title": "Følgeforskning om overgange", "status": "considered"},
    )
    assert research.status_code == 201, research.content
    assert (
        research.json()["initiative"]["id"] == world.initiative.pk and research.json()["focus_area"] is None
    )
    on_focus_area = send(
        client,
        "post",
        f"/focus-areas/{world.focus_area.pk}/follow-up-research",
        {"title": "Alkoholscreening", "status": "planned"},
    )
    assert (
        on_focus_area.status_code == 201 and on_focus_area.json()["focus_area"]["id"] == world.focus_area.pk
    )
    moved = send(client, "patch", f"/follow-up-research/{research.json()['id']}", {"status": "running"})
    assert moved.status_code == 200 and moved.json()["status"] == "running"
    assert moved.json()["title"] == "Følgeforskning om overgange"
    missing = send(client, "post", f"/focus-areas/{world.focus_area.pk}/follow-up-research", {"title": ""})
    assert missing.status_code == 422


def test_funds_are_created_and_changed_never_below_what_is_allocated(
    world: ClusterWorld, closed_decision: Decision
) -> None:
    client = editor_token(world)
    created = send(
        client,
        "post",
        "/funds",
        {"body": world.political.pk, "year": 2024, "name": "Klyngemidler 2024", "amount": "1400000.50"},
    )
    assert created.status_code == 201, created.content
    assert created.json()["total"] == "1400000.50" and created.json()["remaining"] == "1400000.50"
    unknown = send(client, "patch", f"/funds/{created.json()['id']}", {"amount": None})
    assert (
        unknown.status_code == 200 and unknown.json()["total"] is None and unknown.json()["remaining"] is None
    )
    assert unknown.json()["name"] == "Klyngemidler 2024"
    # 2 mio. public + 456.789 closed are allocated: the frame may not drop below, whoever asks.
    version = record_version(world.fund)
    refused = send(client, "patch", f"/funds/{world.fund.pk}", {"amount": "2400000"})
    assert refused.status_code == 422 and refused.json()["code"] == "rule_violation"
    assert any("allerede er bevilget" in m for m in refused.json()["errors"]["amount"])
    assert record_version(world.fund) == version
    assert send(client, "patch", f"/funds/{world.fund.pk}", {"amount": "2456789"}).status_code == 200
    # The year within the form's bounds, in Danish; a fund name once per body and year.
    year = send(client, "post", "/funds", {"body": world.political.pk, "year": 1999, "name": "Gammel"})
    assert year.status_code == 422 and "year" in year.json()["errors"]
    twice = send(
        client, "post", "/funds", {"body": world.political.pk, "year": 2024, "name": "Klyngemidler 2024"}
    )
    assert twice.status_code == 422
    assert Fund.objects.filter(name="Klyngemidler 2024").count() == 1


def test_allocations_are_made_only_by_decisions(world: ClusterWorld) -> None:
    client = editor_token(world)
    assert send(client, "post", "/allocations", {"fund": world.fund.pk}).status_code == 405


def test_others_may_not_write_and_nothing_changes(world: ClusterWorld, closed_decision: Decision) -> None:
    other = build_cluster("Anden")
    research = follow_up_research_create(
        title="Evaluering", status=FollowUpResearchStatus.PLANNED, initiative=world.initiative
    )
    trial_action = world.focus_area.trial_actions.get()
    writes = [
        ("patch", f"/focus-areas/{world.focus_area.pk}", {"name": "x"}),
        ("post", f"/focus-areas/{world.focus_area.pk}/trial-actions", {"name": "x"}),
        (
            "post",
            f"/focus-areas/{world.focus_area.pk}/follow-up-research",
            {"title": "x", "status": "planned"},
        ),
        ("patch", f"/trial-actions/{trial_action.pk}", {"name": "x"}),
        ("patch", f"/initiatives/{world.initiative.pk}", {"name": "x"}),
        ("post", f"/initiatives/{world.initiative.pk}/follow-up", {"status": "running"}),
        (
            "post",
            f"/initiatives/{world.initiative.pk}/follow-up-research",
            {"title": "x", "status": "planned"},
        ),
        ("patch", f"/follow-up-research/{research.pk}", {"title": "x"}),
        ("patch", f"/funds/{world.fund.pk}", {"name": "x"}),
    ]
    creations = [
        ("post", "/focus-areas", {"name": "x", "collaborations": [world.cluster.pk], "status": "discussed"}),
        ("post", "/initiatives", {"name": "x", "collaboration": world.cluster.pk}),
        ("post", "/funds", {"body": world.political.pk, "year": 2024, "name": "x"}),
    ]

    def state() -> tuple[int, ...]:
        return tuple(
            model.history.count()  # type: ignore[attr-defined]
            for model in (FocusArea, Initiative, TrialAction, FollowUpResearch, Fund)
        )

    before = state()
    outsider = outsider_token(other)
    member = token_client(email="m@test.dk", role=Role.MEMBER, person=world.mayor)
    for method, url, payload in writes:
        assert send(outsider, method, url, payload).status_code == 403, url
        assert send(member, method, url, payload).status_code == 403, url
        assert send(Client(), method, url, payload).status_code == 401, url
    for method, url, payload in creations:
        # An editor elsewhere is offered only their own collaborations (422, as on the page); a member
        # may create nothing (403).
        assert send(outsider, method, url, payload).status_code == 422, url
        assert send(member, method, url, payload).status_code == 403, url
        assert send(Client(), method, url, payload).status_code == 401, url
    assert state() == before


def test_a_change_on_an_outdated_version_is_a_409(world: ClusterWorld) -> None:
    client = editor_token(world)
    for url, first, second in (
        (f"/funds/{world.fund.pk}", {"name": "Ny"}, {"name": "Gammel"}),
        (f"/initiatives/{world.initiative.pk}", {"description": "Ny"}, {"description": "Gammel"}),
        (f"/focus-areas/{world.focus_area.pk}", {"description": "Ny"}, {"description": "Gammel"}),
    ):
        version = client.get(f"{API}{url}").json()["version"]
        assert send(client, "patch", url, {**first, "version": version}).status_code == 200, url
        stale = send(client, "patch", url, {**second, "version": version})
        assert stale.status_code == 409 and stale.json()["code"] == "conflict", url
    assert Fund.objects.get(pk=world.fund.pk).name == "Ny"
    version = client.get(f"{API}/initiatives/{world.initiative.pk}").json()["version"]
    send(client, "patch", f"/initiatives/{world.initiative.pk}", {"name": "Omdøbt", "version": version})
    stale = send(
        client, "post", f"/initiatives/{world.initiative.pk}/follow-up", {"progress": 5, "version": version}
    )
    assert stale.status_code == 409
    assert Initiative.objects.get(pk=world.initiative.pk).progress is None


def test_session_writes_need_the_csrf_token(world: ClusterWorld) -> None:
    client = editor_of(world.municipality)
    client.handler.enforce_csrf_checks = True
    response = client.patch(f"{API}/funds/{world.fund.pk}", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["message"]


@pytest.mark.parametrize(
    ("url", "payload"),
    [
        ("/funds", {"body": 1, "year": 2024, "name": "x", "amount": "-1"}),
        ("/funds", {"body": 1, "year": 2024, "name": "x", "amount": "1e20"}),
        ("/funds", {"body": 1, "year": 2024, "name": "x" * 201}),
        ("/initiatives", {"name": "x", "collaboration": 1, "start": "1. januar 2024"}),
        ("/initiatives", {"name": "x", "collaboration": 1, "secret": True}),
        ("/initiatives", {"name": "x", "collaboration": "1"}),  # ids are JSON numbers
        ("/funds", {"body": True, "year": 2024, "name": "x"}),
        ("/funds", {"body": 1, "year": "2024", "name": "x"}),
        ("/focus-areas", {"name": "x", "collaborations": list(range(1, 300)), "status": "discussed"}),
    ],
)
def test_bad_bodies_are_422(world: ClusterWorld, url: str, payload: dict[str, Any]) -> None:
    response = send(editor_token(world), "post", url, payload)
    assert response.status_code == 422, response.content


def test_a_co_owner_who_may_not_see_where_a_focus_area_was_chosen_can_still_change_it(
    world: ClusterWorld, closed_item: AgendaItem
) -> None:
    other = build_cluster("Anden")
    focus_area = focus_area_create(
        name="Fælles valgt lukket",
        collaborations=[world.cluster, other.cluster],
        status=FocusAreaStatus.ADOPTED,
        decided_at=closed_item,
    )
    changed = send(outsider_token(other), "patch", f"/focus-areas/{focus_area.pk}", {"description": "Ny"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["decided_at_agenda_item_id"] is None  # not theirs to see
    assert FocusArea.objects.get(pk=focus_area.pk).decided_at_id == closed_item.pk  # and it stays


def test_progress_is_a_json_number_of_percent(world: ClusterWorld) -> None:
    client = editor_token(world)
    for progress in (True, "30", 101, -1):
        response = send(
            client, "post", f"/initiatives/{world.initiative.pk}/follow-up", {"progress": progress}
        )
        assert response.status_code == 422, progress
    assert Initiative.objects.get(pk=world.initiative.pk).progress is None
