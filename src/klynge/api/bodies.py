"""The API of the collaborations' structure: collaborations, their bodies, seats, members and substitutes.

All of it is public, as on the pages. Writes build the same commands as a body's editing pages
(`klynge.bodies.commands`), by editors of a party taking part in the collaboration.
"""

import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Strict, StringConstraints, field_validator
from pydantic.json_schema import SkipJsonSchema

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS, WRITE_ERRORS
from klynge.api.organisation import AdministrationOut
from klynge.api.pagination import Pages
from klynge.api.provenance import SourceRef
from klynge.api.schemas import BodyId as RecordId
from klynge.api.schemas import Date, Id, Input, Slug, SlugRef, TopicRef, Version
from klynge.bodies import commands
from klynge.bodies.models import (
    Body,
    BodyLevel,
    Collaboration,
    CollaborationKind,
    Membership,
    MembershipRole,
    Substitution,
)
from klynge.bodies.selectors import (
    bodies_filtered,
    collaborations_filtered,
    memberships_filtered,
    substitutions_filtered,
)
from klynge.bodies.services import seats_version
from klynge.kernel.records import record_version

router = Router(tags=["Structure"])

# A field of a change that may be left out but not cleared: not nullable in the API's description, and
# refused when sent as null.
NotNull = SkipJsonSchema[None]


def refuse_null(value: Any) -> Any:
    if value is None:
        raise ValueError("may not be null; leave the field out to keep its value")
    return value


# Text is stripped as the pages' forms strip it.
Title = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Condition = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
IdList = Annotated[list[RecordId], Field(max_length=200)]


def _body_url(body: Body) -> str:
    return body.get_absolute_url()


# ---- What the API shows ----------------------------------------------------------------------------


class BodyRef(SlugRef):
    level: BodyLevel


class CollaborationOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    kind: CollaborationKind
    description: str
    region: SlugRef | None
    host_party: SlugRef | None = Field(description="The party a forum or secretariat is anchored with.")
    parties: list[SlugRef] = Field(description="The participating parties.")
    hospitals: list[SlugRef]
    bodies: list[BodyRef] = Field(description="One body per level, the political level first.")
    spans: list[SlugRef] = Field(description="The collaborations a forum or secretariat spans.")
    administrations: list[AdministrationOut] = Field(description="The administrations a secretariat spans.")
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_parties(obj: Collaboration) -> list[Any]:
        return list(obj.parties.all())

    @staticmethod
    def resolve_hospitals(obj: Collaboration) -> list[Any]:
        return list(obj.hospitals.all())

    @staticmethod
    def resolve_bodies(obj: Collaboration) -> list[Any]:
        return list(obj.bodies.all())

    @staticmethod
    def resolve_spans(obj: Collaboration) -> list[Any]:
        return list(obj.spans.all())

    @staticmethod
    def resolve_administrations(obj: Collaboration) -> list[Any]:
        return list(obj.administrations.all())

    @staticmethod
    def resolve_url(obj: Collaboration) -> str:
        return obj.get_absolute_url()


class SeatOut(Schema):
    party: SlugRef
    count: int = Field(description="How many seats the party holds in the body.")
    filled: int = Field(description="How many of them are filled on the day asked for (default today).")


class MemberOut(Schema):
    """A member sitting in the body."""

    membership_id: int
    person: SlugRef
    party: SlugRef = Field(description="The party the member represents.")
    role: MembershipRole
    title: str
    start: datetime.date
    end: datetime.date | None

    @staticmethod
    def resolve_membership_id(obj: Membership) -> int:
        return obj.pk


class BodyOut(Schema):
    id: int
    name: str
    slug: str
    level: BodyLevel
    collaboration: SlugRef
    description: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    seats: list[SeatOut]
    current_members: list[MemberOut] = Field(
        description="Who sit in the body on the day asked for (`valid_on`, default today), co-chairs first."
    )
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_seats(obj: Body) -> list[Any]:
        return list(obj.seats.all())

    @staticmethod
    def resolve_url(obj: Body) -> str:
        return _body_url(obj)


class BodyDetailOut(BodyOut):
    seats_version: int = Field(
        description="Send it back as `version` when setting seats, to refuse it if someone changed them meanwhile."
    )
    version: int = Field(description="The body's own version: send it back with a change of the body.")

    @staticmethod
    def resolve_version(obj: Body) -> int:
        return record_version(obj)

    @staticmethod
    def resolve_seats_version(obj: Body) -> int:
        return seats_version(body=obj)


