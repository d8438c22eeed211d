"""Reads for collaborations, their bodies, seats, members and substitutes.

Every function loads what its page shows with a fixed number of queries, whatever the data size.
"""

import datetime
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from klynge.bodies.models import (
    Body,
    BodyLevel,
    Collaboration,
    CollaborationKind,
    Membership,
    MembershipRole,
    Seat,
    Substitution,
)
from klynge.catchment.models import Area, CatchmentRule, Hospital, Specialty
from klynge.catchment.selectors import (
    CatchmentAnswer,
    catchment_answer,
    catchment_answers,
    municipality_party_id,
)
from klynge.kernel.validity import active_on
from klynge.organisation.models import (
    Administration,
    AuthorityArea,
    Committee,
    Party,
    PartyKind,
    Person,
    RegionMembership,
    Topic,
)

# The order the pages show things in (the choices' own order is alphabetical in the database).
KIND_ORDER = Case(
    When(kind=CollaborationKind.HEALTH_COLLABORATION_COMMITTEE, then=0),
    When(kind=CollaborationKind.CLUSTER, then=1),
    When(kind=CollaborationKind.COORDINATION_FORUM, then=2),
    When(kind=CollaborationKind.SECRETARIAT, then=3),
    When(kind=CollaborationKind.HEALTH_COUNCIL, then=4),
    default=5,
    output_field=IntegerField(),
)
LEVEL_ORDER = Case(
    When(level=BodyLevel.POLITICAL, then=0),
    When(level=BodyLevel.PROFESSIONAL, then=1),
    default=2,
    output_field=IntegerField(),
)
ROLE_ORDER = Case(
    When(role=MembershipRole.CO_CHAIR, then=0),
    When(role=MembershipRole.VICE_CHAIR, then=1),
    default=2,
    output_field=IntegerField(),
)


def _topics(to_attr: str | None = None) -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("name"), to_attr=to_attr)


def _substitution_queryset(*, topic_list: bool = False) -> QuerySet[Substitution]:
    """Substitutions with their substitutes and topics (as `topic_list` if asked, else prefetched)."""
    return (
        Substitution.objects.select_related("substitute", "source")
        .prefetch_related(_topics("topic_list" if topic_list else None))
        .order_by("start", "substitute__name")
    )


