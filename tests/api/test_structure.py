"""The structure through the API: parties, people, committees, topics, authority, collaborations, bodies,
seats, members, substitutes, hospitals, areas and sources — read by anyone, the same records as the pages;
a body's composition written by editors of a participating party through the pages' own forms and rules."""

import datetime
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from klynge.bodies.models import Membership, MembershipRole, Seat, Substitution
from klynge.bodies.services import membership_create, membership_update, seats_version
from klynge.catchment.models import AreaKind
from klynge.catchment.services import area_create
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.organisation.models import Party, Person, Topic
from klynge.organisation.services import person_create
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import CACHE_VERSION_READ

API = "/api/v1"
FULL_MESSAGE = "Test Kommune har 2 pladser i Politisk sundhedsklynge Test, og de er besat i perioden."
SUBSTITUTE_OUTSIDE = "Stedfortræderperioden skal ligge inden for medlemskabets periode."


def bearer(role: Role, *, party: Party | None = None, person: Person | None = None) -> dict[str, str]:
    """The header of a new token for a new account with the role."""
    email = f"{role}-{party.slug if party else ''}{person.slug if person else ''}@api.test.dk"
    user, _ = account_create(email=email, role=role, party=party, person=person, password="x")
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)[1]}"}


def get(path: str, headers: dict[str, str] | None = None, client: Client | None = None, **params: Any) -> Any:
    response = (client or Client()).get(API + path, params, **(headers or {}))
    assert response.status_code == 200, (path, response.status_code, response.content[:500])
    return response.json()


def items(path: str, headers: dict[str, str] | None = None, **params: Any) -> list[dict[str, Any]]:
    return list(get(path, headers, **params)["items"])


def names(path: str, **params: Any) -> set[str]:
    return {item["name"] for item in items(path, **params)}