class SubstituteOut(Schema):
    """Who may attend instead of the member, and when the agenda is about which topics."""

    id: int
    substitute: SlugRef
    topics: list[TopicRef] = Field(description="No topics: whatever the agenda.")
    condition: str
    start: datetime.date
    end: datetime.date | None

    @staticmethod
    def resolve_topics(obj: Substitution) -> list[Any]:
        return list(obj.topics.all())


class MembershipOut(Schema):
    id: int
    person: SlugRef
    body: SlugRef
    party: SlugRef = Field(description="The party the member represents.")
    role: MembershipRole
    title: str
    start: datetime.date
    end: datetime.date | None
    substitutes: list[SubstituteOut]
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_substitutes(obj: Membership) -> list[Any]:
        return list(obj.substitutions.all())

    @staticmethod
    def resolve_url(obj: Membership) -> str:
        return _body_url(obj.body)


class MembershipDetailOut(MembershipOut):
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: Membership) -> int:
        return record_version(obj)


class SubstitutionOut(Schema):
    id: int
    membership_id: int = Field(description="The membership the substitute stands in for.")
    principal: SlugRef = Field(description="The member the substitute stands in for.")
    body: SlugRef
    substitute: SlugRef
    topics: list[TopicRef] = Field(description="No topics: whatever the agenda.")
    condition: str
    start: datetime.date
    end: datetime.date | None
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_membership_id(obj: Substitution) -> int:
        return obj.principal_id

    @staticmethod
    def resolve_principal(obj: Substitution) -> Any:
        return obj.principal.person

    @staticmethod
    def resolve_body(obj: Substitution) -> Any:
        return obj.principal.body

    @staticmethod
    def resolve_topics(obj: Substitution) -> list[Any]:
        return list(obj.topics.all())

    @staticmethod
    def resolve_url(obj: Substitution) -> str:
        return _body_url(obj.principal.body)


class SubstitutionDetailOut(SubstitutionOut):
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: Substitution) -> int:
        return record_version(obj)


# ---- What the API takes ----------------------------------------------------------------------------


class CollaborationFilters(Input):
    kind: CollaborationKind | None = None
    party: Id | None = Field(None, description="A party's id: the collaborations it takes part in.")
    valid_on: Date | None = Field(None, description="Only those in force on this date.")
    region: Id | None = Field(None, description="A region's id: its collaborations (or hosted in it).")


class BodyFilters(Input):
    collaboration: Id | None = None
    level: BodyLevel | None = None
    valid_on: Date | None = Field(
        None,
        description="Only those in force on this date; members and filled seats as on it (default today).",
    )


class MembershipFilters(Input):
    body: Id | None = None
    person: Id | None = None
    party: Id | None = Field(None, description="The party the member represents.")
    active_on: Date | None = Field(None, description="Only memberships running on this date.")


class SubstitutionFilters(Input):
    body: Id | None = None
    membership: Id | None = Field(None, description="The membership the substitute stands in for.")
    principal: Id | None = Field(None, description="A person's id: the substitutes for that member.")
    substitute: Id | None = Field(None, description="A person's id: where that person is a substitute.")
    topic: Slug | None = Field(None, description="A topic's slug: substitutes for agendas on that topic.")
    active_on: Date | None = Field(None, description="Only arrangements running on this date.")


class MembershipIn(Input):
    person: RecordId
    party: RecordId = Field(description="The participating party the member represents (one of its seats).")
    role: MembershipRole = MembershipRole.MEMBER
    title: Title = ""
    start: Date
    end: Date | None = None


class MembershipChange(Input):
    version: Version | None = Field(None, description="The `version` you read; omit to overwrite.")
    role: MembershipRole | NotNull = Field(None, description="Omit to keep it (it cannot be cleared).")
    title: Title | None = Field(None, description="null: no title.")
    start: Date | NotNull = Field(None, description="Omit to keep it (it cannot be cleared).")
    end: Date | None = Field(None, description="null: the membership runs on.")

    _kept = field_validator("role", "start")(refuse_null)


class SeatIn(Input):
    party: RecordId
    count: Annotated[int, Strict()] = Field(ge=1, le=99, description="The party's seats in the body, in all.")
    version: Version | None = Field(
        None, description="The body's `seats_version` you read; omit to overwrite."
    )


