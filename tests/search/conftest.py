"""Viewers per role for searching a test cluster, built as in tests/site/test_permission_matrix.py."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from tests.databases import built_once_per_module
from tests.factories import ClusterWorld, build_cluster

ROLES = [
    "anonymous",
    "admin",
    "editor_participating",
    "editor_other_party",
    "member_in_body",
    "member_elsewhere",
]
SEES_CLOSED = {"admin", "editor_participating", "member_in_body"}
WRITES_MEMOS = {"admin", "editor_participating"}  # to the world's municipality's committee


@dataclass
class Closed:
    world: ClusterWorld
    other: ClusterWorld
    item: AgendaItem
    decision: Decision


def _closed(world: ClusterWorld) -> Closed:
    """A closed agenda item with a decision in the world's cluster, and another cluster."""
    item = agenda_item_create(
        meeting=world.meeting,
        title="Fortroligt punkt om budgetter",
        kind=AgendaItemKind.DECISION,
        is_public=False,
        topics=[world.prevention_topic],
    )
    decision = decision_create(
        agenda_item=item, kind=DecisionKind.COORDINATION, text="Fortrolig beslutning om budgettet for 2024."
    )
    return Closed(world, build_cluster("Anden"), item, decision)


def user_for(role: str, world: ClusterWorld, other: ClusterWorld) -> Any:
    accounts: dict[str, dict[str, Any]] = {
        "admin": {"role": Role.ADMIN},
        "editor_participating": {"role": Role.EDITOR, "party": world.municipality},
        "editor_other_party": {"role": Role.EDITOR, "party": other.municipality},
        "member_in_body": {"role": Role.MEMBER, "person": world.mayor},
        "member_elsewhere": {"role": Role.MEMBER, "person": other.mayor},
    }
    if role == "anonymous":
        return AnonymousUser()
    user, _ = account_create(email=f"{role.replace('_', '-')}@test.dk", password="x", **accounts[role])
    return user


module_closed, closed = built_once_per_module("closed", _closed)