def membership_queryset(*, day: datetime.date) -> QuerySet[Membership]:
    """Members in the order a body lists them (co-chairs first), with `is_current` and their substitutes
    as `substitution_list`, each with its topics as `topic_list` (lists rather than a prefetched manager
    and a filtered queryset per member and substitute: ~2 ms less on a national cluster page)."""
    return (
        Membership.objects.select_related("person", "party", "source")
        .prefetch_related(
            Prefetch(
                "substitutions", queryset=_substitution_queryset(topic_list=True), to_attr="substitution_list"
            )
        )
        .annotate(
            role_order=ROLE_ORDER,
            is_current=Case(
                When(active_on(day, "start", "end"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("role_order", "start", "person__name")
    )


def seat_queryset(*, day: datetime.date) -> QuerySet[Seat]:
    """Seats with `filled`: how many of the party's members of the body sit on `day`."""
    filled = (
        Membership.objects.filter(
            active_on(day, "start", "end"), body=OuterRef("body"), party=OuterRef("party")
        )
        .order_by()
        .values("body")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Seat.objects.select_related("party", "source")
        .annotate(filled=Coalesce(Subquery(filled, output_field=IntegerField()), Value(0)))
        .order_by("party__kind", "party__name")
    )


def bodies_prefetch(*, day: datetime.date) -> Prefetch:
    """A collaboration's bodies (political level first) with members, substitutes and seats."""
    return Prefetch(
        "bodies",
        queryset=Body.objects.select_related("source")
        .prefetch_related(
            Prefetch("memberships", queryset=membership_queryset(day=day)),
            Prefetch("seats", queryset=seat_queryset(day=day)),
        )
        .annotate(level_order=LEVEL_ORDER)
        .order_by("level_order", "name"),
    )


def _municipalities() -> Prefetch:
    return Prefetch(
        "parties",
        queryset=Party.objects.filter(kind=PartyKind.MUNICIPALITY).order_by("name"),
        to_attr="municipalities",
    )


def _simple_bodies() -> Prefetch:
    return Prefetch("bodies", queryset=Body.objects.annotate(level_order=LEVEL_ORDER).order_by("level_order"))


def collaboration_list() -> QuerySet[Collaboration]:
    return (
        Collaboration.objects.select_related("region", "host_party")
        .prefetch_related(
            Prefetch("hospitals", queryset=Hospital.objects.order_by("name")),
            _municipalities(),
            _simple_bodies(),
            Prefetch("spans", queryset=Collaboration.objects.order_by("name")),
        )
        .annotate(kind_order=KIND_ORDER)
        .order_by("kind_order", "name")
    )


def cluster_list() -> QuerySet[Collaboration]:
    """The clusters, by region, with their hospitals and municipalities (for the front page)."""
    return (
        Collaboration.objects.filter(kind=CollaborationKind.CLUSTER)
        .select_related("region")
        .prefetch_related(
            Prefetch("hospitals", queryset=Hospital.objects.order_by("name")), _municipalities()
        )
        .order_by("region__name", "name")
    )


def collaboration_detail(*, slug: str, day: datetime.date) -> Collaboration | None:
    """The collaboration with what its page shows (its hospitals' and administrations' names only)."""
    return (
        Collaboration.objects.filter(slug=slug)
        .select_related("region", "host_party", "source")
        .prefetch_related(
            Prefetch("hospitals", queryset=Hospital.objects.order_by("name")),
            Prefetch("parties", queryset=Party.objects.order_by("kind", "name")),
            Prefetch(
                "spans",
                queryset=Collaboration.objects.annotate(kind_order=KIND_ORDER).order_by("kind_order", "name"),
            ),
            Prefetch(
                "spanned_by",
                queryset=Collaboration.objects.annotate(kind_order=KIND_ORDER).order_by("kind_order", "name"),
            ),
            Prefetch("administrations", queryset=Administration.objects.order_by("party__name", "name")),
            bodies_prefetch(day=day),
        )
        .first()
    )


def body_detail(*, slug: str, day: datetime.date) -> Body | None:
    return (
        Body.objects.filter(slug=slug)
        .select_related("collaboration", "collaboration__region", "source")
        .prefetch_related(
            Prefetch("memberships", queryset=membership_queryset(day=day)),
            Prefetch("seats", queryset=seat_queryset(day=day)),
        )
        .first()
    )


@dataclass
class RegionStructure:
    """One region's part of the structure: the SSU above the clusters, the clusters, and what spans them."""

    region: Party | None
    ssus: list[Collaboration] = field(default_factory=list)
    clusters: list[Collaboration] = field(default_factory=list)
    forums: list[Collaboration] = field(default_factory=list)
    secretariats: list[Collaboration] = field(default_factory=list)
    councils: list[Collaboration] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.ssus or self.clusters or self.forums or self.secretariats or self.councils)


_GROUP_BY_KIND = {
    CollaborationKind.HEALTH_COLLABORATION_COMMITTEE: "ssus",
    CollaborationKind.CLUSTER: "clusters",
    CollaborationKind.COORDINATION_FORUM: "forums",
    CollaborationKind.SECRETARIAT: "secretariats",
    CollaborationKind.HEALTH_COUNCIL: "councils",
}


def structure_overview() -> list[RegionStructure]:
    """Every collaboration placed under its region (or its host party's region), grouped by kind.

    What each collaboration's card shows is in lists rather than prefetched managers (`hospital_list`,
    `municipalities`, `body_list`, `span_list`, `administration_list` with each one's `committee_list`):
    the same rows and queries, without a manager and a filtered queryset made per collaboration."""
    regions = list(Party.objects.filter(kind=PartyKind.REGION).order_by("name"))
    collaborations = list(
        Collaboration.objects.select_related("region", "host_party")
        .prefetch_related(
            Prefetch("hospitals", queryset=Hospital.objects.order_by("name"), to_attr="hospital_list"),
            _municipalities(),
            Prefetch(
                "bodies",
                queryset=Body.objects.annotate(level_order=LEVEL_ORDER).order_by("level_order"),
                to_attr="body_list",
            ),
            Prefetch("spans", queryset=Collaboration.objects.order_by("name"), to_attr="span_list"),
            Prefetch(
                "administrations",
                queryset=Administration.objects.select_related("party")
                .prefetch_related(
                    Prefetch(
                        "committees", queryset=Committee.objects.order_by("name"), to_attr="committee_list"
                    )
                )
                .order_by("name"),
                to_attr="administration_list",
            ),
        )
        .annotate(kind_order=KIND_ORDER)
        .order_by("kind_order", "valid_from", "name")
    )
    by_region: dict[int | None, RegionStructure] = {r.pk: RegionStructure(region=r) for r in regions}
    for collaboration in collaborations:
        region_id = collaboration.region_id
        if region_id is None and collaboration.host_party is not None:
            region_id = collaboration.host_party.region_id
        if region_id not in by_region:
            by_region[region_id] = RegionStructure(region=None)
        group = _GROUP_BY_KIND.get(CollaborationKind(collaboration.kind))
        if group is not None:
            getattr(by_region[region_id], group).append(collaboration)
    # Regions with collaborations first; a region without any still shows, so the page is never blank.
    return sorted(by_region.values(), key=lambda s: (s.is_empty, s.region is None, str(s.region or "")))


# ---- For editing and the API ------------------------------------------------------------------------


def bodies_for_edit() -> QuerySet[Body]:
    """Bodies with their collaboration (whose parties decide who may edit them)."""
    return Body.objects.select_related("collaboration")


def body_for_edit(*, slug: str | None = None, pk: int | None = None) -> Body | None:
    """A body with its collaboration (whose parties decide who may edit it), by slug or id."""
    bodies = bodies_for_edit()
    return bodies.filter(slug=slug).first() if slug is not None else bodies.filter(pk=pk or 0).first()


def memberships_for_edit() -> QuerySet[Membership]:
    return Membership.objects.select_related("person", "party", "body__collaboration")


def membership_for_edit(*, pk: int) -> Membership | None:
    return memberships_for_edit().filter(pk=pk).first()


def substitutions_for_edit() -> QuerySet[Substitution]:
    return Substitution.objects.select_related(
        "substitute", "principal__person", "principal__body__collaboration"
    )


def substitution_for_edit(*, pk: int) -> Substitution | None:
    return substitutions_for_edit().filter(pk=pk).first()


def seat_of(*, body: Body, party_id: int) -> Seat | None:
    return Seat.objects.filter(body=body, party_id=party_id).first()


def collaborations_filtered(
    *,
    kind: str | None = None,
    party_id: int | None = None,
    valid_on: datetime.date | None = None,
    region_id: int | None = None,
) -> QuerySet[Collaboration]:
    """Collaborations with their parties, hospitals, bodies and what they span, in the structure's order.

    A region's collaborations are those it is set as the region of, or hosted by one of its parties (as
    the structure page places them)."""
    collaborations = (
        Collaboration.objects.select_related("region", "host_party", "source")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.order_by("kind", "name")),
            Prefetch("hospitals", queryset=Hospital.objects.order_by("name")),
            _simple_bodies(),
            Prefetch("spans", queryset=Collaboration.objects.order_by("name")),
            Prefetch(
                "administrations",
                queryset=Administration.objects.select_related("party").order_by("party__name", "name"),
            ),
        )
        .annotate(kind_order=KIND_ORDER)
    )
    if kind:
        collaborations = collaborations.filter(kind=kind)
    if party_id is not None:
        collaborations = collaborations.filter(
            pk__in=Collaboration.objects.filter(parties=party_id).values("pk")
        )
    if valid_on is not None:
        collaborations = collaborations.filter(active_on(valid_on))
    if region_id is not None:
        collaborations = collaborations.filter(
            Q(region=region_id) | Q(region__isnull=True, host_party__region=region_id)
        )
    return collaborations.order_by("kind_order", "name", "pk")


def bodies_filtered(
    *,
    day: datetime.date,
    collaboration_id: int | None = None,
    level: str | None = None,
    valid_on: datetime.date | None = None,
) -> QuerySet[Body]:
    """Bodies with their seats (`filled` on `day`) and the members sitting on `day` (`current_members`)."""
    current = (
        Membership.objects.filter(active_on(day, "start", "end"))
        .select_related("person", "party")
        .annotate(role_order=ROLE_ORDER)
        .order_by("role_order", "start", "person__name", "pk")
    )
    bodies = (
        Body.objects.select_related("collaboration", "source")
        .prefetch_related(
            Prefetch("seats", queryset=seat_queryset(day=day)),
            Prefetch("memberships", queryset=current, to_attr="current_members"),
        )
        .annotate(level_order=LEVEL_ORDER)
    )
    if collaboration_id is not None:
        bodies = bodies.filter(collaboration=collaboration_id)
    if level:
        bodies = bodies.filter(level=level)
    if valid_on is not None:
        bodies = bodies.filter(
            active_on(valid_on),
            active_on(valid_on, "collaboration__valid_from", "collaboration__valid_to"),
        )
    return bodies.order_by("collaboration__name", "level_order", "name", "pk")


def memberships_filtered(
    *,
    body_id: int | None = None,
    person_id: int | None = None,
    party_id: int | None = None,
    active_on_day: datetime.date | None = None,
) -> QuerySet[Membership]:
    """Memberships with the person, body and party, and their substitutes (with topics)."""
    memberships = (
        Membership.objects.select_related("person", "body", "party", "source")
        .prefetch_related(Prefetch("substitutions", queryset=_substitution_queryset()))
        .annotate(role_order=ROLE_ORDER)
    )
    if body_id is not None:
        memberships = memberships.filter(body=body_id)
    if person_id is not None:
        memberships = memberships.filter(person=person_id)
    if party_id is not None:
        memberships = memberships.filter(party=party_id)
    if active_on_day is not None:
        memberships = memberships.filter(active_on(active_on_day, "start", "end"))
    return memberships.order_by("body__name", "role_order", "start", "person__name", "pk")


def substitutions_filtered(
    *,
    body_id: int | None = None,
    membership_id: int | None = None,
    principal_id: int | None = None,
    substitute_id: int | None = None,
    topic: str | None = None,
    active_on_day: datetime.date | None = None,
) -> QuerySet[Substitution]:
    """Substitutes with whom they stand in for (membership, person, body) and their topics.

    `principal_id` is the person they stand in for; `membership_id` that person's membership."""
    substitutions = Substitution.objects.select_related(
        "substitute", "principal__person", "principal__body", "principal__party", "source"
    ).prefetch_related(_topics())
    if body_id is not None:
        substitutions = substitutions.filter(principal__body=body_id)
    if membership_id is not None:
        substitutions = substitutions.filter(principal=membership_id)
    if principal_id is not None:
        substitutions = substitutions.filter(principal__person=principal_id)
    if substitute_id is not None:
        substitutions = substitutions.filter(substitute=substitute_id)
    if topic:
        substitutions = substitutions.filter(
            pk__in=Substitution.objects.filter(topics__slug=topic).values("pk")
        )
    if active_on_day is not None:
        substitutions = substitutions.filter(active_on(active_on_day, "start", "end"))
    return substitutions.order_by("principal__body__name", "principal__person__name", "start", "pk")


# ---- Parties and people with what they take part in (the organisation's pages and API) --------------


def party_detail(*, slug: str) -> Party | None:
    return (
        Party.objects.filter(slug=slug)
        .select_related("region", "source")
        .prefetch_related(
            Prefetch("members_of_region", queryset=Party.objects.order_by("kind", "name")),
            Prefetch(
                "region_memberships",
                queryset=RegionMembership.objects.select_related("region").order_by("valid_from"),
            ),
            Prefetch(
                "municipality_memberships",
                queryset=RegionMembership.objects.select_related("municipality").order_by(
                    "municipality__name"
                ),
            ),
            Prefetch(
                "administrations", queryset=Administration.objects.select_related("source").order_by("name")
            ),
            Prefetch(
                "committees",
                queryset=Committee.objects.select_related("administration").order_by("name"),
            ),
            Prefetch("people", queryset=Person.objects.order_by("name")),
            Prefetch("collaborations", queryset=Collaboration.objects.order_by("kind", "name")),
            Prefetch("hospitals", queryset=Hospital.objects.order_by("name")),
            Prefetch("seats", queryset=Seat.objects.select_related("body", "body__collaboration")),
            Prefetch(
                "authority_areas",
                queryset=AuthorityArea.objects.select_related("topic").order_by("topic__name"),
            ),
        )
        .first()
    )


def person_list() -> QuerySet[Person]:
    return (
        Person.objects.select_related("party")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("body").order_by("start", "body__name"),
            )
        )
        .order_by("name")
    )


