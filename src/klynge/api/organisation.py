"""The API of the organisation: parties, people, committees, topics and who holds the authority for what.

All of it is public, as on the pages; it is kept as reference data in the admin, so the API only reads it.
"""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS
from klynge.api.pagination import Pages
from klynge.api.provenance import SourceRef
from klynge.api.schemas import Id, Input, Slug, SlugRef, TopicRef
from klynge.bodies.models import MembershipRole
from klynge.bodies.selectors import people_filtered
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


@router.get("/people/{person_id}", response={200: PersonOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_person(request: HttpRequest, person_id: Id) -> Any:
    return _found(people_filtered().filter(pk=person_id).first())


@router.get("/committees", response={200: list[CommitteeOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_committees(request: HttpRequest, filters: Query[CommitteeFilters]) -> Any:
    """Political committees (udvalg) with their topics; they receive the secretariat's memos."""
    return committees_filtered(party_id=filters.party, topic=filters.topic)


@router.get("/committees/{committee_id}", response={200: CommitteeOut, **DETAIL_ERRORS}, auth=READ_AUTH)
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
