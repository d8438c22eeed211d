"""The API of the organisation: parties, people, committees, topics and who holds the authority for what.

All of it is public, as on the pages. Parties, topics and authority areas are reference data kept in the
admin; a party's people and committees are written by its editors through the same commands as the pages
(`klynge.bodies.commands`).
"""

import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints, field_validator
from pydantic.json_schema import SkipJsonSchema

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS, WRITE_ERRORS
from klynge.api.pagination import Pages
from klynge.api.provenance import SourceRef
from klynge.api.schemas import BodyId, Id, Input, Slug, SlugRef, TopicRef, Version
from klynge.bodies import commands
from klynge.bodies.models import MembershipRole
from klynge.bodies.selectors import people_filtered
from klynge.kernel.records import record_version
from klynge.organisation.models import Committee, Party, PartyKind, Person
from klynge.organisation.selectors import (
    authority_areas_filtered,
    committees_filtered,
    parties_filtered,
    topic_list,
)

router = Router(tags=["Organisation"])


# ---- What the API shows ----------------------------------------------------------------------------


class AdministrationOut(Schema):
    """A municipal administration (forvaltning), e.g. SUF."""

    id: int
    name: str
    abbreviation: str
    slug: str


class PartyOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    kind: PartyKind
    official_code: str = Field(
        description="Kommunekode or regionskode (DAGI), four digits, e.g. 0101; empty if none is recorded."
    )
    region: SlugRef | None = Field(description="The region a municipality lies in.")
    administrations: list[AdministrationOut]
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_administrations(obj: Party) -> list[Any]:
        return list(obj.administrations.all())

    @staticmethod
    def resolve_url(obj: Party) -> str:
        return obj.get_absolute_url()


class PersonMembershipOut(Schema):
    """A seat the person holds or held in a body."""

    id: int
    body: SlugRef
    party_id: int = Field(description="The party the person represents there.")
    role: MembershipRole
    title: str
    start: datetime.date
    end: datetime.date | None


class PersonOut(Schema):
    id: int
    name: str
    slug: str
    title: str
    party: SlugRef | None
    memberships: list[PersonMembershipOut]
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_memberships(obj: Person) -> list[Any]:
        return list(obj.memberships.all())

    @staticmethod
    def resolve_url(obj: Person) -> str:
        return obj.get_absolute_url()


class CommitteeOut(Schema):
    id: int
    name: str
    code: str = Field(description="The committee's short code, e.g. 'SOU'.")
    slug: str
    party: SlugRef
    administration: AdministrationOut | None
    topics: list[TopicRef]
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_topics(obj: Committee) -> list[Any]:
        return list(obj.topics.all())

    @staticmethod
    def resolve_url(obj: Committee) -> str:
        return obj.get_absolute_url()


class PersonDetailOut(PersonOut):
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: Person) -> int:
        return record_version(obj)


class CommitteeDetailOut(CommitteeOut):
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: Committee) -> int:
        return record_version(obj)


class AuthorityAreaOut(Schema):
    """A topic on which a kind of party, or one party, holds the authority; a cluster cannot decide it."""

    id: int
    topic: TopicRef
    holder_kind: PartyKind
    party: SlugRef | None = Field(description="Set when one party holds it, not every party of the kind.")
    description: str
    legal_basis: str
    source: SourceRef | None
    source_note: str


# ---- What the API takes ----------------------------------------------------------------------------


class PartyFilters(Input):
    kind: PartyKind | None = None
    region: Id | None = Field(None, description="A region's id: the parties in it.")


class PersonFilters(Input):
    party: Id | None = None
    body: Id | None = Field(None, description="A body's id: who are or were members of it.")


class CommitteeFilters(Input):
    party: Id | None = None
    topic: Slug | None = Field(None, description="A topic's slug, e.g. 'boern-og-unge'.")


class AuthorityAreaFilters(Input):
    topic: Slug | None = Field(None, description="A topic's slug.")
    party: Id | None = Field(None, description="A party's id: the areas it holds the authority for.")


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
IdList = Annotated[list[BodyId], Field(max_length=200)]
NotNull = SkipJsonSchema[None]


def _refuse_null(value: Any) -> Any:
    if value is None:
        raise ValueError("may not be null; leave the field out to keep its value")
    return value


class PersonIn(Input):
    name: Name
    party: BodyId | None = Field(
        description="The party's id: an editor's own party; only an administrator may leave it out."
    )
    title: Title = ""


class PersonChange(Input):
    version: Version | None = Field(None, description="The `version` you read; omit to overwrite.")
    name: Name | NotNull = Field(None, description="Omit to keep it (it cannot be cleared).")
    party: BodyId | None = Field(None, description="null: no party (administrators only).")
    title: Title | None = Field(None, description="null: no title.")

    _kept = field_validator("name")(_refuse_null)


class CommitteeIn(Input):
    party: BodyId = Field(description="The party's id: an editor's own party.")
    name: Name
    code: Code = Field(description="Letters, digits and hyphens, e.g. 'SOU'; stored in capitals.")
    administration: BodyId | None = Field(None, description="One of the party's administrations.")
    topics: IdList = Field(default_factory=list, description="Topic ids: the committee's remit.")


