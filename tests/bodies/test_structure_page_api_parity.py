"""Bodies, people and committees: the page and the API are one write path — the same input gives the same
stored result, the same bad input the same refusal (the same Danish message next to the same field), 403
for 403 and 404 for 404. Each write runs through the page and then through the API from the same start."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from klynge.bodies.models import Body
from klynge.kernel.records import record_version
from klynge.meetings.services import meeting_create
from klynge.organisation.models import Committee, Person
from klynge.organisation.services import administration_create
from tests.bodies.test_page_api_parity import Outcome, Write, through_api, through_page
from tests.clients import administrator, editor_of
from tests.factories import ClusterWorld, build_cluster

PICK = "Vælg en af mulighederne på listen."
OWN_PARTY = PICK
OUTSIDE_COLLABORATION = "Organets periode skal ligge inden for samarbejdets periode."


def stored(world: ClusterWorld) -> tuple[Any, ...]:
    """Everything these writes can change, as stored."""
    bodies = tuple(
        Body.objects.filter(collaboration=world.cluster)
        .order_by("level")
        .values_list("level", "name", "description", "valid_from", "valid_to")
    )
    people = tuple(Person.objects.order_by("name", "pk").values_list("name", "party__name", "title"))
    committees = tuple(
        (c.name, c.code, c.party.name, c.administration_id, tuple(t.slug for t in c.topics.all()))
        for c in Committee.objects.order_by("code")
    )
    return bodies, people, committees


def add_body(world: ClusterWorld, **changes: Any) -> Write:
    values = {
        "level": "administrative",
        "name": "Administrativ klynge Test",
        "description": " Embedsfolk ",
        "valid_from": "2023-01-01",
        **changes,
    }
    return Write(
        page=f"/samarbejder/{world.cluster.slug}/organer/ny/",
        form={**values, "valid_to": values.get("valid_to") or ""},
        method="post",
        path=f"/collaborations/{world.cluster.pk}/bodies",
        payload=values,
    )


def change_body(world: ClusterWorld, **changes: Any) -> Write:
    body = world.political
    current = {"level": "political", "name": body.name, "description": "", "valid_from": "", "valid_to": ""}
    return Write(
        page=f"/organer/{body.slug}/rediger/",
        form={**current, **changes, "seen_version": record_version(body)},
        method="patch",
        path=f"/bodies/{body.pk}",
        payload=changes,
    )


def add_person(world: ClusterWorld, **changes: Any) -> Write:
    values = {"name": " Rådmand Ny ", "party": world.municipality.pk, "title": "Rådmand", **changes}
    return Write(page="/personer/ny/", form=values, method="post", path="/people", payload=values)


def change_person(world: ClusterWorld, **changes: Any) -> Write:
    person = world.mayor
    current = {"name": person.name, "party": world.municipality.pk, "title": person.title}
    return Write(
        page=f"/personer/{person.slug}/rediger/",
        form={**current, **changes, "seen_version": record_version(person)},
        method="patch",
        path=f"/people/{person.pk}",
        payload=changes,
    )


def add_committee(world: ClusterWorld, **changes: Any) -> Write:
    values = {
        "party": world.municipality.pk,
        "name": "Sundheds- og Omsorgsudvalget",
        "code": "sou",
        "topics": [world.prevention_topic.pk],
        **changes,
    }
    return Write(page="/udvalg/ny/", form=values, method="post", path="/committees", payload=values)


def change_committee(world: ClusterWorld, **changes: Any) -> Write:
    committee = Committee.objects.get(party=world.municipality)
    current = {
        "name": committee.name,
        "code": committee.code,
        "administration": "",
        "topics": [t.pk for t in committee.topics.all()],
    }
    return Write(
        page=f"/udvalg/{committee.slug}/rediger/",
        form={**current, **changes, "seen_version": record_version(committee)},
        method="patch",
        path=f"/committees/{committee.pk}",
        payload=changes,
    )


def with_meeting_in_2022(world: ClusterWorld) -> Write:
    meeting_create(body=world.political, date=datetime.date(2022, 9, 1))
    return change_body(world, valid_from="2023-01-01")


def with_administration(world: ClusterWorld) -> Write:
    administration = administration_create(
        party=world.municipality, name="Sundhedsforvaltningen", abbreviation="SUF"
    )
    return change_committee(world, administration=administration.pk)


def with_foreign_administration(world: ClusterWorld) -> Write:
    other = build_cluster("Anden").municipality
    administration = administration_create(party=other, name="Anden forvaltning", abbreviation="AF")
    return change_committee(world, administration=administration.pk)


CASES: dict[str, tuple[Callable[[ClusterWorld], Write], Outcome]] = {
    "add a body": (add_body, Outcome("saved")),
    "change a body's name and description": (
        lambda w: change_body(w, name="Politisk klynge Test", description="Borgmestre og regionsrådsformand"),
        Outcome("saved"),
    ),
    "add a person": (add_person, Outcome("saved")),
    "change a person's title": (lambda w: change_person(w, title="Borgmester"), Outcome("saved")),
    "add a committee (code in capitals)": (add_committee, Outcome("saved")),
    "give a committee its administration": (with_administration, Outcome("saved")),
    # Broken rules and references that are not among the choices
    "a body outside the collaboration": (
        lambda w: add_body(w, valid_from="2020-01-01"),
        Outcome("refused", {"valid_from": [OUTSIDE_COLLABORATION]}),
    ),
    "a level already taken": (
        lambda w: add_body(w, level="political"),
        Outcome("refused", {"level": ["Sundhedsklynge Test har allerede et organ på politisk niveau."]}),
    ),
    "a body's name already taken": (
        lambda w: add_body(w, name=w.professional.name),
        Outcome(
            "refused", {"name": ["Der findes allerede et organ med navnet »Faglig sundhedsklynge Test«."]}
        ),
    ),
    "a period that leaves members outside": (
        lambda w: change_body(w, valid_from="2023-01-01"),
        Outcome(
            "refused",
            {"valid_from": ["1 medlemskaber og 0 møder begynder før 1. januar 2023. Ret dem først."]},
        ),
    ),
    "a period that leaves a meeting outside": (
        with_meeting_in_2022,
        Outcome(
            "refused",
            {"valid_from": ["1 medlemskaber og 1 møder begynder før 1. januar 2023. Ret dem først."]},
        ),
    ),
    "a person of another party": (
        lambda w: add_person(w, party=w.region.pk),
        Outcome("refused", {"party": [OWN_PARTY]}),
    ),
    "a code already taken": (
        lambda w: add_committee(w, code="sutest"),
        Outcome("refused", {"code": ["Koden SUTEST bruges allerede af et andet udvalg."]}),
    ),
    "a committee of another party": (
        lambda w: add_committee(w, party=w.region.pk),
        Outcome("refused", {"party": [OWN_PARTY]}),
    ),
    "another party's administration": (
        with_foreign_administration,
        Outcome("refused", {"administration": [PICK]}),
    ),
    "an unknown topic": (
        lambda w: change_committee(w, topics=[999999]),
        Outcome("refused", {"topics": [PICK]}),
    ),
}


def outcome_and_result(
    world: ClusterWorld, client: Client, write: Write, send: Callable[[Client, Write], Outcome]
) -> tuple[Outcome, tuple[Any, ...]]:
    with transaction.atomic():
        outcome = send(client, write)
        result = stored(world)
        transaction.set_rollback(True)
    return outcome, result


@pytest.mark.parametrize("case", list(CASES))
def test_the_page_and_the_api_store_and_refuse_alike(world: ClusterWorld, case: str) -> None:
    build, expected = CASES[case]
    write = build(world)
    editor = editor_of(world.municipality)
    before = stored(world)

    by_page = outcome_and_result(world, editor, write, through_page)
    by_api = outcome_and_result(world, editor, write, through_api)

    assert by_page[0] == by_api[0] == expected
    assert by_page[1] == by_api[1]
    assert (by_page[1] != before) == (expected.status == "saved")


WRITES: dict[str, Callable[[ClusterWorld], Write]] = {
    "add a body": add_body,
    "change a body": lambda w: change_body(w, name="x"),
    "change a person": lambda w: change_person(w, title="x"),
    "change a committee": lambda w: change_committee(w, name="x"),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_an_editor_of_another_party_is_refused_alike(world: ClusterWorld, write: str) -> None:
    outsider = editor_of(build_cluster("Anden").municipality)
    request = WRITES[write](world)
    before = stored(world)

    assert through_page(outsider, request) == through_api(outsider, request) == Outcome("forbidden")
    assert stored(world) == before


def test_the_region_edits_the_cluster_but_not_the_municipalitys_people(world: ClusterWorld) -> None:
    """The region takes part in the cluster (its bodies are its secretariat's to edit too), but the
    municipality's people and committees are the municipality's."""
    region = editor_of(world.region)
    assert through_page(region, change_body(world, description="Politikerne")) == Outcome("saved")
    assert through_api(region, change_person(world, title="x")) == Outcome("forbidden")
    assert through_page(region, change_committee(world, name="x")) == Outcome("forbidden")


def test_the_host_party_edits_the_structure_without_taking_part(world: ClusterWorld) -> None:
    host = build_cluster("Vært").municipality
    world.cluster.host_party = host
    world.cluster.save()
    assert through_api(editor_of(host), change_body(world, description="Sekretariatet")) == Outcome("saved")


def test_an_administrator_adds_a_person_of_no_party(world: ClusterWorld) -> None:
    write = add_person(world, party=None)
    assert through_api(administrator(), write) == Outcome("saved")
    assert Person.objects.get(name="Rådmand Ny").party is None
    # An editor may not.
    write = add_person(world, party=None)
    assert through_api(editor_of(world.municipality), write) == Outcome(
        "refused", {"party": ["Vælg en part."]}
    )


def test_unknown_records_are_404_alike(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    person = change_person(world, title="x")
    missing = Write(
        page="/personer/findes-ikke/rediger/",
        form=person.form,
        method="patch",
        path="/people/999999",
        payload=person.payload,
    )
    assert through_page(editor, missing) == through_api(editor, missing) == Outcome("not_found")
    body = add_body(world)
    missing = Write(
        page="/samarbejder/findes-ikke/organer/ny/",
        form=body.form,
        method="post",
        path="/collaborations/999999/bodies",
        payload=body.payload,
    )
    assert through_page(editor, missing) == through_api(editor, missing) == Outcome("not_found")