def person_detail(*, slug: str) -> Person | None:
    return (
        Person.objects.filter(slug=slug)
        .select_related("party", "source")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("body", "body__collaboration", "party", "source")
                .prefetch_related(
                    Prefetch(
                        "substitutions",
                        queryset=Substitution.objects.select_related("substitute", "source")
                        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
                        .order_by("start", "substitute__name"),
                    )
                )
                .order_by("start", "body__name"),
            ),
            Prefetch(
                "substitutions",
                queryset=Substitution.objects.select_related(
                    "principal", "principal__person", "principal__body", "source"
                )
                .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
                .order_by("start", "principal__body__name"),
            ),
        )
        .first()
    )


def people_filtered(*, party_id: int | None = None, body_id: int | None = None) -> QuerySet[Person]:
    """People with their party and memberships; `body_id`: who are or were members of the body."""
    people = (
        Person.objects.select_related("party", "source")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("body").order_by("start", "body__name", "pk"),
            )
        )
        .order_by("name", "pk")
    )
    if party_id is not None:
        people = people.filter(party=party_id)
    if body_id is not None:
        people = people.filter(pk__in=Membership.objects.filter(body=body_id).values("person"))
    return people


# ---- Hospitals and catchment rules of collaborations ----------------------------------------------------


def catchment_rules_current_for_collaboration(
    *, collaboration: Collaboration, day: datetime.date
) -> QuerySet[CatchmentRule]:
    """The catchment rules in force on `day` that point to one of the collaboration's hospitals.

    Rules for the same area and specialty never overlap, so these are the areas' current rules.
    """
    return (
        CatchmentRule.objects.filter(active_on(day), hospital__collaborations=collaboration)
        .select_related("area", "area__parent", "hospital", "specialty", "source")
        .order_by("hospital__name", "specialty__name", "area__kind", "area__name")
    )