class SubstitutionIn(Input):
    substitute: RecordId = Field(description="A person's id.")
    topics: IdList = Field(default_factory=list, description="Topic ids; none: whatever the agenda.")
    condition: Condition = ""
    start: Date
    end: Date | None = None


class SubstitutionChange(Input):
    version: Version | None = Field(None, description="The `version` you read; omit to overwrite.")
    topics: IdList | None = Field(None, description="null: whatever the agenda.")
    condition: Condition | None = Field(None, description="null: no condition.")
    start: Date | NotNull = Field(None, description="Omit to keep it (it cannot be cleared).")
    end: Date | None = Field(None, description="null: as long as the membership runs.")

    _kept = field_validator("start")(refuse_null)


Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class BodyIn(Input):
    level: BodyLevel
    name: Name = Field(description="Unique across collaborations.")
    description: Description = ""
    valid_from: Date | None = Field(None, description="Empty: from the collaboration's start.")
    valid_to: Date | None = Field(None, description="Empty: as long as the collaboration lasts.")


class BodyChange(Input):
    version: Version | None = Field(None, description="The body's `version` you read; omit to overwrite.")
    level: BodyLevel | NotNull = Field(None, description="Omit to keep it (it cannot be cleared).")
    name: Name | NotNull = Field(None, description="Omit to keep it (it cannot be cleared).")
    description: Description | None = Field(None, description="null: no description.")
    valid_from: Date | None = Field(None, description="null: from the collaboration's start.")
    valid_to: Date | None = Field(None, description="null: as long as the collaboration lasts.")

    _kept = field_validator("level", "name")(refuse_null)


def _sent(payload: Input) -> dict[str, Any]:
    """The fields the caller sent (null included: it clears)."""
    return payload.model_dump(exclude_unset=True)


def _found(record: Any) -> Any:
    if record is None:
        raise Http404
    return record


def _full_body(pk: int) -> Body:
    return _found(bodies_filtered(day=timezone.localdate()).filter(pk=pk).first())


def _full_membership(pk: int) -> Membership:
    return _found(memberships_filtered().filter(pk=pk).first())


def _full_substitution(pk: int) -> Substitution:
    return _found(substitutions_filtered().filter(pk=pk).first())


# ---- Reads ------------------------------------------------------------------------------------------


