"""The reform's writes give the same stored result and the same refusal by the page and by the command
the page builds (`klynge.reform.commands`). The API is read-only for the reform (the plans are the
secretariats' working documents), so the other caller here is the command itself, as a script or a
future endpoint would call it."""

import datetime
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.bodies.models import BodyLevel, Collaboration, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.reform import commands
from klynge.reform.models import CarryOver, TransitionPlan
from klynge.reform.selectors import cluster_proposals
from klynge.reform.services import Choice
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster


@pytest.fixture
def council(world: ClusterWorld) -> Collaboration:
    council = collaboration_create(
        name="Sundhedsråd Test",
        kind=CollaborationKind.HEALTH_COUNCIL,
        parties=[world.municipality],
        valid_from=datetime.date(2027, 1, 1),
    )
    body_create(collaboration=council, level=BodyLevel.POLITICAL, name="Sundhedsråd Test (politisk)")
    return council


def editor_account(world: ClusterWorld) -> Any:
    user, _ = account_create(
        email="kommando@test.dk", role=Role.EDITOR, party=world.municipality, password="x"
    )
    return user


def page_data(choices: dict[str, Choice]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, choice in choices.items():
        data[f"{key}-raad"] = [str(pk) for pk in choice.council_ids]
        data[f"{key}-note"] = choice.note
    return data


def stored_plan(cluster: Collaboration) -> list[tuple[Any, ...]]:
    plan = TransitionPlan.objects.get(cluster=cluster)
    return sorted(
        (
            entry.kind,
            entry.focus_area_id or entry.initiative_id,
            sorted(c.pk for c in entry.councils.all()),
            entry.note,
        )
        for entry in plan.entries.all()
    )


def all_to(cluster: Collaboration, council: Collaboration) -> dict[str, Choice]:
    return {p.key: Choice((council.pk,)) for p in cluster_proposals(cluster)}


def test_a_plan_is_saved_alike_by_page_and_command(world: ClusterWorld, council: Collaboration) -> None:
    choices = all_to(world.cluster, council)
    first = next(iter(choices))
    choices[first] = Choice((), "Afsluttes i klyngen.")

    response = editor_of(world.municipality).post(f"/reform/{world.cluster.slug}/", page_data(choices))
    assert response.status_code == 302
    by_page = stored_plan(world.cluster)
    TransitionPlan.objects.all().delete()

    commands.transition_plan_save(
        actor=editor_account(world),
        command=commands.TransitionPlanSave(cluster_id=world.cluster.pk, choices=choices),
    )

    assert stored_plan(world.cluster) == by_page


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (Choice(()), "Skriv i bemærkningen, hvorfor posten ikke videreføres."),
        (Choice((999_999,)), "Vælg blandt de registrerede sundhedsråd."),
    ],
)
def test_a_refused_plan_says_the_same_by_page_and_command(
    world: ClusterWorld, council: Collaboration, choice: Choice, message: str
) -> None:
    choices = all_to(world.cluster, council)
    first = next(iter(choices))
    choices[first] = choice

    page = editor_of(world.municipality).post(f"/reform/{world.cluster.slug}/", page_data(choices))
    with pytest.raises(ValidationError) as refused:
        commands.transition_plan_save(
            actor=editor_account(world),
            command=commands.TransitionPlanSave(cluster_id=world.cluster.pk, choices=choices),
        )

    assert page.status_code == 422
    page_messages = [m for errors in page.context["form"].errors.values() for m in errors]
    assert page_messages == [message] and refused.value.message_dict == {first: [message]}
    assert not TransitionPlan.objects.exists()


def test_another_partys_editor_is_forbidden_by_page_and_command(
    world: ClusterWorld, council: Collaboration
) -> None:
    other = build_cluster("Anden").municipality
    choices = all_to(world.cluster, council)
    user, _ = account_create(email="anden@test.dk", role=Role.EDITOR, party=other, password="x")

    assert editor_of(other).post(f"/reform/{world.cluster.slug}/", page_data(choices)).status_code == 403
    assert (
        editor_of(other, "anden2@test.dk").post(f"/reform/{world.cluster.slug}/overfoer/").status_code == 403
    )
    with pytest.raises(PermissionDenied):
        commands.transition_plan_save(
            actor=user, command=commands.TransitionPlanSave(cluster_id=world.cluster.pk, choices=choices)
        )
    with pytest.raises(PermissionDenied):
        commands.transition_plan_transfer(
            actor=user, command=commands.TransitionPlanTransfer(cluster_id=world.cluster.pk)
        )
    assert not TransitionPlan.objects.exists()


def test_a_cluster_that_is_not_one_is_not_found(world: ClusterWorld, council: Collaboration) -> None:
    assert editor_of(world.municipality).post(f"/reform/{council.slug}/overfoer/").status_code == 404
    with pytest.raises(Http404):
        commands.transition_plan_transfer(
            actor=editor_account(world), command=commands.TransitionPlanTransfer(cluster_id=council.pk)
        )


def test_a_transfer_without_a_plan_is_refused_alike(world: ClusterWorld, council: Collaboration) -> None:
    page = editor_of(world.municipality).post(f"/reform/{world.cluster.slug}/overfoer/")
    with pytest.raises(ValidationError) as refused:
        commands.transition_plan_transfer(
            actor=editor_account(world), command=commands.TransitionPlanTransfer(cluster_id=world.cluster.pk)
        )

    assert page.status_code == 302
    assert (
        [str(m) for m in get_messages(page.wsgi_request)]
        == refused.value.messages
        == [commands.PLAN_NOT_SAVED]
    )


@pytest.mark.parametrize("by", ["page", "command"])
def test_a_transfer_carries_the_same_records_over(
    world: ClusterWorld, council: Collaboration, by: str
) -> None:
    actor = editor_account(world)
    commands.transition_plan_save(
        actor=actor,
        command=commands.TransitionPlanSave(
            cluster_id=world.cluster.pk, choices=all_to(world.cluster, council)
        ),
    )

    if by == "page":
        assert (
            editor_of(world.municipality).post(f"/reform/{world.cluster.slug}/overfoer/").status_code == 302
        )
    else:
        commands.transition_plan_transfer(
            actor=actor, command=commands.TransitionPlanTransfer(cluster_id=world.cluster.pk)
        )

    carried = sorted(
        (c.kind, c.council_id, c.original.name, c.successor.name)  # type: ignore[union-attr]
        for c in CarryOver.objects.all()
    )
    assert carried == sorted(
        (
            ("focus_area" if p.key.startswith("fa-") else "initiative"),
            council.pk,
            p.record.name,
            p.record.name,
        )
        for p in cluster_proposals(world.cluster)
    )
