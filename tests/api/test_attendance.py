"""The attendance API: the same records as the attendance page for the same caller (closed items only to
those who may see them), and absences written through the pages' forms, rules and services."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.attendance.models import Absence
from klynge.attendance.services import absence_record, absence_update
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, AgendaItemKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from tests.api.conftest import TokenClient, token_for
from tests.attendance.conftest import Cast, saved_rows
from tests.attendance.conftest import cast as cast_fixture  # noqa: F401 (registers the `cast` fixture)
from tests.attendance.test_views import grow
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster

CLOSED = "Fortroligt punkt om sygehusbudget"


@pytest.fixture
def cast(cast_fixture: Cast) -> Cast:  # noqa: F811 (the imported fixture, under its own name)
    """The attendance tests' cast: the world's deputy, and a doctor with a substitute on hospitals."""
    return cast_fixture


@pytest.fixture
def closed_item(world: ClusterWorld) -> AgendaItem:
    """A closed item on hospital treatment: the doctor's substitute is more relevant to it."""
    return agenda_item_create(
        meeting=world.meeting,
        title=CLOSED,
        kind=AgendaItemKind.DECISION,
        is_public=False,
        topics=[world.hospitals_topic],
    )


def attendance_url(world: ClusterWorld) -> str:
    return f"/api/v1/meetings/{world.meeting.pk}/attendance"


def absences_url(world: ClusterWorld) -> str:
    return f"/api/v1/meetings/{world.meeting.pk}/absences"


def editor_token(world: ClusterWorld, email: str = "sek@test.dk") -> TokenClient:
    return TokenClient(token_for(email=email, role=Role.EDITOR, party=world.municipality))


def relevant_pairs(body: dict) -> set[tuple[int, int]]:
    return {
        (row["agenda_item_id"], relevant["substitute"]["id"])
        for row in body["agenda_items"]
        for relevant in row["relevant_substitutes"]
    }


def test_who_is_expected_the_substitutes_and_the_absences(world: ClusterWorld, cast: Cast) -> None:
    absence = absence_record(
        meeting=world.meeting, membership=cast.doctor, substitute=cast.doctor_substitute, note="Syg"
    )

    response = Client().get(attendance_url(world))

    assert response.status_code == 200
    body = response.json()
    assert body["meeting_id"] == world.meeting.pk and body["day"] == "2023-11-28"
    assert body["url"] == f"/moeder/{world.meeting.pk}/deltagere/"
    assert body["expected_count"] == 2
    parties = {group["party"]["name"]: group for group in body["parties"]}
    assert parties["PLO Test"]["seats"] == 2
    members = {m["person"]["name"]: m for group in body["parties"] for m in group["members"]}
    assert members["Læge Test"]["absence_id"] == absence.pk
    assert members["Borgmester Test"]["absence_id"] is None
    mayor_substitutes = members["Borgmester Test"]["substitutes"]
    assert [(s["substitute"]["id"], [t["slug"] for t in s["topics"]]) for s in mayor_substitutes] == [
        (cast.deputy.pk, [world.prevention_topic.slug])
    ]
    assert (world.agenda_item.pk, cast.deputy.pk) in relevant_pairs(body)
    [row] = [row for row in body["agenda_items"] if row["agenda_item_id"] == world.agenda_item.pk]
    assert row["absence_ids"] == [absence.pk]  # a whole-meeting absence concerns every item
    [out] = body["absences"]
    assert out["id"] == absence.pk and out["substitute"]["id"] == cast.doctor_substitute.pk
    assert out["whole_meeting"] is True and out["note"] == "Syg" and out["member"]["name"] == "Læge Test"


