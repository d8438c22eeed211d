"""The writes on the structure — a collaboration's bodies, their composition (members, seats, substitutes)
and a party's people and committees — one typed command each.

The body's page and the API build the same command; the function here finds the records (404 when
unknown), checks that the actor may change the collaboration's records (403), refuses people, parties and
topics that are not among the choices (with the pages' Danish message per field) and calls the service,
which holds the rules.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from klynge.accounts.access import is_administrator
from klynge.bodies import services
from klynge.bodies.access import (
    editable_parties,
    ensure_committee_edit,
    ensure_party_records_create,
    ensure_person_edit,
    ensure_structure_edit,
)
from klynge.bodies.models import (
    Body,
    BodyLevel,
    Collaboration,
    Membership,
    MembershipRole,
    Seat,
    Substitution,
)
from klynge.bodies.selectors import bodies_for_edit, memberships_for_edit, substitutions_for_edit
from klynge.kernel.commands import (
    UNSET,
    Actor,
    Unset,
    merged,
    record_by_id,
    record_or_404,
    records_by_ids,
    refuse,
    refused_together,
    required,
)
from klynge.organisation import services as organisation_services
from klynge.organisation.models import Administration, Committee, Person, Topic

# The message of a choice that is not on the list, as the pages' choice fields say it.
PICK = "Vælg en af mulighederne på listen."
NAME_REQUIRED = "Skriv et navn."


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
    ensure_structure_edit(actor, body.collaboration)
    return body


def editable_membership(*, actor: Actor, membership_id: int) -> Membership:
    membership = record_or_404(memberships_for_edit(), membership_id)
    ensure_structure_edit(actor, membership.body.collaboration)
    return membership


def editable_substitution(*, actor: Actor, substitution_id: int) -> Substitution:
    substitution = record_or_404(substitutions_for_edit(), substitution_id)
    ensure_structure_edit(actor, substitution.principal.body.collaboration)
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


# ---- Bodies of a collaboration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyCreate:
    collaboration_id: int
    level: BodyLevel
    name: str
    description: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


@dataclass(frozen=True)
class BodyUpdate:
    body_id: int
    level: BodyLevel | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    valid_from: datetime.date | Unset | None = UNSET
    valid_to: datetime.date | Unset | None = UNSET
    seen_version: int | None = None


def editable_collaboration(*, actor: Actor, collaboration_id: int) -> Collaboration:
    """The collaboration (404 if unknown), if the actor may change its structure (else 403)."""
    collaboration = record_or_404(Collaboration.objects.all(), collaboration_id)
    ensure_structure_edit(actor, collaboration)
    return collaboration


def body_create(*, actor: Actor, command: BodyCreate) -> Body:
    """Add a body (one per level) to a collaboration."""
    collaboration = editable_collaboration(actor=actor, collaboration_id=command.collaboration_id)
    return services.body_add(
        collaboration=collaboration,
        level=BodyLevel(command.level),
        name=required("name", command.name, NAME_REQUIRED),
        description=command.description.strip(),
        valid_from=command.valid_from,
        valid_to=command.valid_to,
    )


def body_values(body: Body) -> dict[str, Any]:
    return {
        "level": body.level,
        "name": body.name,
        "description": body.description,
        "valid_from": body.valid_from,
        "valid_to": body.valid_to,
    }


def body_update(*, actor: Actor, command: BodyUpdate) -> Body:
    """Change a body's level, name, description or period (the fields sent; the others stay)."""
    body = editable_body(actor=actor, body_id=command.body_id)
    values = merged(body_values(body), command, exclude=("body_id", "seen_version"))
    return services.body_update(
        body=body,
        level=BodyLevel(values["level"]),
        name=required("name", values["name"], NAME_REQUIRED),
        description=values["description"].strip(),
        valid_from=values["valid_from"],
        valid_to=values["valid_to"],
        seen_version=command.seen_version,
    )


# ---- A party's people and committees -------------------------------------------------------------------


@dataclass(frozen=True)
class PersonCreate:
    name: str
    party_id: int | None
    title: str = ""


@dataclass(frozen=True)
class PersonUpdate:
    person_id: int
    name: str | Unset = UNSET
    party_id: int | Unset | None = UNSET
    title: str | Unset = UNSET
    seen_version: int | None = None