def hospitals_filtered(*, region_id: int | None = None) -> QuerySet[Hospital]:
    """Hospitals with their region and the collaborations around them."""
    hospitals = Hospital.objects.select_related("region", "source").prefetch_related(
        Prefetch("collaborations", queryset=Collaboration.objects.order_by("name"))
    )
    if region_id is not None:
        hospitals = hospitals.filter(region=region_id)
    return hospitals.order_by("name", "pk")


# ---- Catchment with the collaborations (clusters, councils) around it ----------------------------------

LOOKUP_KINDS = (CollaborationKind.CLUSTER, CollaborationKind.HEALTH_COUNCIL)


@dataclass(frozen=True)
class CollaborationMatch:
    collaboration: Collaboration
    why: str


def _collaborations_for(
    rule: CatchmentRule | None, chain: tuple[Area, ...], collaborations: list[Collaboration]
) -> list[CollaborationMatch]:
    """The clusters and councils in force that the answer belongs to. A cluster is the collaboration around
    an acute hospital's catchment (sundhedsloven § 203): found through the rule's hospital. A health council
    is one of municipalities and region: found through the area's municipality being a party to it, or,
    for an area without a municipality, through the hospital like a cluster."""
    party_id = municipality_party_id(list(chain))
    found: list[CollaborationMatch] = []
    for collaboration in collaborations:
        by_party = collaboration.kind == CollaborationKind.HEALTH_COUNCIL and party_id is not None
        if by_party:
            if any(p.pk == party_id for p in collaboration.parties.all()):
                municipality = next(a for a in chain if a.party_id == party_id)
                found.append(
                    CollaborationMatch(collaboration, f"{municipality.name} er part i {collaboration.name}.")
                )
        elif rule is not None and any(h.pk == rule.hospital_id for h in collaboration.hospitals.all()):
            found.append(
                CollaborationMatch(collaboration, f"{rule.hospital.name} er hospital i {collaboration.name}.")
            )
    return found


