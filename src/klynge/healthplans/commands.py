"""The writes on local health plans and their goals, one typed command each, whoever calls (pages, API).

See `klynge.kernel.commands`: find the record (404), check the right (403), refuse bad references with
Danish messages per field, call the service."""

import datetime
from dataclasses import dataclass
from typing import Any

from klynge.healthplans import services
from klynge.healthplans.access import ensure_plan_create, ensure_plan_edit
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan, LocalHealthPlanStatus
from klynge.healthplans.selectors import goals_for_edit, initiatives_for_plan, plans_for_edit
from klynge.kernel.commands import (
    UNSET,
    Actor,
    Unset,
    merged,
    record_by_id,
    record_or_404,
    records_by_ids,
    required,
)

COUNCIL_NOT_ALLOWED = "Vælg et af de sundhedsråd, din part deltager i."
INITIATIVE_NOT_ALLOWED = "Vælg indsatser i sundhedsrådet eller i klyngerne for dets kommuner."
NAME_REQUIRED = "Skriv planens navn."
TITLE_REQUIRED = "Skriv målet."


@dataclass(frozen=True)
class LocalHealthPlanCreate:
    council_id: int
    name: str
    description: str = ""
    status: LocalHealthPlanStatus = LocalHealthPlanStatus.DRAFT
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    adopted_on: datetime.date | None = None
    document_url: str = ""


@dataclass(frozen=True)
class LocalHealthPlanChange:
    plan_id: int
    seen_version: int | None = None
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    status: LocalHealthPlanStatus | Unset = UNSET
    valid_from: datetime.date | Unset | None = UNSET
    valid_to: datetime.date | Unset | None = UNSET
    adopted_on: datetime.date | Unset | None = UNSET
    document_url: str | Unset = UNSET


@dataclass(frozen=True)
class HealthPlanGoalCreate:
    plan_id: int
    title: str
    description: str = ""
    initiative_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class HealthPlanGoalChange:
    goal_id: int
    seen_version: int | None = None
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    initiative_ids: tuple[int, ...] | Unset = UNSET


@dataclass(frozen=True)
class HealthPlanGoalRemove:
    goal_id: int


def local_health_plan_create(*, actor: Actor, command: LocalHealthPlanCreate) -> LocalHealthPlan:
    """A plan of a health council whose records the actor may change."""
    councils = ensure_plan_create(actor)
    council = record_by_id(councils, command.council_id, field="council", message=COUNCIL_NOT_ALLOWED)
    assert council is not None
    return services.local_health_plan_create(
        council=council,
        name=required("name", command.name, NAME_REQUIRED),
        description=command.description.strip(),
        status=command.status,
        valid_from=command.valid_from,
        valid_to=command.valid_to,
        adopted_on=command.adopted_on,
        document_url=command.document_url.strip(),
    )


def plan_values(plan: LocalHealthPlan) -> dict[str, Any]:
    return {
        "name": plan.name,
        "description": plan.description,
        "status": LocalHealthPlanStatus(plan.status),
        "valid_from": plan.valid_from,
        "valid_to": plan.valid_to,
        "adopted_on": plan.adopted_on,
        "document_url": plan.document_url,
    }


def local_health_plan_update(*, actor: Actor, command: LocalHealthPlanChange) -> LocalHealthPlan:
    plan = record_or_404(plans_for_edit(), command.plan_id)
    ensure_plan_edit(actor, plan)
    values = merged(plan_values(plan), command, exclude=("plan_id", "seen_version"))
    values["name"] = required("name", values["name"], NAME_REQUIRED)
    return services.local_health_plan_update(plan=plan, seen_version=command.seen_version, **values)


def health_plan_goal_create(*, actor: Actor, command: HealthPlanGoalCreate) -> HealthPlanGoal:
    plan = record_or_404(plans_for_edit(), command.plan_id)
    ensure_plan_edit(actor, plan)
    title = required("title", command.title, TITLE_REQUIRED)
    initiatives = records_by_ids(
        initiatives_for_plan(plan),
        command.initiative_ids,
        field="initiatives",
        message=INITIATIVE_NOT_ALLOWED,
    )
    return services.health_plan_goal_create(
        plan=plan, title=title, description=command.description.strip(), initiatives=initiatives
    )


def health_plan_goal_update(*, actor: Actor, command: HealthPlanGoalChange) -> HealthPlanGoal:
    goal = record_or_404(goals_for_edit(), command.goal_id)
    ensure_plan_edit(actor, goal.plan)
    current = {
        "title": goal.title,
        "description": goal.description,
        "initiative_ids": tuple(goal.initiatives.values_list("pk", flat=True)),
    }
    values = merged(current, command, exclude=("goal_id", "seen_version"))
    initiatives = records_by_ids(
        initiatives_for_plan(goal.plan),
        values["initiative_ids"],
        field="initiatives",
        message=INITIATIVE_NOT_ALLOWED,
    )
    return services.health_plan_goal_update(
        goal=goal,
        seen_version=command.seen_version,
        title=required("title", values["title"], TITLE_REQUIRED),
        description=values["description"].strip(),
        initiatives=initiatives,
    )


def health_plan_goal_remove(*, actor: Actor, command: HealthPlanGoalRemove) -> LocalHealthPlan:
    goal = record_or_404(goals_for_edit(), command.goal_id)
    ensure_plan_edit(actor, goal.plan)
    plan = goal.plan
    services.health_plan_goal_remove(goal=goal)
    return plan
