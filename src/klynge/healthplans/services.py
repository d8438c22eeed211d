"""Writes on local health plans and their goals, each atomic and validated (the rules in the models)."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from klynge.bodies.models import Collaboration
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan, LocalHealthPlanStatus
from klynge.kernel.records import create_validated, unique_slug, update_checked
from klynge.provenance.models import Source
from klynge.work.models import Initiative


def local_health_plan_create(
    *,
    council: Collaboration,
    name: str,
    description: str = "",
    status: LocalHealthPlanStatus = LocalHealthPlanStatus.DRAFT,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    adopted_on: datetime.date | None = None,
    document_url: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> LocalHealthPlan:
    return create_validated(
        LocalHealthPlan,
        council=council,
        name=name,
        slug=unique_slug(LocalHealthPlan, name),
        description=description,
        status=status,
        valid_from=valid_from,
        valid_to=valid_to,
        adopted_on=adopted_on,
        document_url=document_url,
        source=source,
        source_note=source_note,
    )


def local_health_plan_update(
    *,
    plan: LocalHealthPlan,
    seen_version: int | None,
    name: str,
    description: str,
    status: LocalHealthPlanStatus,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None,
    adopted_on: datetime.date | None,
    document_url: str,
) -> LocalHealthPlan:
    return update_checked(
        plan,
        seen_version=seen_version,
        name=name,
        description=description,
        status=status,
        valid_from=valid_from,
        valid_to=valid_to,
        adopted_on=adopted_on,
        document_url=document_url,
    )


def health_plan_goal_create(
    *,
    plan: LocalHealthPlan,
    title: str,
    description: str = "",
    initiatives: Iterable[Initiative] = (),
    source: Source | None = None,
    source_note: str = "",
) -> HealthPlanGoal:
    """A goal at the end of the plan's list."""
    with transaction.atomic():
        # Lock the plan so two goals added at once do not take the same number.
        LocalHealthPlan.objects.select_for_update().filter(pk=plan.pk).first()
        last = plan.goals.aggregate(last=Max("position"))["last"] or 0
        return create_validated(
            HealthPlanGoal,
            plan=plan,
            position=last + 1,
            title=title,
            description=description,
            source=source,
            source_note=source_note,
            m2m={"initiatives": initiatives},
        )


def health_plan_goal_update(
    *,
    goal: HealthPlanGoal,
    seen_version: int | None,
    title: str,
    description: str,
    initiatives: Iterable[Initiative],
) -> HealthPlanGoal:
    return update_checked(
        goal,
        seen_version=seen_version,
        title=title,
        description=description,
        m2m={"initiatives": initiatives},
    )


@transaction.atomic
def health_plan_goal_remove(*, goal: HealthPlanGoal) -> None:
    """Remove a goal; the goals after it move up, so the numbering stays unbroken."""
    plan_id, position = goal.plan_id, goal.position
    goal.delete()
    for later in HealthPlanGoal.objects.filter(plan_id=plan_id, position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])
