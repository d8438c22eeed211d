"""The API of local health plans (nærsundhedsplaner): a health council's plan with its goals and the
initiatives that pursue them. All public; writes build the same commands as the pages
(`klynge.healthplans.commands`), by editors of a party taking part in the council."""

import datetime
from typing import Annotated, Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS, WRITE_ERRORS
from klynge.api.pagination import Pages
from klynge.api.provenance import SourceRef
from klynge.api.schemas import BodyId, Date, Id, Input, Ref, SlugRef, Version, omittable
from klynge.healthplans import commands
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan, LocalHealthPlanStatus
from klynge.healthplans.selectors import local_health_plan_in_full, local_health_plans
from klynge.kernel.commands import UNSET
from klynge.kernel.records import record_version
from klynge.work.models import Initiative

router = Router(tags=["Local health plans"])

PlanName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
GoalTitle = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500, pattern=r"^(https?://\S+)?$")]
IdList = Annotated[list[BodyId], Field(max_length=200)]


class GoalOut(Schema):
    id: int
    position: int
    title: str
    description: str
    initiatives: list[Ref]

    @staticmethod
    def resolve_initiatives(obj: HealthPlanGoal) -> list[Any]:
        return list(obj.initiatives.all())


class GoalDetailOut(GoalOut):
    plan_id: int
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: HealthPlanGoal) -> int:
        return record_version(obj)


class PlanOut(Schema):
    id: int
    slug: str
    name: str
    council: SlugRef
    status: LocalHealthPlanStatus
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    adopted_on: datetime.date | None
    document_url: str
    description: str
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_url(obj: LocalHealthPlan) -> str:
        return obj.get_absolute_url()


class PlanDetailOut(PlanOut):
    goals: list[GoalOut]
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_goals(obj: LocalHealthPlan) -> list[Any]:
        return list(obj.goals.all())

    @staticmethod
    def resolve_version(obj: LocalHealthPlan) -> int:
        return record_version(obj)


class PlanIn(Input):
    council: BodyId = Field(description="A health council the caller's party takes part in.")
    name: PlanName
    description: Text = ""
    status: LocalHealthPlanStatus = LocalHealthPlanStatus.DRAFT
    valid_from: Date | None = None
    valid_to: Date | None = None
    adopted_on: Date | None = Field(None, description="Required for an adopted plan, refused otherwise.")
    document_url: Url = ""


class PlanChange(Input):
    version: Version | None = None
    name: PlanName = omittable()
    description: Text = omittable()
    status: LocalHealthPlanStatus = omittable()
    valid_from: Date | None = None
    valid_to: Date | None = None
    adopted_on: Date | None = None
    document_url: Url = omittable()


class GoalIn(Input):
    title: GoalTitle
    description: Text = ""
    initiatives: IdList = Field(
        default_factory=list,
        description="Initiatives of the council or of the clusters of its municipalities.",
    )


class GoalChange(Input):
    version: Version | None = None
    title: GoalTitle = omittable()
    description: Text = omittable()
    initiatives: IdList = omittable()


def _sent(payload: Input) -> dict[str, Any]:
    return {name: getattr(payload, name) for name in payload.model_fields_set if name != "version"}


def _full_plan(pk: int) -> LocalHealthPlan:
    plan = local_health_plan_in_full(pk=pk)
    if plan is None:
        raise Http404
    return plan


@router.get("/local-health-plans", response={200: list[PlanOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_local_health_plans(request: HttpRequest, council: Id | None = None) -> Any:
    """The health councils' local health plans, by council."""
    return local_health_plans(council_id=council)


@router.get("/local-health-plans/{plan_id}", response={200: PlanDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_local_health_plan(request: HttpRequest, plan_id: Id) -> Any:
    return _full_plan(plan_id)


@router.post("/local-health-plans", response={201: PlanDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_local_health_plan(request: HttpRequest, payload: PlanIn) -> Any:
    data = payload.model_dump()
    plan = commands.local_health_plan_create(
        actor=request.user,
        command=commands.LocalHealthPlanCreate(council_id=data.pop("council"), **data),
    )
    return Status(201, _full_plan(plan.pk))


@router.patch("/local-health-plans/{plan_id}", response={200: PlanDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_local_health_plan(request: HttpRequest, plan_id: Id, payload: PlanChange) -> Any:
    commands.local_health_plan_update(
        actor=request.user,
        command=commands.LocalHealthPlanChange(
            plan_id=plan_id, seen_version=payload.version, **_sent(payload)
        ),
    )
    return _full_plan(plan_id)


@router.post(
    "/local-health-plans/{plan_id}/goals", response={201: PlanDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def create_health_plan_goal(request: HttpRequest, plan_id: Id, payload: GoalIn) -> Any:
    """Add a goal at the end of the plan's goals."""
    commands.health_plan_goal_create(
        actor=request.user,
        command=commands.HealthPlanGoalCreate(
            plan_id=plan_id,
            title=payload.title,
            description=payload.description,
            initiative_ids=tuple(payload.initiatives),
        ),
    )
    return Status(201, _full_plan(plan_id))


def _full_goal(pk: int) -> HealthPlanGoal:
    goal = (
        HealthPlanGoal.objects.filter(pk=pk)
        .prefetch_related(Prefetch("initiatives", queryset=Initiative.objects.order_by("name")))
        .first()
    )
    if goal is None:
        raise Http404
    return goal


@router.get("/health-plan-goals/{goal_id}", response={200: GoalDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_health_plan_goal(request: HttpRequest, goal_id: Id) -> Any:
    return _full_goal(goal_id)


@router.patch("/health-plan-goals/{goal_id}", response={200: GoalDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_health_plan_goal(request: HttpRequest, goal_id: Id, payload: GoalChange) -> Any:
    sent = _sent(payload)
    commands.health_plan_goal_update(
        actor=request.user,
        command=commands.HealthPlanGoalChange(
            goal_id=goal_id,
            seen_version=payload.version,
            title=sent.get("title", UNSET),
            description=sent.get("description", UNSET),
            initiative_ids=tuple(sent["initiatives"]) if "initiatives" in sent else UNSET,
        ),
    )
    return _full_goal(goal_id)


@router.delete("/health-plan-goals/{goal_id}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def remove_health_plan_goal(request: HttpRequest, goal_id: Id) -> Any:
    """Remove a goal; the goals after it move up."""
    commands.health_plan_goal_remove(
        actor=request.user, command=commands.HealthPlanGoalRemove(goal_id=goal_id)
    )
    return HttpResponse(status=204)
