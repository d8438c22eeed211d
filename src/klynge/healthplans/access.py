"""Who may change a local health plan — the one place this rule lives: those who may change its health
council's records (klynge.bodies.access)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from klynge.bodies.access import editable_collaborations, ensure_collaboration_edit
from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.healthplans.models import LocalHealthPlan


def councils_to_plan_for(user: Any) -> QuerySet[Collaboration]:
    """The health councils for which the user may write a plan (the choices of the create form)."""
    return editable_collaborations(user).filter(kind=CollaborationKind.HEALTH_COUNCIL).order_by("name")


def ensure_plan_edit(user: Any, plan: LocalHealthPlan) -> None:
    ensure_collaboration_edit(user, plan.council)


def ensure_plan_create(user: Any) -> QuerySet[Collaboration]:
    """The councils the user may write a plan for; refuse (403) one who may write none."""
    councils = councils_to_plan_for(user)
    if not councils.exists():
        raise PermissionDenied("Du kan kun skrive nærsundhedsplaner for sundhedsråd, din part deltager i.")
    return councils
