"""A body's page and the API are one write path: the same input gives the same stored result, and the
same bad input the same refusal (the same Danish message next to the same field, 403 for 403, 404 for 404).

Each write runs through the page and then through the API from the same starting point (the first is
rolled back), as the same editor, and both outcomes are compared with each other and with what is expected.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from klynge.bodies.models import Membership, Seat, Substitution
from klynge.bodies.services import membership_create
from klynge.kernel.records import record_version
from klynge.organisation.services import person_create
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster

API = "/api/v1"
PICK = "Vælg en af mulighederne på listen."
FULL_MESSAGE = "Test Kommune har 2 pladser i Politisk sundhedsklynge Test, og de er besat i perioden."
SUBSTITUTE_OUTSIDE = "Stedfortræderperioden skal ligge inden for medlemskabets periode."
FEWER_SEATS = "Parten har 2 medlemmer på samme tid i organet; antallet kan ikke være lavere."


@dataclass(frozen=True)
class Write:
    """One write as the page posts it and as the API sends it."""

    page: str
    form: dict[str, Any]
    method: str
    path: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    status: str  # saved, refused, forbidden, not_found
    errors: dict[str, list[str]] | None = None


PAGE_STATUS = {302: "saved", 422: "refused", 403: "forbidden", 404: "not_found"}
API_STATUS = {200: "saved", 201: "saved", 422: "refused", 403: "forbidden", 404: "not_found"}


def through_page(client: Client, write: Write) -> Outcome:
    response = client.post(write.page, write.form)
    status = PAGE_STATUS.get(response.status_code, str(response.status_code))
    if status != "refused":
        return Outcome(status)
    errors = response.context["form"].errors
    return Outcome(status, {field: list(messages) for field, messages in errors.items()})


def through_api(client: Client, write: Write) -> Outcome:
    call = getattr(client, write.method)
    response = call(API + write.path, data=json.dumps(write.payload), content_type="application/json")
    status = API_STATUS.get(response.status_code, str(response.status_code))
    if status != "refused":
        return Outcome(status)
    return Outcome(status, response.json()["errors"])


def deputy_of(world: ClusterWorld) -> Substitution:
    return Substitution.objects.get(principal=world.mayor_membership)


def composition(world: ClusterWorld) -> tuple[Any, ...]:
    """Everything a write on the body's composition can change, as stored."""
    memberships = tuple(
        Membership.objects.filter(body=world.political)
        .order_by("person__name")
        .values_list("person__name", "party__name", "role", "title", "start", "end")
    )
    seats = tuple(
        Seat.objects.filter(body=world.political).order_by("party__name").values_list("party__name", "count")
    )
    substitutions = tuple(
        (
            s.principal.person.name,
            s.substitute.name,
            s.condition,
            s.start,
            s.end,
            tuple(t.slug for t in s.topics.all()),
        )
        for s in Substitution.objects.filter(principal__body=world.political).order_by("substitute__name")
    )
    return memberships, seats, substitutions


# ---- The writes, each with good and bad input ---------------------------------------------------------


def add_member(world: ClusterWorld, **changes: Any) -> Write:
    person = person_create(name="Rådmand Test", party=world.municipality)
    values = {
        "person": person.pk,
        "party": world.municipality.pk,
        "role": "member",
        "title": "rådmand",
        "start": "2024-01-01",
        **changes,
    }
    return Write(
        page=f"/organer/{world.political.slug}/medlemmer/ny/",
        form={**values, "end": values.get("end") or ""},
        method="post",
        path=f"/bodies/{world.political.pk}/memberships",
        payload=values,
    )


def add_member_to_a_full_party(world: ClusterWorld) -> Write:
    membership_create(
        person=person_create(name="Anden Test"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2023, 1, 1),
    )
    return add_member(world)


def change_member(world: ClusterWorld, **changes: Any) -> Write:
    """The page sends every field (the form's current values with the change); the API only the change."""
    membership = world.mayor_membership
    current = {"role": "co_chair", "title": "borgmester", "start": "2022-07-01", "end": ""}
    return Write(
        page=f"/medlemskaber/{membership.pk}/rediger/",
        form={**current, **changes, "seen_version": record_version(membership)},
        method="patch",
        path=f"/memberships/{membership.pk}",
        payload=changes,
    )


def set_seats(world: ClusterWorld, *, party: int, count: int) -> Write:
    return Write(
        page=f"/organer/{world.political.slug}/pladser/",
        form={"party": party, "count": count, "seen_version": ""},
        method="put",
        path=f"/bodies/{world.political.pk}/seats",
        payload={"party": party, "count": count},
    )


def add_substitute(world: ClusterWorld, *, substitute: int | None = None, **changes: Any) -> Write:
    if substitute is None:
        substitute = person_create(name="Socialborgmester Test", party=world.municipality).pk
    values = {
        "substitute": substitute,
        "topics": [world.prevention_topic.pk, world.hospitals_topic.pk],
        "condition": "  hvis det er mere relevant ",
        "start": "2023-01-01",
        "end": "2024-12-31",
        **changes,
    }
    membership = world.mayor_membership
    return Write(
        page=f"/medlemskaber/{membership.pk}/stedfortraedere/ny/",
        form=values,
        method="post",
        path=f"/memberships/{membership.pk}/substitutions",
        payload=values,
    )