def collaborations_in_force(*, day: datetime.date) -> list[Collaboration]:
    """Clusters and councils in force on `day`, with their hospitals and parties."""
    return list(
        Collaboration.objects.filter(active_on(day), kind__in=LOOKUP_KINDS)
        .prefetch_related("hospitals", "parties")
        .order_by("kind", "name")
    )


@dataclass(frozen=True)
class CatchmentLookup(CatchmentAnswer):
    """A catchment answer with the clusters or councils in force that it belongs to."""

    collaborations: list[CollaborationMatch] = field(default_factory=list)


def _with_collaborations(answer: CatchmentAnswer, collaborations: list[Collaboration]) -> CatchmentLookup:
    values = {name.name: getattr(answer, name.name) for name in fields(answer)}
    return CatchmentLookup(
        **values, collaborations=_collaborations_for(answer.rule, answer.chain, collaborations)
    )


def catchment_lookup(
    *, area: Area, day: datetime.date, specialty: Specialty | None = None
) -> CatchmentLookup:
    """The hospital an area (optionally for a specialty) belongs to on `day`, the rule that says so and the
    clusters or councils in force that it belongs to. A fixed number of queries."""
    answer = catchment_answer(area=area, day=day, specialty=specialty)
    return _with_collaborations(answer, collaborations_in_force(day=day))