def test_a_closed_item_and_its_relevant_substitute_only_for_those_who_may_see_it(
    world: ClusterWorld, cast: Cast, closed_item: AgendaItem
) -> None:
    absence_record(meeting=world.meeting, membership=cast.doctor, agenda_items=[closed_item])
    other = build_cluster("Anden")
    callers = {
        "public": (Client(), False),
        "other editor": (editor_of(other.municipality, "x@test.dk"), False),
        "editor session": (editor_of(world.municipality), True),
        "editor token": (editor_token(world), True),
        "member": (member_as(world.mayor), True),
    }
    for who, (client, sees_closed) in callers.items():
        response = client.get(attendance_url(world))
        text = response.content.decode()
        body = response.json()
        assert (CLOSED in text) is sees_closed, who
        assert ((closed_item.pk, cast.doctor_substitute.pk) in relevant_pairs(body)) is sees_closed, who
        # An absence for the closed item only is not shown to those who may not see it (it would tell of it).
        absences = [(a["whole_meeting"], a["agenda_item_ids"]) for a in body["absences"]]
        assert absences == ([(False, [closed_item.pk])] if sees_closed else []), who
        if not isinstance(client, TokenClient):  # the pages know sessions only
            # The same as the page shows the same caller.
            page = client.get(f"/moeder/{world.meeting.pk}/deltagere/").content.decode()
            assert (CLOSED in page) is sees_closed, who


def test_unknown_meeting_and_absence_are_404(world: ClusterWorld) -> None:
    client = editor_token(world)
    assert client.get("/api/v1/meetings/999999/attendance").status_code == 404
    assert client.get("/api/v1/absences/999999").status_code == 404
    assert client.patch("/api/v1/absences/999999", {}, content_type="application/json").status_code == 404
    assert client.delete("/api/v1/absences/999999").status_code == 404
    assert (
        client.post("/api/v1/meetings/999999/absences", {"membership": 1}, "application/json").status_code
        == 404
    )


def test_an_editor_records_changes_and_withdraws_an_absence(
    world: ClusterWorld, cast: Cast, closed_item: AgendaItem
) -> None:
    client = editor_token(world)

    created = client.post(
        absences_url(world),
        {
            "membership": cast.doctor.pk,
            "substitute": cast.doctor_substitute.pk,
            "agenda_items": [closed_item.pk],
        },
        content_type="application/json",
    )

    assert created.status_code == 201, created.content
    body = created.json()
    absence = Absence.objects.get(pk=body["id"])
    assert absence.substitute == cast.doctor_substitute and list(absence.agenda_items.all()) == [closed_item]
    assert body["agenda_item_ids"] == [closed_item.pk] and body["version"] == record_version(absence)

    changed = client.patch(
        f"/api/v1/absences/{absence.pk}",
        {"version": body["version"], "note": "Kommer til punkt 1"},
        content_type="application/json",
    )

    assert changed.status_code == 200, changed.content
    absence.refresh_from_db()
    # Only the note changed: the substitute and the items sent before stay.
    assert absence.note == "Kommer til punkt 1" and absence.substitute == cast.doctor_substitute
    assert list(absence.agenda_items.all()) == [closed_item]

    cleared = client.patch(
        f"/api/v1/absences/{absence.pk}",
        {"substitute": None, "agenda_items": []},
        content_type="application/json",
    )
    assert cleared.status_code == 200 and cleared.json()["whole_meeting"] is True
    absence.refresh_from_db()
    assert absence.substitute is None and absence.note == "Kommer til punkt 1"

    assert client.delete(f"/api/v1/absences/{absence.pk}").status_code == 204
    assert not Absence.objects.filter(pk=absence.pk).exists()
    assert client.get(f"/api/v1/absences/{absence.pk}").status_code == 404