def send(method: str, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
    call = getattr(Client(), method)
    return call(API + path, data=json.dumps(body), content_type="application/json", **(headers or {}))


def rows() -> tuple[int, int, int, int]:
    """Everything a write on a body's composition could change, history included."""
    return (
        Membership.history.count(),
        Seat.history.count(),
        Substitution.history.count(),
        Substitution.topics.through.objects.count(),
    )


def deputy_of(world: ClusterWorld) -> Substitution:
    return Substitution.objects.get(principal=world.mayor_membership)


@pytest.fixture
def editor(world: ClusterWorld) -> dict[str, str]:
    return bearer(Role.EDITOR, party=world.municipality)


# ---- Organisation -----------------------------------------------------------------------------------


def test_parties_with_their_region_administrations_and_source(world: ClusterWorld) -> None:
    page = get("/parties", limit=100)
    by_name = {party["name"]: party for party in page["items"]}

    municipality = by_name["Test Kommune"]
    assert municipality["kind"] == "municipality" and municipality["slug"] == world.municipality.slug
    assert municipality["region"] == {"id": world.region.pk, "name": "Region Test", "slug": "region-test"}
    assert municipality["url"] == f"/parter/{world.municipality.slug}/"
    assert municipality["source"]["key"] == "test" and municipality["source"]["url"] == "/kilder/test/"
    assert municipality["administrations"] == []
    assert page["count"] == 3 and by_name["Region Test"]["region"] is None


def test_parties_by_kind_and_region(world: ClusterWorld) -> None:
    assert names("/parties", kind="general_practice") == {"PLO Test"}
    assert names("/parties", region=world.region.pk) == {"Test Kommune"}
    assert names("/parties", region=world.municipality.pk) == set()
    assert get(f"/parties/{world.region.pk}")["name"] == "Region Test"


def test_people_with_their_seats_by_party_and_body(world: ClusterWorld) -> None:
    outsider = person_create(name="Uden for Test")

    people = {person["name"]: person for person in items("/people")}
    assert set(people) == {"Borgmester Test", "Stedfortræder Test", "Uden for Test"}
    mayor = people["Borgmester Test"]
    assert mayor["url"] == f"/personer/{world.mayor.slug}/" and mayor["party"]["id"] == world.municipality.pk
    assert mayor["memberships"] == [
        {
            "id": world.mayor_membership.pk,
            "body": {"id": world.political.pk, "name": world.political.name, "slug": world.political.slug},
            "party_id": world.municipality.pk,
            "role": "co_chair",
            "title": "borgmester",
            "start": "2022-07-01",
            "end": None,
        }
    ]
    assert names("/people", party=world.municipality.pk) == {"Borgmester Test", "Stedfortræder Test"}
    assert names("/people", body=world.political.pk) == {"Borgmester Test"}
    assert names("/people", body=world.professional.pk) == set()
    assert get(f"/people/{outsider.pk}")["party"] is None


def test_committees_by_party_and_topic(world: ClusterWorld) -> None:
    build_cluster("Anden")

    committee = items("/committees", party=world.municipality.pk)[0]
    assert committee["name"] == "Sundhedsudvalget Test" and committee["code"] == "SUTEST"
    assert committee["party"]["id"] == world.municipality.pk
    assert committee["topics"] == [
        {"id": world.prevention_topic.pk, "name": "Forebyggelse", "slug": "forebyggelse"}
    ]
    assert committee["url"] == f"/udvalg/{committee['slug']}/"
    assert names("/committees", topic="forebyggelse") == {"Sundhedsudvalget Test", "Sundhedsudvalget Anden"}
    assert names("/committees", topic="sygehusbehandling") == set()
    assert get(f"/committees/{committee['id']}")["code"] == "SUTEST"


def test_topics(world: ClusterWorld) -> None:
    assert names("/topics") == {"Forebyggelse", "Sygehusbehandling"}
    assert get(f"/topics/{world.prevention_topic.pk}")["slug"] == "forebyggelse"


def test_authority_areas_by_topic_and_by_the_party_holding_them(world: ClusterWorld) -> None:
    (area,) = items("/authority-areas")
    assert area["topic"]["slug"] == "sygehusbehandling" and area["holder_kind"] == "region"
    assert area["party"] is None

    # Held by every region: the region holds it, the municipality does not.
    assert len(items("/authority-areas", party=world.region.pk)) == 1
    assert items("/authority-areas", party=world.municipality.pk) == []
    assert items("/authority-areas", topic="forebyggelse") == []
    assert get(f"/authority-areas/{area['id']}")["topic"]["name"] == "Sygehusbehandling"


# ---- Collaborations and bodies -----------------------------------------------------------------------


def test_a_collaboration_with_parties_hospitals_and_bodies(world: ClusterWorld) -> None:
    (cluster,) = items("/collaborations")

    assert cluster["name"] == "Sundhedsklynge Test" and cluster["kind"] == "cluster"
    assert cluster["url"] == f"/samarbejder/{world.cluster.slug}/"
    assert [p["name"] for p in cluster["parties"]] == ["PLO Test", "Test Kommune", "Region Test"]
    assert [h["name"] for h in cluster["hospitals"]] == ["Test Hospital"]
    assert [(b["name"], b["level"]) for b in cluster["bodies"]] == [
        ("Politisk sundhedsklynge Test", "political"),
        ("Faglig sundhedsklynge Test", "professional"),
    ]
    assert cluster["valid_from"] == "2022-07-01" and cluster["valid_to"] == "2026-12-31"
    assert cluster["region"]["id"] == world.region.pk
    assert get(f"/collaborations/{world.cluster.pk}") == cluster


def test_collaborations_by_kind_party_date_and_region(world: ClusterWorld) -> None:
    other = build_cluster("Anden")

    assert names("/collaborations", party=other.municipality.pk) == {"Sundhedsklynge Anden"}
    assert names("/collaborations", kind="cluster") == {"Sundhedsklynge Test", "Sundhedsklynge Anden"}
    assert names("/collaborations", kind="health_council") == set()
    assert len(items("/collaborations", valid_on="2024-01-01")) == 2
    assert items("/collaborations", valid_on="2027-01-01") == []
    assert len(items("/collaborations", region=world.region.pk)) == 2
    assert items("/collaborations", region=world.municipality.pk) == []


def test_a_body_with_seats_per_party_and_its_members_today(world: ClusterWorld) -> None:
    body = get(f"/bodies/{world.political.pk}")

    assert body["name"] == "Politisk sundhedsklynge Test" and body["level"] == "political"
    assert body["collaboration"]["slug"] == world.cluster.slug
    assert body["url"] == f"/organer/{world.political.slug}/"
    assert body["seats"] == [
        {
            "party": {"id": world.municipality.pk, "name": "Test Kommune", "slug": world.municipality.slug},
            "count": 2,
            "filled": 1,
        }
    ]
    assert [(m["person"]["name"], m["role"], m["membership_id"]) for m in body["current_members"]] == [
        ("Borgmester Test", "co_chair", world.mayor_membership.pk)
    ]
    assert body["seats_version"] == seats_version(body=world.political)


def test_bodies_by_collaboration_level_and_date_with_the_members_of_that_date(world: ClusterWorld) -> None:
    build_cluster("Anden")
    membership_update(
        membership=world.mayor_membership,
        role=MembershipRole.CO_CHAIR,
        title="borgmester",
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 12, 31),
    )

    assert len(items("/bodies")) == 4
    assert names("/bodies", collaboration=world.cluster.pk, level="professional") == {
        "Faglig sundhedsklynge Test"
    }
    (before,) = items("/bodies", collaboration=world.cluster.pk, level="political", valid_on="2023-06-01")
    assert [m["person"]["name"] for m in before["current_members"]] == ["Borgmester Test"]
    assert before["seats"][0]["filled"] == 1
    (after,) = items("/bodies", collaboration=world.cluster.pk, level="political", valid_on="2024-06-01")
    assert after["current_members"] == [] and after["seats"][0]["filled"] == 0
    assert items("/bodies", valid_on="2022-06-30") == []  # before the clusters began