def catchment_overview(*, day: datetime.date, specialty: Specialty | None = None) -> list[CatchmentLookup]:
    """Every municipality and district with its answer on `day` (general catchment, or the specialty's)
    and the clusters or councils it belongs to. A fixed number of queries."""
    in_force = collaborations_in_force(day=day)
    return [
        _with_collaborations(answer, in_force) for answer in catchment_answers(day=day, specialty=specialty)
    ]


# ---- A member's own page ("Min side") ---------------------------------------------------------------


def member_memberships(*, person_id: int, day: datetime.date) -> QuerySet[Membership]:
    """The person's seats in the bodies, current first (`is_current`), with their substitutes."""
    return (
        membership_queryset(day=day)
        .filter(person=person_id)
        .select_related("body", "body__collaboration")
        .order_by("-is_current", "-start", "body__name")  # type: ignore[misc]
    )


def member_substitutions(*, person_id: int, day: datetime.date) -> QuerySet[Substitution]:
    """Where the person may attend instead of a member, current first (`is_current`)."""
    return (
        _substitution_queryset()
        .filter(substitute=person_id)
        .select_related("principal__person", "principal__body", "principal__body__collaboration")
        .annotate(
            is_current=Case(
                When(active_on(day, "start", "end"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-is_current", "-start", "principal__body__name")
    )


def member_bodies(*, person_id: int) -> QuerySet[Body, Any]:
    """The bodies the person sits or sat in, as a member or a substitute (a subquery of ids)."""
    return Body.objects.filter(
        Q(memberships__person=person_id) | Q(memberships__substitutions__substitute=person_id)
    ).values("pk")
