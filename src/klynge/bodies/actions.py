"""The named writes on a body's composition (members, seats, substitutes), shared by the pages and the API.

Each write is one path whatever the caller: its Danish form (in `forms.py`) turns input into arguments,
the function here calls the service with them, and the service holds the rules. The pages and the API
differ only in how input arrives and how the answer is shown.
"""

from typing import Any

from klynge.bodies.models import Body, Membership, MembershipRole, Seat, Substitution
from klynge.bodies.selectors import seat_of
from klynge.bodies.services import (
    membership_create,
    membership_update,
    seat_set,
    seats_version,
    substitution_create,
    substitution_update,
)
from klynge.kernel.records import record_version


def membership_create_from(body: Body, data: dict[str, Any]) -> Membership:
    return membership_create(
        person=data["person"],
        body=body,
        party=data["party"],
        role=MembershipRole(data["role"]),
        title=data["title"],
        start=data["start"],
        end=data["end"],
    )


def membership_initial(membership: Membership) -> dict[str, Any]:
    """A membership's current values as its form takes them (the starting point of a change)."""
    return {
        "role": membership.role,
        "title": membership.title,
        "start": membership.start,
        "end": membership.end,
        "seen_version": record_version(membership),
    }


def membership_update_from(membership: Membership, data: dict[str, Any]) -> Membership:
    return membership_update(
        membership=membership,
        role=MembershipRole(data["role"]),
        title=data["title"],
        start=data["start"],
        end=data["end"],
        seen_version=data["seen_version"],
    )


def seat_initial(body: Body, party_id: int | None = None) -> dict[str, Any]:
    """The seat form's starting point: the body's seats as now seen, and the party's count if it has seats."""
    initial: dict[str, Any] = {"seen_version": seats_version(body=body)}
    seat: Seat | None = seat_of(body=body, party_id=party_id) if party_id is not None else None
    if seat is not None:
        initial.update(party=seat.party_id, count=seat.count)
    return initial


def seat_set_from(body: Body, data: dict[str, Any]) -> Seat:
    return seat_set(body=body, party=data["party"], count=data["count"], seen_version=data["seen_version"])


def substitution_create_from(principal: Membership, data: dict[str, Any]) -> Substitution:
    return substitution_create(
        principal=principal,
        substitute=data["substitute"],
        topics=data["topics"],
        condition=data["condition"],
        start=data["start"],
        end=data["end"],
    )


def substitution_initial(substitution: Substitution) -> dict[str, Any]:
    return {
        "topics": [topic.pk for topic in substitution.topics.all()],
        "condition": substitution.condition,
        "start": substitution.start,
        "end": substitution.end,
        "seen_version": record_version(substitution),
    }


def substitution_update_from(substitution: Substitution, data: dict[str, Any]) -> Substitution:
    return substitution_update(
        substitution=substitution,
        topics=data["topics"],
        condition=data["condition"],
        start=data["start"],
        end=data["end"],
        seen_version=data["seen_version"],
    )
