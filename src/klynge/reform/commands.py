"""The writes of the reform, one command each: save a cluster's transition plan, and carry its records
over to the health councils. The page builds them from its review form; anything else (a script, a
future endpoint) builds the same and gets the same result and refusal (see `klynge.kernel.commands`).

Only those who may change the cluster's records (`klynge.bodies.access`) write its plan (403 otherwise);
a cluster that does not exist is a 404.
"""

import dataclasses
from collections.abc import Mapping

from klynge.bodies.access import ensure_collaboration_edit
from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.kernel.commands import Actor, record_or_404, refuse
from klynge.reform import services
from klynge.reform.models import CarryOver, TransitionPlan
from klynge.reform.selectors import plan_for
from klynge.reform.services import Choice

PLAN_NOT_SAVED = "Gem planen, før posterne kan overføres."


@dataclasses.dataclass(frozen=True)
class TransitionPlanSave:
    """The secretariat's plan for a cluster: a choice for each of its records, by key ("fa-<id>",
    "in-<id>"): the councils that carry it on, or none with a note why."""

    cluster_id: int
    choices: Mapping[str, Choice]


@dataclasses.dataclass(frozen=True)
class TransitionPlanTransfer:
    """Carry the cluster's saved plan over to the health councils (all or nothing)."""

    cluster_id: int


def _editable_cluster(actor: Actor, cluster_id: int) -> Collaboration:
    cluster = record_or_404(Collaboration.objects.filter(kind=CollaborationKind.CLUSTER), cluster_id)
    ensure_collaboration_edit(actor, cluster)
    return cluster


def transition_plan_save(*, actor: Actor, command: TransitionPlanSave) -> TransitionPlan:
    cluster = _editable_cluster(actor, command.cluster_id)
    return services.transition_plan_save(cluster=cluster, choices=command.choices, user=actor)


def transition_plan_transfer(*, actor: Actor, command: TransitionPlanTransfer) -> list[CarryOver]:
    plan = plan_for(_editable_cluster(actor, command.cluster_id))
    if plan is None:
        refuse(None, PLAN_NOT_SAVED)
    return services.transition_plan_transfer(plan=plan, user=actor)