@router.get("/collaborations", response={200: list[CollaborationOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_collaborations(request: HttpRequest, filters: Query[CollaborationFilters]) -> Any:
    """Clusters, health councils, SSUs, coordination forums and secretariats, in the structure's order."""
    return collaborations_filtered(
        kind=filters.kind, party_id=filters.party, valid_on=filters.valid_on, region_id=filters.region
    )


@router.get(
    "/collaborations/{collaboration_id}", response={200: CollaborationOut, **DETAIL_ERRORS}, auth=READ_AUTH
)
def get_collaboration(request: HttpRequest, collaboration_id: Id) -> Any:
    return _found(collaborations_filtered().filter(pk=collaboration_id).first())


@router.get("/bodies", response={200: list[BodyOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_bodies(request: HttpRequest, filters: Query[BodyFilters]) -> Any:
    """Bodies (one per level of a collaboration) with the seats per party and the members sitting."""
    return bodies_filtered(
        day=filters.valid_on or timezone.localdate(),
        collaboration_id=filters.collaboration,
        level=filters.level,
        valid_on=filters.valid_on,
    )


@router.get("/bodies/{body_id}", response={200: BodyDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_body(request: HttpRequest, body_id: Id) -> Any:
    """A body with its seats and members today, and the version of its seats (to set them)."""
    return _full_body(body_id)


@router.get("/memberships", response={200: list[MembershipOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_memberships(request: HttpRequest, filters: Query[MembershipFilters]) -> Any:
    """Who holds a party's seat in a body, for which period, with their substitutes."""
    return memberships_filtered(
        body_id=filters.body,
        person_id=filters.person,
        party_id=filters.party,
        active_on_day=filters.active_on,
    )


@router.get(
    "/memberships/{membership_id}", response={200: MembershipDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH
)
def get_membership(request: HttpRequest, membership_id: Id) -> Any:
    return _full_membership(membership_id)


@router.get("/substitutions", response={200: list[SubstitutionOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_substitutions(request: HttpRequest, filters: Query[SubstitutionFilters]) -> Any:
    """Who may attend instead of a member (stedfortræder), for which topics and period."""
    return substitutions_filtered(
        body_id=filters.body,
        membership_id=filters.membership,
        principal_id=filters.principal,
        substitute_id=filters.substitute,
        topic=filters.topic,
        active_on_day=filters.active_on,
    )


@router.get(
    "/substitutions/{substitution_id}",
    response={200: SubstitutionDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
)
def get_substitution(request: HttpRequest, substitution_id: Id) -> Any:
    return _full_substitution(substitution_id)


# ---- Writes (the collaboration's secretariat: editors of its host or a participating party; admins) ------


@router.post(
    "/collaborations/{collaboration_id}/bodies",
    response={201: BodyDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_body(request: HttpRequest, collaboration_id: Id, payload: BodyIn) -> Any:
    """Add a body (one per level) to a collaboration, within the collaboration's period."""
    command = commands.BodyCreate(
        collaboration_id=collaboration_id,
        level=payload.level,
        name=payload.name,
        description=payload.description,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    body = commands.body_create(actor=request.user, command=command)
    return Status(201, _full_body(body.pk))


@router.patch("/bodies/{body_id}", response={200: BodyDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_body(request: HttpRequest, body_id: Id, payload: BodyChange) -> Any:
    """Change a body's level, name, description or period (its members and meetings stay inside it)."""
    sent = _sent(payload)
    if "description" in sent:
        sent["description"] = sent["description"] or ""
    command = commands.BodyUpdate(body_id=body_id, seen_version=sent.pop("version", None), **sent)
    commands.body_update(actor=request.user, command=command)
    return _full_body(body_id)


@router.post(
    "/bodies/{body_id}/memberships", response={201: MembershipDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def create_membership(request: HttpRequest, body_id: Id, payload: MembershipIn) -> Any:
    """Add a member to a body, on one of a participating party's seats (refused when they are filled)."""
    command = commands.MembershipCreate(
        body_id=body_id,
        person_id=payload.person,
        party_id=payload.party,
        role=payload.role,
        title=payload.title,
        start=payload.start,
        end=payload.end,
    )
    membership = commands.membership_create(actor=request.user, command=command)
    return Status(201, _full_membership(membership.pk))


@router.patch(
    "/memberships/{membership_id}", response={200: MembershipDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def change_membership(request: HttpRequest, membership_id: Id, payload: MembershipChange) -> Any:
    """Change a member's role, title or period, e.g. set the end when they leave (their substitutes end too)."""
    sent = _sent(payload)
    if "title" in sent:
        sent["title"] = sent["title"] or ""
    command = commands.MembershipUpdate(
        membership_id=membership_id, seen_version=sent.pop("version", None), **sent
    )
    commands.membership_update(actor=request.user, command=command)
    return _full_membership(membership_id)


@router.put("/bodies/{body_id}/seats", response={200: BodyDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def set_seats(request: HttpRequest, body_id: Id, payload: SeatIn) -> Any:
    """Set how many seats a participating party holds in a body (never fewer than sit at once)."""
    command = commands.SeatSet(
        body_id=body_id, party_id=payload.party, count=payload.count, seen_version=payload.version
    )
    commands.seat_set(actor=request.user, command=command)
    return _full_body(body_id)


@router.post(
    "/memberships/{membership_id}/substitutions",
    response={201: SubstitutionDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_substitution(request: HttpRequest, membership_id: Id, payload: SubstitutionIn) -> Any:
    """Add a substitute for a member, with the topics and the period they may attend for."""
    command = commands.SubstitutionCreate(
        membership_id=membership_id,
        substitute_id=payload.substitute,
        topic_ids=tuple(payload.topics),
        condition=payload.condition,
        start=payload.start,
        end=payload.end,
    )
    substitution = commands.substitution_create(actor=request.user, command=command)
    return Status(201, _full_substitution(substitution.pk))


@router.patch(
    "/substitutions/{substitution_id}",
    response={200: SubstitutionDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def change_substitution(request: HttpRequest, substitution_id: Id, payload: SubstitutionChange) -> Any:
    """Change a substitute's topics, condition or period, e.g. end the arrangement."""
    sent = _sent(payload)
    if "topics" in sent:
        sent["topic_ids"] = tuple(sent.pop("topics") or ())
    if "condition" in sent:
        sent["condition"] = sent["condition"] or ""
    command = commands.SubstitutionUpdate(
        substitution_id=substitution_id, seen_version=sent.pop("version", None), **sent
    )
    commands.substitution_update(actor=request.user, command=command)
    return _full_substitution(substitution_id)