class CommitteeChange(Input):
    version: Version | None = Field(None, description="The `version` you read; omit to overwrite.")
    name: Name | NotNull = Field(None, description="Omit to keep it (it cannot be cleared).")
    code: Code | NotNull = Field(None, description="Omit to keep it (it cannot be cleared).")
    administration: BodyId | None = Field(None, description="null: not given.")
    topics: IdList | None = Field(None, description="null: no topics.")

    _kept = field_validator("name", "code")(_refuse_null)


def _found(record: Any) -> Any:
    if record is None:
        raise Http404
    return record


# ---- Reads ------------------------------------------------------------------------------------------


@router.get("/parties", response={200: list[PartyOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_parties(request: HttpRequest, filters: Query[PartyFilters]) -> Any:
    """Municipalities, regions and general practice, by kind and name."""
    return parties_filtered(kind=filters.kind, region_id=filters.region)


@router.get("/parties/{party_id}", response={200: PartyOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_party(request: HttpRequest, party_id: Id) -> Any:
    return _found(parties_filtered().filter(pk=party_id).first())


@router.get("/people", response={200: list[PersonOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_people(request: HttpRequest, filters: Query[PersonFilters]) -> Any:
    """People by name, with the seats they hold or held in the bodies."""
    return people_filtered(party_id=filters.party, body_id=filters.body)


@router.get("/people/{person_id}", response={200: PersonDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_person(request: HttpRequest, person_id: Id) -> Any:
    return _found(people_filtered().filter(pk=person_id).first())


@router.get("/committees", response={200: list[CommitteeOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_committees(request: HttpRequest, filters: Query[CommitteeFilters]) -> Any:
    """Political committees (udvalg) with their topics; they receive the secretariat's memos."""
    return committees_filtered(party_id=filters.party, topic=filters.topic)


@router.get("/committees/{committee_id}", response={200: CommitteeDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_committee(request: HttpRequest, committee_id: Id) -> Any:
    return _found(committees_filtered().filter(pk=committee_id).first())


@router.get("/topics", response={200: list[TopicRef], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_topics(request: HttpRequest) -> Any:
    """The topics that agendas, focus areas, committees, substitutes and authority are matched by."""
    return topic_list()


@router.get("/topics/{topic_id}", response={200: TopicRef, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_topic(request: HttpRequest, topic_id: Id) -> Any:
    return _found(topic_list().filter(pk=topic_id).first())


@router.get("/authority-areas", response={200: list[AuthorityAreaOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_authority_areas(request: HttpRequest, filters: Query[AuthorityAreaFilters]) -> Any:
    """Who holds the authority (myndighed) for which topic."""
    return authority_areas_filtered(topic=filters.topic, party_id=filters.party)


@router.get("/authority-areas/{area_id}", response={200: AuthorityAreaOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_authority_area(request: HttpRequest, area_id: Id) -> Any:
    return _found(authority_areas_filtered().filter(pk=area_id).first())


# ---- Writes (a party's editors, administrators) ----------------------------------------------------------


def _sent(payload: Input) -> dict[str, Any]:
    return payload.model_dump(exclude_unset=True)


@router.post("/people", response={201: PersonDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    """Add a person to the editor's own party (an administrator: to any party, or none)."""
    command = commands.PersonCreate(name=payload.name, party_id=payload.party, title=payload.title)
    person = commands.person_create(actor=request.user, command=command)
    return Status(201, _found(people_filtered().filter(pk=person.pk).first()))


@router.patch("/people/{person_id}", response={200: PersonDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_person(request: HttpRequest, person_id: Id, payload: PersonChange) -> Any:
    """Change a person's name, party or title (the fields sent)."""
    sent = _sent(payload)
    if "party" in sent:
        sent["party_id"] = sent.pop("party")
    if "title" in sent:
        sent["title"] = sent["title"] or ""
    command = commands.PersonUpdate(person_id=person_id, seen_version=sent.pop("version", None), **sent)
    commands.person_update(actor=request.user, command=command)
    return _found(people_filtered().filter(pk=person_id).first())


@router.post("/committees", response={201: CommitteeDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_committee(request: HttpRequest, payload: CommitteeIn) -> Any:
    """Add a committee to the editor's own party, with its administration and topics."""
    command = commands.CommitteeCreate(
        party_id=payload.party,
        name=payload.name,
        code=payload.code,
        administration_id=payload.administration,
        topic_ids=tuple(payload.topics),
    )
    committee = commands.committee_create(actor=request.user, command=command)
    return Status(201, _found(committees_filtered().filter(pk=committee.pk).first()))


@router.patch(
    "/committees/{committee_id}", response={200: CommitteeDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def change_committee(request: HttpRequest, committee_id: Id, payload: CommitteeChange) -> Any:
    """Change a committee's name, code, administration or topics (the fields sent; its party stays)."""
    sent = _sent(payload)
    if "administration" in sent:
        sent["administration_id"] = sent.pop("administration")
    if "topics" in sent:
        sent["topic_ids"] = tuple(sent.pop("topics") or ())
    command = commands.CommitteeUpdate(
        committee_id=committee_id, seen_version=sent.pop("version", None), **sent
    )
    commands.committee_update(actor=request.user, command=command)
    return _found(committees_filtered().filter(pk=committee_id).first())
