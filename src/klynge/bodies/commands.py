"""The writes on a body's composition (members, seats, substitutes), one typed command each.

The body's page and the API build the same command; the function here finds the records (404 when
unknown), checks that the actor may change the collaboration's records (403), refuses people, parties and
topics that are not among the choices (with the pages' Danish message per field) and calls the service,
which holds the rules.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from klynge.bodies import services
from klynge.bodies.access import ensure_collaboration_edit
from klynge.bodies.models import Body, Membership, MembershipRole, Seat, Substitution
from klynge.bodies.selectors import bodies_for_edit, memberships_for_edit, substitutions_for_edit
from klynge.kernel.commands import (
    UNSET,
    Actor,
    Unset,
    merged,
    record_by_id,
    record_or_404,
    records_by_ids,
    refused_together,
)
from klynge.organisation.models import Person, Topic

# The message of a choice that is not on the list, as the pages' choice fields say it.
PICK = "Vælg en af mulighederne på listen."


@dataclass(frozen=True)
class MembershipCreate:
    body_id: int
    person_id: int
    party_id: int
    start: datetime.date
    role: MembershipRole = MembershipRole.MEMBER
    title: str = ""
    end: datetime.date | None = None


@dataclass(frozen=True)
class MembershipUpdate:
    membership_id: int
    role: MembershipRole | Unset = UNSET
    title: str | Unset = UNSET
    start: datetime.date | Unset = UNSET
    end: datetime.date | Unset | None = UNSET
    seen_version: int | None = None


@dataclass(frozen=True)
class SeatSet:
    body_id: int
    party_id: int
    count: int
    seen_version: int | None = None


@dataclass(frozen=True)
class SubstitutionCreate:
    membership_id: int
    substitute_id: int
    start: datetime.date
    topic_ids: tuple[int, ...] = ()
    condition: str = ""
    end: datetime.date | None = None


@dataclass(frozen=True)
class SubstitutionUpdate:
    substitution_id: int
    topic_ids: tuple[int, ...] | Unset = UNSET
    condition: str | Unset = UNSET
    start: datetime.date | Unset = UNSET
    end: datetime.date | Unset | None = UNSET
    seen_version: int | None = None


def editable_body(*, actor: Actor, body_id: int) -> Body:
    """The body (404 if unknown), if the actor may change its collaboration's records (else 403)."""
    body = record_or_404(bodies_for_edit(), body_id)
    ensure_collaboration_edit(actor, body.collaboration)
    return body


def editable_membership(*, actor: Actor, membership_id: int) -> Membership:
    membership = record_or_404(memberships_for_edit(), membership_id)
    ensure_collaboration_edit(actor, membership.body.collaboration)
    return membership


def editable_substitution(*, actor: Actor, substitution_id: int) -> Substitution:
    substitution = record_or_404(substitutions_for_edit(), substitution_id)
    ensure_collaboration_edit(actor, substitution.principal.body.collaboration)
    return substitution


def _topics(topic_ids: tuple[int, ...]) -> list[Topic]:
    return records_by_ids(Topic.objects.all(), topic_ids, field="topics", message=PICK)


def membership_create(*, actor: Actor, command: MembershipCreate) -> Membership:
    """Add a member to a body, on one of the participating party's seats."""
    body = editable_body(actor=actor, body_id=command.body_id)
    found = refused_together(
        dict(
            person=lambda: record_by_id(
                Person.objects.all(), command.person_id, field="person", message=PICK
            ),
            # Only the collaboration's own parties hold seats in its bodies.
            party=lambda: record_by_id(
                body.collaboration.parties.all(), command.party_id, field="party", message=PICK
            ),
        )
    )
    return services.membership_create(
        person=found["person"],
        body=body,
        party=found["party"],
        role=MembershipRole(command.role),
        title=command.title,
        start=command.start,
        end=command.end,
    )


def membership_values(membership: Membership) -> dict[str, Any]:
    """A membership's current values as a change takes them (the starting point of a change)."""
    return {
        "role": membership.role,
        "title": membership.title,
        "start": membership.start,
        "end": membership.end,
    }


def membership_update(*, actor: Actor, command: MembershipUpdate) -> Membership:
    """Change a member's role, title or period (the fields sent; the others stay as they are)."""
    membership = editable_membership(actor=actor, membership_id=command.membership_id)
    values = merged(membership_values(membership), command, exclude=("membership_id", "seen_version"))
    return services.membership_update(
        membership=membership,
        role=MembershipRole(values["role"]),
        title=values["title"],
        start=values["start"],
        end=values["end"],
        seen_version=command.seen_version,
    )


def seat_set(*, actor: Actor, command: SeatSet) -> Seat:
    """Set how many seats one of the collaboration's parties holds in a body."""
    body = editable_body(actor=actor, body_id=command.body_id)
    party = record_by_id(body.collaboration.parties.all(), command.party_id, field="party", message=PICK)
    assert party is not None
    return services.seat_set(body=body, party=party, count=command.count, seen_version=command.seen_version)


def substitution_create(*, actor: Actor, command: SubstitutionCreate) -> Substitution:
    """Add a substitute for a member (never the member themselves), with topics and a period."""
    principal = editable_membership(actor=actor, membership_id=command.membership_id)
    found = refused_together(
        dict(
            substitute=lambda: record_by_id(
                Person.objects.exclude(pk=principal.person_id),
                command.substitute_id,
                field="substitute",
                message=PICK,
            ),
            topics=lambda: _topics(command.topic_ids),
        )
    )
    return services.substitution_create(
        principal=principal,
        substitute=found["substitute"],
        topics=found["topics"],
        condition=command.condition,
        start=command.start,
        end=command.end,
    )


def substitution_values(substitution: Substitution) -> dict[str, Any]:
    return {
        "topic_ids": tuple(topic.pk for topic in substitution.topics.all()),
        "condition": substitution.condition,
        "start": substitution.start,
        "end": substitution.end,
    }


def substitution_update(*, actor: Actor, command: SubstitutionUpdate) -> Substitution:
    """Change a substitute's topics, condition or period (the fields sent; the others stay)."""
    substitution = editable_substitution(actor=actor, substitution_id=command.substitution_id)
    values = merged(substitution_values(substitution), command, exclude=("substitution_id", "seen_version"))
    return services.substitution_update(
        substitution=substitution,
        topics=_topics(values["topic_ids"]),
        condition=values["condition"],
        start=values["start"],
        end=values["end"],
        seen_version=command.seen_version,
    )