@dataclass(frozen=True)
class CommitteeCreate:
    party_id: int
    name: str
    code: str
    administration_id: int | None = None
    topic_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class CommitteeUpdate:
    committee_id: int
    name: str | Unset = UNSET
    code: str | Unset = UNSET
    administration_id: int | Unset | None = UNSET
    topic_ids: tuple[int, ...] | Unset = UNSET
    seen_version: int | None = None


PICK_OWN_PARTY = PICK  # the page offers only the parties the editor may choose


def _editable_party(actor: Actor, party_id: int | None) -> Any:
    """The party among those the actor may edit for; None only for an administrator (no party)."""
    if party_id is None:
        if is_administrator(actor):  # only an administrator records someone of no party
            return None
        refuse("party", "Vælg en part.")
    return record_by_id(editable_parties(actor), party_id, field="party", message=PICK_OWN_PARTY)


def editable_person(*, actor: Actor, person_id: int) -> Person:
    person = record_or_404(Person.objects.select_related("party"), person_id)
    ensure_person_edit(actor, person)
    return person


def editable_committee(*, actor: Actor, committee_id: int) -> Committee:
    committee = record_or_404(Committee.objects.select_related("party", "administration"), committee_id)
    ensure_committee_edit(actor, committee)
    return committee


def person_create(*, actor: Actor, command: PersonCreate) -> Person:
    """Add a person to a party the actor edits for (an administrator: any party, or none)."""
    ensure_party_records_create(actor)
    found = refused_together(
        {
            "name": lambda: required("name", command.name, NAME_REQUIRED),
            "party": lambda: _editable_party(actor, command.party_id),
        }
    )
    return organisation_services.person_create(
        name=found["name"], party=found["party"], title=command.title.strip()
    )


def person_update(*, actor: Actor, command: PersonUpdate) -> Person:
    """Change a person's name, party or title (the fields sent; the others stay)."""
    person = editable_person(actor=actor, person_id=command.person_id)
    current = {"name": person.name, "party_id": person.party_id, "title": person.title}
    values = merged(current, command, exclude=("person_id", "seen_version"))
    found = refused_together(
        {
            "name": lambda: required("name", values["name"], NAME_REQUIRED),
            "party": lambda: (
                person.party
                if values["party_id"] == person.party_id
                else _editable_party(actor, values["party_id"])
            ),
        }
    )
    return organisation_services.person_update(
        person=person,
        name=found["name"],
        party=found["party"],
        title=values["title"].strip(),
        seen_version=command.seen_version,
    )


def _administration(party_id: int, administration_id: int | None) -> Administration | None:
    return record_by_id(
        Administration.objects.filter(party=party_id),
        administration_id,
        field="administration",
        message=PICK,
    )


def _code(code: str) -> str:
    return required("code", code, "Skriv en kode, fx SOU.").upper()


def committee_create(*, actor: Actor, command: CommitteeCreate) -> Committee:
    """Add a committee to a party the actor edits for, with its administration and topics."""
    ensure_party_records_create(actor)
    found = refused_together(
        {
            "party": lambda: record_by_id(
                editable_parties(actor), command.party_id, field="party", message=PICK_OWN_PARTY
            ),
            "name": lambda: required("name", command.name, NAME_REQUIRED),
            "code": lambda: _code(command.code),
            "administration": lambda: _administration(command.party_id, command.administration_id),
            "topics": lambda: _topics(command.topic_ids),
        }
    )
    return organisation_services.committee_add(
        party=found["party"],
        name=found["name"],
        code=found["code"],
        administration=found["administration"],
        topics=found["topics"],
    )


def committee_update(*, actor: Actor, command: CommitteeUpdate) -> Committee:
    """Change a committee's name, code, administration or topics (the fields sent; the others stay)."""
    committee = editable_committee(actor=actor, committee_id=command.committee_id)
    current = {
        "name": committee.name,
        "code": committee.code,
        "administration_id": committee.administration_id,
        "topic_ids": tuple(committee.topics.values_list("pk", flat=True)),
    }
    values = merged(current, command, exclude=("committee_id", "seen_version"))
    found = refused_together(
        {
            "name": lambda: required("name", values["name"], NAME_REQUIRED),
            "code": lambda: _code(values["code"]),
            "administration": lambda: _administration(committee.party_id, values["administration_id"]),
            "topics": lambda: _topics(values["topic_ids"]),
        }
    )
    return organisation_services.committee_update(
        committee=committee,
        name=found["name"],
        code=found["code"],
        administration=found["administration"],
        topics=found["topics"],
        seen_version=command.seen_version,
    )