def test_a_session_editor_writes_too(world: ClusterWorld, cast: Cast) -> None:
    client = editor_of(world.municipality)
    response = client.post(
        absences_url(world), {"membership": cast.doctor.pk}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["whole_meeting"] is True


@pytest.mark.parametrize("who", ["anonymous", "other editor", "member"])
def test_others_are_refused_and_nothing_changes(world: ClusterWorld, cast: Cast, who: str) -> None:
    absence = absence_record(meeting=world.meeting, membership=world.mayor_membership)
    client = {
        "anonymous": lambda: Client(),
        "other editor": lambda: TokenClient(
            token_for(email="o@test.dk", role=Role.EDITOR, party=build_cluster("Anden").municipality)
        ),
        "member": lambda: TokenClient(token_for(email="m@test.dk", role=Role.MEMBER, person=world.mayor)),
    }[who]()
    expected = 401 if who == "anonymous" else 403
    before = saved_rows()

    responses = [
        client.post(absences_url(world), {"membership": cast.doctor.pk}, content_type="application/json"),
        client.patch(f"/api/v1/absences/{absence.pk}", {"note": "Ændret"}, content_type="application/json"),
        client.delete(f"/api/v1/absences/{absence.pk}"),
    ]

    assert [r.status_code for r in responses] == [expected] * 3
    assert saved_rows() == before
    absence.refresh_from_db()
    assert absence.note == ""


def test_rule_refusals_are_422_with_the_pages_messages(world: ClusterWorld, cast: Cast) -> None:
    client = editor_token(world)
    other_meeting = meeting_create(body=world.political, date=datetime.date(2024, 3, 5))
    elsewhere = agenda_item_create(meeting=other_meeting, title="Andet møde", kind=AgendaItemKind.DISCUSSION)
    absence_record(meeting=world.meeting, membership=world.mayor_membership)
    before = saved_rows()

    refusals = {
        "substitute": {"membership": cast.doctor.pk, "substitute": cast.deputy.pk},
        "agenda_items": {"membership": cast.doctor.pk, "agenda_items": [elsewhere.pk]},
        "membership": {"membership": world.mayor_membership.pk},  # has already sent word
    }
    for field, payload in refusals.items():
        response = client.post(absences_url(world), payload, content_type="application/json")
        assert response.status_code == 422, (field, response.content)
        assert response.json()["code"] == "rule_violation" and response.json()["errors"][field], field
    assert saved_rows() == before

    cancelled = meeting_create(
        body=world.political, date=datetime.date(2023, 12, 12), status=MeetingStatus.CANCELLED
    )
    response = client.post(
        f"/api/v1/meetings/{cancelled.pk}/absences",
        {"membership": cast.doctor.pk},
        content_type="application/json",
    )
    assert response.status_code == 422 and "aflyst" in str(response.json()["errors"])
    assert saved_rows() == before


def test_bad_input_is_422_and_never_a_crash(world: ClusterWorld, cast: Cast) -> None:
    client = editor_token(world)
    for payload in (
        {"membership": "12"},
        {"membership": True},
        {"membership": cast.doctor.pk, "agenda_items": "x"},
        {"membership": cast.doctor.pk, "extra": 1},
        {"membership": cast.doctor.pk, "note": "x" * 6000},
    ):
        response = client.post(absences_url(world), payload, content_type="application/json")
        assert response.status_code == 422, payload
    assert saved_rows() == (0, 0)


def test_a_stale_change_is_409_and_nothing_changes(world: ClusterWorld, cast: Cast) -> None:
    absence = absence_record(meeting=world.meeting, membership=cast.doctor)
    client = editor_token(world)
    version = client.get(f"/api/v1/absences/{absence.pk}").json()["version"]
    absence_update(
        absence=absence, seen_version=None, substitute=None, agenda_items=[], note="Ændret af en anden"
    )

    response = client.patch(
        f"/api/v1/absences/{absence.pk}", {"version": version, "note": "Mit"}, content_type="application/json"
    )

    assert response.status_code == 409
    absence.refresh_from_db()
    assert absence.note == "Ændret af en anden"


def count_queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_a_fixed_number_of_queries(world: ClusterWorld, cast: Cast, closed_item: AgendaItem) -> None:
    absence = absence_record(
        meeting=world.meeting, membership=world.mayor_membership, agenda_items=[world.agenda_item]
    )
    public, editor = Client(), editor_token(world)
    urls = [attendance_url(world), f"/api/v1/absences/{absence.pk}"]
    before = {
        (who, url): count_queries(client, url)
        for who, client in (("public", public), ("editor", editor))
        for url in urls
    }

    grow(world, cast)  # more clusters, members, substitutes, items and absences on this meeting
    assert len(Client().get(attendance_url(world)).json()["absences"]) == 4

    after = {
        (who, url): count_queries(client, url)
        for who, client in (("public", public), ("editor", editor))
        for url in urls
    }
    assert after == before
    assert max(before.values()) <= 12, before