def test_memberships_with_substitutes_by_body_person_party_and_date(world: ClusterWorld) -> None:
    other = build_cluster("Anden")

    (membership,) = items("/memberships", body=world.political.pk)
    assert membership["person"]["name"] == "Borgmester Test" and membership["party"]["name"] == "Test Kommune"
    assert membership["url"] == f"/organer/{world.political.slug}/"
    (substitute,) = membership["substitutes"]
    assert substitute["substitute"]["name"] == "Stedfortræder Test"
    assert [t["slug"] for t in substitute["topics"]] == ["forebyggelse"]
    assert len(items("/memberships")) == 2
    assert [m["id"] for m in items("/memberships", person=other.mayor.pk)] == [other.mayor_membership.pk]
    assert [m["id"] for m in items("/memberships", party=world.municipality.pk)] == [
        world.mayor_membership.pk
    ]
    assert items("/memberships", active_on="2022-06-30") == []
    detail = get(f"/memberships/{world.mayor_membership.pk}")
    assert detail["version"] == record_version(world.mayor_membership)


def test_substitutions_by_body_member_substitute_topic_and_date(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    deputy = deputy_of(world)

    (substitution,) = items("/substitutions", body=world.political.pk)
    assert substitution["id"] == deputy.pk
    assert substitution["membership_id"] == world.mayor_membership.pk
    assert substitution["principal"]["name"] == "Borgmester Test"
    assert substitution["substitute"]["name"] == "Stedfortræder Test"
    assert substitution["body"]["slug"] == world.political.slug and substitution["start"] == "2022-07-01"
    assert len(items("/substitutions")) == 2
    assert [s["id"] for s in items("/substitutions", principal=world.mayor.pk)] == [deputy.pk]
    assert [s["id"] for s in items("/substitutions", membership=other.mayor_membership.pk)] != [deputy.pk]
    assert [s["id"] for s in items("/substitutions", substitute=deputy.substitute_id)] == [deputy.pk]
    assert len(items("/substitutions", topic="forebyggelse")) == 2
    assert items("/substitutions", topic="sygehusbehandling") == []
    assert items("/substitutions", active_on="2022-01-01") == []
    assert get(f"/substitutions/{deputy.pk}")["version"] == record_version(deputy)


# ---- Catchment and sources ----------------------------------------------------------------------------


def test_hospitals_and_areas(world: ClusterWorld) -> None:
    district = area_create(name="Test Bydel", kind=AreaKind.DISTRICT, parent=world.area)

    (hospital,) = items("/hospitals")
    assert hospital["name"] == "Test Hospital" and hospital["region"]["id"] == world.region.pk
    assert [c["slug"] for c in hospital["collaborations"]] == [world.cluster.slug]
    assert items("/hospitals", region=world.municipality.pk) == []
    assert get(f"/hospitals/{world.hospital.pk}")["name"] == "Test Hospital"

    assert names("/areas") == {"Test Kommune", "Test Bydel"}
    assert names("/areas", kind="district") == {"Test Bydel"}
    assert names("/areas", parent=world.area.pk) == {"Test Bydel"}
    assert names("/areas", party=world.municipality.pk) == {"Test Kommune"}
    area = get(f"/areas/{district.pk}")
    assert area["parent"]["id"] == world.area.pk and area["party"] is None and area["kind"] == "district"


def test_sources_count_only_what_the_caller_may_see(world: ClusterWorld) -> None:
    agenda_item_create(
        meeting=world.meeting,
        title="Lukket punkt",
        kind=AgendaItemKind.DECISION,
        is_public=False,
        source=world.source,
    )
    editor = bearer(Role.EDITOR, party=world.municipality)

    (source,) = items("/sources", kind="example")
    assert source["key"] == "test" and source["title"] == "Testdata" and source["url"] == "/kilder/test/"
    assert items("/sources", kind="memo") == []
    detail = get(f"/sources/{source['id']}")
    usage = {u["kind"]: u["count"] for u in detail["usage"]}
    assert usage["parter"] == 3 and usage["møder"] == 1 and "dagsordenspunkter" not in usage
    assert detail["record_count"] == sum(usage.values()) == source["record_count"]

    # The closed item counts for an editor of a participating party, as on the sources page.
    (seen_by_editor,) = items("/sources", editor, kind="example")
    assert seen_by_editor["record_count"] == source["record_count"] + 1
    assert {u["kind"]: u["count"] for u in get(f"/sources/{source['id']}", editor)["usage"]}[
        "dagsordenspunkter"
    ] == 1


# ---- Who reads what ------------------------------------------------------------------------------------


def test_anonymous_token_and_session_callers_read_the_same_structure(world: ClusterWorld) -> None:
    anonymous = get("/bodies")
    assert get("/bodies", bearer(Role.MEMBER, person=world.mayor)) == anonymous
    assert get("/bodies", client=editor_of(world.municipality)) == anonymous


def test_a_wrong_token_is_refused_not_read_as_anonymous(world: ClusterWorld) -> None:
    response = Client().get(API + "/parties", HTTP_AUTHORIZATION="Bearer klynge_wrong")
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"


@pytest.mark.parametrize(
    "path",
    [
        "/parties?kind=county",
        "/parties?region=0",
        "/people?body=x",
        "/committees?topic=b%C3%B8rn og unge",
        "/collaborations?valid_on=2024-13-01",
        "/collaborations?valid_on=1700000000",
        "/bodies?level=board",
        "/memberships?active_on=i+dag",
        "/substitutions?principal=-1",
        "/areas?kind=city",
        "/sources?kind=rumour",
        "/bodies?limit=101",
        f"/parties/{2**60}",
    ],
)
def test_bad_filters_are_422_with_the_field(world: ClusterWorld, path: str) -> None:
    response = Client().get(API + path)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid" and response.json()["errors"]


@pytest.mark.parametrize(
    "path",
    [
        "/parties/999999",
        "/people/999999",
        "/committees/999999",
        "/topics/999999",
        "/authority-areas/999999",
        "/collaborations/999999",
        "/bodies/999999",
        "/memberships/999999",
        "/substitutions/999999",
        "/hospitals/999999",
        "/areas/999999",
        "/sources/999999",
    ],
)
def test_unknown_records_are_404(world: ClusterWorld, path: str) -> None:
    response = Client().get(API + path)
    assert response.status_code == 404 and response.json()["code"] == "not_found"


# ---- Writes: members ------------------------------------------------------------------------------------


def test_an_editor_adds_a_member_as_the_page_would(world: ClusterWorld, editor: dict[str, str]) -> None:
    person = person_create(name="Rådmand Test", party=world.municipality)

    response = send(
        "post",
        f"/bodies/{world.political.pk}/memberships",
        {"person": person.pk, "party": world.municipality.pk, "title": "rådmand", "start": "2024-01-01"},
        editor,
    )

    assert response.status_code == 201, response.content
    created = response.json()
    membership = Membership.objects.get(person=person)
    assert created["id"] == membership.pk and created["role"] == "member" and created["title"] == "rådmand"
    assert created["version"] == record_version(membership)
    assert membership.history.first().history_user.email == f"editor-{world.municipality.slug}@api.test.dk"
    assert "Rådmand Test" in Client().get(f"/organer/{world.political.slug}/").content.decode()


def test_a_full_party_is_refused_with_the_pages_message_and_nothing_is_saved(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    membership_create(
        person=person_create(name="Anden Test"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2023, 1, 1),
    )
    before = rows()

    response = send(
        "post",
        f"/bodies/{world.political.pk}/memberships",
        {
            "person": person_create(name="Tredje Test").pk,
            "party": world.municipality.pk,
            "start": "2024-01-01",
        },
        editor,
    )

    assert response.status_code == 422
    assert response.json()["code"] == "rule_violation"
    assert response.json()["errors"] == {"party": [FULL_MESSAGE]}
    assert rows() == before


def test_the_forms_own_danish_messages_come_back_per_field(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    other_party = build_cluster("Anden").municipality
    before = rows()

    response = send(
        "post",
        f"/bodies/{world.political.pk}/memberships",
        {"person": 999999, "party": other_party.pk, "start": "2024-01-01"},
        editor,
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["person"] == ["Vælg en af mulighederne på listen."]
    assert errors["party"] == ["Vælg en af mulighederne på listen."]  # not a party of this cluster
    assert rows() == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"person": 1, "party": 1},
        {"person": 1, "party": 1, "start": "1.1.2024"},
        {"person": 1, "party": 1, "start": "2024-01-01", "role": "king"},
        {"person": 1, "party": 1, "start": "2024-01-01", "title": "x" * 201},
        {"person": "x", "party": 1, "start": "2024-01-01"},
        {"person": "1", "party": 1, "start": "2024-01-01"},
        {"person": True, "party": 1, "start": "2024-01-01"},
        {"person": 1, "party": 1, "start": "2024-01-01", "nickname": "x"},
        [1, 2],
    ],
)
def test_a_payload_outside_the_schema_is_422(world: ClusterWorld, editor: dict[str, str], body: Any) -> None:
    before = rows()
    response = send("post", f"/bodies/{world.political.pk}/memberships", body, editor)
    assert response.status_code == 422 and response.json()["code"] == "invalid"
    assert rows() == before


@pytest.mark.parametrize("who", ["other_editor", "member", "anonymous"])
def test_others_may_not_write_and_nothing_changes(world: ClusterWorld, who: str) -> None:
    headers = {
        "other_editor": lambda: bearer(Role.EDITOR, party=build_cluster("Anden").municipality),
        "member": lambda: bearer(Role.MEMBER, person=world.mayor),
        "anonymous": dict,
    }[who]()
    person = person_create(name="Rådmand Test")
    membership, deputy = world.mayor_membership, deputy_of(world)
    before = rows()

    answers = [
        send(
            "post",
            f"/bodies/{world.political.pk}/memberships",
            {"person": person.pk, "party": world.municipality.pk, "start": "2024-01-01"},
            headers,
        ),
        send("patch", f"/memberships/{membership.pk}", {"title": "anden"}, headers),
        send(
            "put",
            f"/bodies/{world.political.pk}/seats",
            {"party": world.municipality.pk, "count": 5},
            headers,
        ),
        send(
            "post",
            f"/memberships/{membership.pk}/substitutions",
            {"substitute": person.pk, "start": "2024-01-01"},
            headers,
        ),
        send("patch", f"/substitutions/{deputy.pk}", {"condition": "altid"}, headers),
    ]

    expected = 401 if who == "anonymous" else 403
    assert [answer.status_code for answer in answers] == [expected] * 5
    assert rows() == before


def test_a_body_that_is_not_json_is_400(world: ClusterWorld, editor: dict[str, str]) -> None:
    response = Client().patch(
        f"{API}/memberships/{world.mayor_membership.pk}",
        data=b"\x00{",
        content_type="application/json",
        **editor,
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_request"


@pytest.mark.parametrize("version", [False, "1", -1])
def test_a_version_that_is_not_a_version_is_422(
    world: ClusterWorld, editor: dict[str, str], version: object
) -> None:
    before = rows()
    answers = [
        send(
            "patch", f"/memberships/{world.mayor_membership.pk}", {"title": "x", "version": version}, editor
        ),
        send(
            "put",
            f"/bodies/{world.political.pk}/seats",
            {"party": world.municipality.pk, "count": 3, "version": version},
            editor,
        ),
        send(
            "patch", f"/substitutions/{deputy_of(world).pk}", {"condition": "x", "version": version}, editor
        ),
    ]
    assert [answer.status_code for answer in answers] == [422] * 3
    assert rows() == before


def test_writes_on_unknown_records_are_404(world: ClusterWorld, editor: dict[str, str]) -> None:
    assert send("patch", "/memberships/999999", {"title": "x"}, editor).status_code == 404
    assert send("patch", "/substitutions/999999", {"condition": "x"}, editor).status_code == 404
    assert send("put", "/bodies/999999/seats", {"party": 1, "count": 1}, editor).status_code == 404
    assert (
        send("post", "/bodies/999999/memberships", {"person": 1, "party": 1, "start": "2024-01-01"}, editor)
    ).status_code == 404


def test_an_editor_ends_a_membership_and_its_substitutes_end_with_it(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    membership = world.mayor_membership
    version = get(f"/memberships/{membership.pk}")["version"]

    response = send(
        "patch", f"/memberships/{membership.pk}", {"end": "2024-06-30", "version": version}, editor
    )

    assert response.status_code == 200, response.content
    changed = response.json()
    assert (
        changed["end"] == "2024-06-30" and changed["title"] == "borgmester" and changed["role"] == "co_chair"
    )
    assert changed["substitutes"][0]["end"] == "2024-06-30"
    assert changed["version"] != version
    assert deputy_of(world).end == datetime.date(2024, 6, 30)


def test_a_stale_membership_change_is_409_and_nothing_is_saved(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    membership = world.mayor_membership
    seen = get(f"/memberships/{membership.pk}")["version"]
    assert (
        send("patch", f"/memberships/{membership.pk}", {"title": "borgmester (S)"}, editor).status_code == 200
    )
    before = rows()

    response = send("patch", f"/memberships/{membership.pk}", {"title": "anden", "version": seen}, editor)

    assert response.status_code == 409 and response.json()["code"] == "conflict"
    assert "mens du redigerede" in response.json()["errors"]["__all__"][0]
    assert rows() == before
    membership.refresh_from_db()
    assert membership.title == "borgmester (S)"


def test_an_end_before_the_start_is_refused_next_to_the_end(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    response = send("patch", f"/memberships/{world.mayor_membership.pk}", {"end": "2020-01-01"}, editor)
    assert response.status_code == 422 and "end" in response.json()["errors"]


# ---- Writes: seats ----------------------------------------------------------------------------------------


def test_an_editor_sets_a_partys_seats(world: ClusterWorld, editor: dict[str, str]) -> None:
    version = get(f"/bodies/{world.political.pk}")["seats_version"]

    response = send(
        "put",
        f"/bodies/{world.political.pk}/seats",
        {"party": world.general_practice.pk, "count": 2, "version": version},
        editor,
    )

    assert response.status_code == 200, response.content
    seats = {seat["party"]["name"]: (seat["count"], seat["filled"]) for seat in response.json()["seats"]}
    assert seats == {"Test Kommune": (2, 1), "PLO Test": (2, 0)}
    assert response.json()["seats_version"] == seats_version(body=world.political) != version


def test_fewer_seats_than_sit_is_refused_next_to_the_count(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    membership_create(
        person=person_create(name="Anden Test"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2023, 1, 1),
    )
    before = rows()

    response = send(
        "put", f"/bodies/{world.political.pk}/seats", {"party": world.municipality.pk, "count": 1}, editor
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "count": ["Parten har 2 medlemmer på samme tid i organet; antallet kan ikke være lavere."]
    }
    assert rows() == before


def test_a_stale_seat_change_is_409(world: ClusterWorld, editor: dict[str, str]) -> None:
    seen = get(f"/bodies/{world.political.pk}")["seats_version"]
    body = {"party": world.municipality.pk, "count": 3}
    assert send("put", f"/bodies/{world.political.pk}/seats", body, editor).status_code == 200
    before = rows()

    response = send(
        "put", f"/bodies/{world.political.pk}/seats", {**body, "count": 4, "version": seen}, editor
    )

    assert response.status_code == 409
    assert rows() == before and Seat.objects.get(body=world.political, party=world.municipality).count == 3


@pytest.mark.parametrize("count", [0, 100, "to", "2", True, 2.5])
def test_a_count_outside_the_schema_is_422(
    world: ClusterWorld, editor: dict[str, str], count: object
) -> None:
    body = {"party": world.municipality.pk, "count": count}
    response = send("put", f"/bodies/{world.political.pk}/seats", body, editor)
    assert response.status_code == 422 and "count" in response.json()["errors"]


# ---- Writes: substitutes --------------------------------------------------------------------------------


def test_an_editor_adds_a_substitute_with_topics_and_dates(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    person = person_create(name="Socialborgmester Test", party=world.municipality)
    topics = [world.prevention_topic.pk, world.hospitals_topic.pk]

    response = send(
        "post",
        f"/memberships/{world.mayor_membership.pk}/substitutions",
        {
            "substitute": person.pk,
            "topics": topics,
            "condition": "hvis det er mere relevant",
            "start": "2023-01-01",
            "end": "2024-12-31",
        },
        editor,
    )

    assert response.status_code == 201, response.content
    created = response.json()
    substitution = Substitution.objects.get(substitute=person)
    assert created["id"] == substitution.pk and created["principal"]["id"] == world.mayor.pk
    assert sorted(t["id"] for t in created["topics"]) == sorted(topics)
    assert created["end"] == "2024-12-31" and created["condition"] == "hvis det er mere relevant"


def test_a_substitute_outside_the_membership_is_refused_next_to_the_field(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    before = rows()
    response = send(
        "post",
        f"/memberships/{world.mayor_membership.pk}/substitutions",
        {"substitute": person_create(name="Tidlig Test").pk, "start": "2020-01-01"},
        editor,
    )
    assert response.status_code == 422 and response.json()["errors"] == {"start": [SUBSTITUTE_OUTSIDE]}
    assert rows() == before


def test_nobody_substitutes_for_themselves(world: ClusterWorld, editor: dict[str, str]) -> None:
    response = send(
        "post",
        f"/memberships/{world.mayor_membership.pk}/substitutions",
        {"substitute": world.mayor.pk, "start": "2023-01-01"},
        editor,
    )
    assert response.status_code == 422 and "substitute" in response.json()["errors"]


def test_an_editor_changes_a_substitutes_topics_and_ends_it(
    world: ClusterWorld, editor: dict[str, str]
) -> None:
    deputy = deputy_of(world)
    version = get(f"/substitutions/{deputy.pk}")["version"]

    response = send(
        "patch",
        f"/substitutions/{deputy.pk}",
        {"topics": [world.hospitals_topic.pk], "end": "2024-06-30", "version": version},
        editor,
    )

    assert response.status_code == 200, response.content
    changed = response.json()
    assert [t["slug"] for t in changed["topics"]] == ["sygehusbehandling"]
    assert changed["end"] == "2024-06-30" and changed["start"] == "2022-07-01"
    assert list(Topic.objects.filter(substitutions=deputy)) == [world.hospitals_topic]

    # Sent without topics, the topics stay; sent as null, they are cleared.
    assert send("patch", f"/substitutions/{deputy.pk}", {"condition": "x"}, editor).json()["topics"]
    assert send("patch", f"/substitutions/{deputy.pk}", {"topics": None}, editor).json()["topics"] == []


def test_a_stale_substitute_change_is_409(world: ClusterWorld, editor: dict[str, str]) -> None:
    deputy = deputy_of(world)
    seen = get(f"/substitutions/{deputy.pk}")["version"]
    assert send("patch", f"/substitutions/{deputy.pk}", {"condition": "først"}, editor).status_code == 200
    before = rows()

    response = send("patch", f"/substitutions/{deputy.pk}", {"condition": "sidst", "version": seen}, editor)

    assert response.status_code == 409 and rows() == before


def test_a_session_writes_with_its_csrf_token_only(world: ClusterWorld) -> None:
    client = editor_of(world.municipality)
    client.handler.enforce_csrf_checks = True  # type: ignore[attr-defined]
    path = f"{API}/memberships/{world.mayor_membership.pk}"

    refused = client.patch(path, data=json.dumps({"title": "x"}), content_type="application/json")
    assert refused.status_code == 403 and world.mayor_membership.history.count() == 1

    client.get(f"/organer/{world.political.slug}/")  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.patch(
        path, data=json.dumps({"title": "x"}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200 and accepted.json()["title"] == "x"


def test_an_administrator_may_write_in_any_collaboration(world: ClusterWorld) -> None:
    response = send(
        "patch", f"/memberships/{world.mayor_membership.pk}", {"title": "overborgmester"}, bearer(Role.ADMIN)
    )
    assert response.status_code == 200 and response.json()["title"] == "overborgmester"


# ---- Bounded queries ----------------------------------------------------------------------------------

LISTS = [
    "/parties",
    "/people",
    "/committees",
    "/topics",
    "/authority-areas",
    "/collaborations",
    "/bodies",
    "/memberships",
    "/substitutions",
    "/hospitals",
    "/areas",
    "/sources",
]


def queries(path: str) -> tuple[int, int]:
    """The queries a list costs, and how many records it answered."""
    client = Client()
    client.get(API + path)
    with CaptureQueriesContext(connection) as context:
        response = client.get(API + path, {"limit": 100})
    assert response.status_code == 200
    return len(context.captured_queries), len(response.json()["items"])


def test_a_page_of_many_costs_the_queries_of_a_page_of_one(world: ClusterWorld) -> None:
    before = {path: queries(path) for path in LISTS}
    for n in range(6):
        other = build_cluster(f"X{n}")
        membership_create(
            person=person_create(name=f"Næstformand X{n}", party=other.municipality),
            body=other.political,
            party=other.municipality,
            start=datetime.date(2023, 1, 1),
        )
        area_create(name=f"X{n} Bydel", kind=AreaKind.DISTRICT, parent=other.area)
    after = {path: queries(path) for path in LISTS}

    assert {path: count for path, (count, _) in after.items()} == {
        path: count for path, (count, _) in before.items()
    }
    grown = [path for path in LISTS if after[path][1] > before[path][1]]
    assert set(grown) == set(LISTS) - {"/topics", "/authority-areas", "/sources"}
    # Seven of the lists' own, and the anonymous response cache's read of its data version.
    assert max(count for count, _ in after.values()) <= 7 + CACHE_VERSION_READ, after