def change_substitute(world: ClusterWorld, **changes: Any) -> Write:
    deputy = deputy_of(world)
    current = {
        "topics": [topic.pk for topic in deputy.topics.all()],
        "condition": deputy.condition,
        "start": deputy.start.isoformat(),
        "end": deputy.end.isoformat() if deputy.end else "",
    }
    return Write(
        page=f"/stedfortraedere/{deputy.pk}/rediger/",
        form={**current, **changes, "seen_version": record_version(deputy)},
        method="patch",
        path=f"/substitutions/{deputy.pk}",
        payload=changes,
    )


def unknown(write: Write, page: str, path: str) -> Write:
    return Write(page=page, form=write.form, method=write.method, path=path, payload=write.payload)


CASES: dict[str, tuple[Callable[[ClusterWorld], Write], Outcome]] = {
    # Saved
    "add a member": (add_member, Outcome("saved")),
    "end a membership (its substitutes end with it)": (
        lambda w: change_member(w, end="2024-06-30"),
        Outcome("saved"),
    ),
    "set a party's seats": (lambda w: set_seats(w, party=w.general_practice.pk, count=2), Outcome("saved")),
    "add a substitute (text stripped)": (add_substitute, Outcome("saved")),
    "change a substitute's topics and end": (
        lambda w: change_substitute(w, topics=[w.hospitals_topic.pk], end="2024-06-30"),
        Outcome("saved"),
    ),
    # A broken rule or a reference that is not among the choices
    "a full party": (add_member_to_a_full_party, Outcome("refused", {"party": [FULL_MESSAGE]})),
    "a party outside the collaboration": (
        lambda w: add_member(w, party=build_cluster("Anden").municipality.pk),
        Outcome("refused", {"party": [PICK]}),
    ),
    "an unknown person": (lambda w: add_member(w, person=999999), Outcome("refused", {"person": [PICK]})),
    "fewer seats than sit": (
        lambda w: (
            add_member_to_a_full_party(w),
            set_seats(w, party=w.municipality.pk, count=1),
        )[1],
        Outcome("refused", {"count": [FEWER_SEATS]}),
    ),
    "a substitute for themselves": (
        lambda w: add_substitute(w, substitute=w.mayor.pk),
        Outcome("refused", {"substitute": [PICK]}),
    ),
    "a substitute outside the membership": (
        lambda w: add_substitute(w, start="2020-01-01", end="2020-12-31"),
        Outcome("refused", {"start": [SUBSTITUTE_OUTSIDE]}),
    ),
    "an unknown topic": (
        lambda w: change_substitute(w, topics=[999999]),
        Outcome("refused", {"topics": [PICK]}),
    ),
    # Records that do not exist (or that the editor may not see)
    "an unknown membership": (
        lambda w: unknown(
            change_member(w, title="x"), "/medlemskaber/999999/rediger/", "/memberships/999999"
        ),
        Outcome("not_found"),
    ),
    "an unknown substitution": (
        lambda w: unknown(
            change_substitute(w, condition="x"), "/stedfortraedere/999999/rediger/", "/substitutions/999999"
        ),
        Outcome("not_found"),
    ),
}


def outcome_and_result(
    world: ClusterWorld, client: Client, write: Write, send: Callable[[Client, Write], Outcome]
) -> tuple[Outcome, tuple[Any, ...]]:
    """What the channel answers and what is stored afterwards, then everything rolled back."""
    with transaction.atomic():
        outcome = send(client, write)
        result = composition(world)
        transaction.set_rollback(True)
    return outcome, result


@pytest.mark.parametrize("case", list(CASES))
def test_the_page_and_the_api_store_and_refuse_alike(world: ClusterWorld, case: str) -> None:
    build, expected = CASES[case]
    write = build(world)
    editor = editor_of(world.municipality)
    before = composition(world)

    by_page = outcome_and_result(world, editor, write, through_page)
    by_api = outcome_and_result(world, editor, write, through_api)

    assert by_page[0] == by_api[0] == expected
    assert by_page[1] == by_api[1]
    assert (by_page[1] != before) == (expected.status == "saved")


WRITES = {
    "add a member": add_member,
    "change a member": lambda w: change_member(w, title="x"),
    "set seats": lambda w: set_seats(w, party=w.municipality.pk, count=5),
    "add a substitute": add_substitute,
    "change a substitute": lambda w: change_substitute(w, condition="x"),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_an_editor_of_another_party_is_refused_alike(world: ClusterWorld, write: str) -> None:
    outsider = editor_of(build_cluster("Anden").municipality)
    request = WRITES[write](world)
    before = composition(world)

    assert through_page(outsider, request) == through_api(outsider, request) == Outcome("forbidden")
    assert composition(world) == before
