"""Reads of local health plans: the list (with goal counts, one query), a plan with its goals and their
initiatives, and what an editor may choose."""

from django.db.models import Count, Prefetch, Q, QuerySet

from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan
from klynge.organisation.models import PartyKind
from klynge.work.models import Initiative


def local_health_plans(*, council_id: int | None = None) -> QuerySet[LocalHealthPlan]:
    plans = LocalHealthPlan.objects.select_related("council", "source").annotate(goal_count=Count("goals"))
    if council_id is not None:
        plans = plans.filter(council=council_id)
    return plans.order_by("council__name", "-valid_from", "name", "pk")


def local_health_plan_in_full(*, slug: str | None = None, pk: int | None = None) -> LocalHealthPlan | None:
    """A plan with its council, source and goals in order, each with its initiatives (four queries)."""
    plans = LocalHealthPlan.objects.select_related("council", "source").prefetch_related(
        Prefetch(
            "goals",
            queryset=HealthPlanGoal.objects.order_by("position").prefetch_related(
                Prefetch(
                    "initiatives",
                    queryset=Initiative.objects.select_related("collaboration").order_by("name"),
                )
            ),
        )
    )
    return plans.filter(slug=slug).first() if slug is not None else plans.filter(pk=pk or 0).first()


def plans_for_edit() -> QuerySet[LocalHealthPlan]:
    return LocalHealthPlan.objects.select_related("council")


def goals_for_edit() -> QuerySet[HealthPlanGoal]:
    return HealthPlanGoal.objects.select_related("plan", "plan__council")


def health_councils() -> QuerySet[Collaboration]:
    return Collaboration.objects.filter(kind=CollaborationKind.HEALTH_COUNCIL).order_by("name")


def initiatives_for_plan(plan: LocalHealthPlan) -> QuerySet[Initiative]:
    """The initiatives a plan's goals may name: the council's own and those of the clusters of its
    municipalities (whose work the council carries on from 2027)."""
    municipalities = plan.council.parties.filter(kind=PartyKind.MUNICIPALITY)
    return (
        Initiative.objects.filter(
            Q(collaboration=plan.council) | Q(collaboration__parties__in=municipalities)
        )
        .select_related("collaboration")
        .distinct()
        .order_by("collaboration__name", "name")
    )
