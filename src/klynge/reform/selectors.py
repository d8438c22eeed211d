"""Reads for the reform: the successor councils proposed for a cluster's records, the plan as saved, the
lineage of carried-over records, and the coordination view of a municipality in several clusters.
Every read makes a fixed number of queries, however many records there are."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from klynge.bodies.access import editable_collaborations
from klynge.bodies.models import Collaboration, CollaborationKind, Participation
from klynge.catchment.models import AreaKind, CatchmentRule
from klynge.meetings.access import restrict_to_visible, visible_agenda_items
from klynge.meetings.models import Decision, Meeting
from klynge.organisation.models import Party, PartyKind
from klynge.provenance.models import Source, SourceKind
from klynge.reform.models import CarryOver, PlanEntry, RecordKind, TransitionPlan
from klynge.work.models import FocusArea, Initiative

REFORM_DATE = datetime.date(2027, 1, 1)
CLUSTERS_END = datetime.date(2026, 12, 31)


def health_councils() -> QuerySet[Collaboration]:
    """The health councils that carry on after the reform, with their parties: those that have not ended by
    1 January 2027, including those that already worked as preparatory councils in 2026."""
    return (
        Collaboration.objects.filter(kind=CollaborationKind.HEALTH_COUNCIL)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=REFORM_DATE))
        .prefetch_related("parties", "bodies")
        .order_by("name")
    )


def ending_clusters() -> QuerySet[Collaboration]:
    return (
        Collaboration.objects.filter(kind=CollaborationKind.CLUSTER, valid_to=CLUSTERS_END)
        .prefetch_related("parties")
        .select_related("transition_plan")
        .order_by("name")
    )


def _count(queryset: QuerySet[Any], field: str = "pk") -> Coalesce:
    """A correlated subquery counting `queryset`'s distinct `field` values: one column, no joined rows."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(_group=Value(1))
            .values("_group")
            .annotate(n=Count(field, distinct=True))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def transition_progress() -> QuerySet[Collaboration]:
    """Every cluster that ends with the reform and how far its carry-over has come, counted in the database:
    `record_count` (its focus areas and initiatives), `planned_count` (the records its saved plan decides
    on), `carried_count` (the records carried over to at least one council) and `council_count` (the
    councils that received them). One query for any number of clusters; by region, then name."""
    cluster = OuterRef("pk")
    focus_areas = FocusArea.objects.filter(collaborations=cluster)
    initiatives = Initiative.objects.filter(collaboration=cluster)
    carried = CarryOver.objects.filter(cluster=cluster)
    return (
        Collaboration.objects.filter(kind=CollaborationKind.CLUSTER, valid_to=CLUSTERS_END)
        .select_related("region", "transition_plan")
        .annotate(
            municipality_count=_count(
                Participation.objects.filter(collaboration=cluster, party__kind=PartyKind.MUNICIPALITY)
            ),
            focus_area_count=_count(focus_areas),
            initiative_count=_count(initiatives),
            planned_count=_count(PlanEntry.objects.filter(plan__cluster=cluster)),
            carried_focus_area_count=_count(carried, "original_focus_area"),
            carried_initiative_count=_count(carried, "original_initiative"),
            council_count=_count(carried, "council"),
        )
        .order_by("region__name", "name")
    )


def editable_among(user: Any, clusters: list[Collaboration]) -> set[int]:
    """Which of these clusters the user may change (one query, however many clusters)."""
    ids = [c.pk for c in clusters]
    return set(editable_collaborations(user).filter(pk__in=ids).values_list("pk", flat=True))


@dataclass
class Proposal:
    kind: str
    record: FocusArea | Initiative
    councils: list[Collaboration]
    reason: str
    depth: int = 0
    entry: PlanEntry | None = None
    carried: list[CarryOver] = field(default_factory=list)

    @property
    def key(self) -> str:
        prefix = "fa" if self.kind == RecordKind.FOCUS_AREA else "in"
        return f"{prefix}-{self.record.pk}"

    @property
    def chosen_ids(self) -> list[int]:
        if self.entry is not None:
            return [c.pk for c in self.entry.councils.all()]
        return [c.pk for c in self.councils]


def _names(parties: list[Party]) -> str:
    names = [p.name for p in parties]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def _councils_by_municipality(councils: list[Collaboration]) -> dict[int, list[Collaboration]]:
    by_party: dict[int, list[Collaboration]] = defaultdict(list)
    for council in councils:
        for party in council.parties.all():
            if party.kind == PartyKind.MUNICIPALITY:
                by_party[party.pk].append(council)
    return by_party


def _districts_of(cluster: Collaboration) -> dict[int, list[str]]:
    """The districts of a municipality that the cluster's hospitals serve (general catchment), by party."""
    day = cluster.valid_to or REFORM_DATE
    rules = CatchmentRule.objects.filter(
        hospital__in=cluster.hospitals.all(),
        specialty__isnull=True,
        area__kind=AreaKind.DISTRICT,
        area__parent__party__isnull=False,
        valid_from__lte=day,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    districts: dict[int, list[str]] = defaultdict(list)
    for party_id, name in rules.values_list("area__parent__party_id", "area__name").order_by("area__name"):
        districts[party_id].append(name)
    return districts


def _propose(
    municipalities: list[Party],
    councils_of: dict[int, list[Collaboration]],
    basis: str,
    districts: dict[int, list[str]],
) -> tuple[list[Collaboration], str]:
    chosen: dict[int, Collaboration] = {}
    parts: list[str] = []
    missing: list[Party] = []
    for party in municipalities:
        mine = councils_of.get(party.pk, [])
        if not mine:
            missing.append(party)
            continue
        for council in mine:
            chosen[council.pk] = council
        where = f" (bydelene {', '.join(districts[party.pk])})" if districts.get(party.pk) else ""
        parts.append(f"{party.name}{where} → {' og '.join(c.name for c in mine)}")
    reason = f"{basis}: " + "; ".join(parts) + "." if parts else f"{basis}: ingen af dem er i et sundhedsråd."
    if missing:
        reason += f" Intet sundhedsråd er registreret for {_names(missing)}."
    if not municipalities:
        reason = f"{basis}: ingen kommuner. Vælg sundhedsråd, eller angiv, at posten ikke videreføres."
    return sorted(chosen.values(), key=lambda c: c.name), reason


def cluster_proposals(cluster: Collaboration) -> list[Proposal]:
    """For each focus area and initiative of the cluster, the successor council(s) proposed, and why.

    An initiative is proposed to the councils of its responsible municipalities when it names any; a focus
    area to those of its initiatives' responsible municipalities when all of them name some; otherwise a
    record goes to the councils of all the cluster's municipalities."""
    councils = list(health_councils())
    councils_of = _councils_by_municipality(councils)
    districts = _districts_of(cluster)
    cluster_municipalities = [p for p in cluster.parties.all() if p.kind == PartyKind.MUNICIPALITY]
    focus_areas = list(
        FocusArea.objects.filter(collaborations=cluster).prefetch_related("topics").order_by("name")
    )
    initiatives = list(
        Initiative.objects.filter(collaboration=cluster)
        .select_related("focus_area", "parent")
        .prefetch_related("responsible_parties")
        .order_by("name")
    )
    plan = TransitionPlan.objects.filter(cluster=cluster).first()
    entries: dict[str, PlanEntry] = {}
    if plan is not None:
        for entry in plan.entries.prefetch_related("councils"):
            key = (
                f"fa-{entry.focus_area_id}"
                if entry.kind == RecordKind.FOCUS_AREA
                else f"in-{entry.initiative_id}"
            )
            entries[key] = entry
    carried: dict[str, list[CarryOver]] = defaultdict(list)
    for carry in CarryOver.objects.filter(
        Q(original_focus_area__in=focus_areas) | Q(original_initiative__in=initiatives)
    ).select_related("council", "successor_focus_area", "successor_initiative"):
        key = (
            f"fa-{carry.original_focus_area_id}"
            if carry.kind == RecordKind.FOCUS_AREA
            else f"in-{carry.original_initiative_id}"
        )
        carried[key].append(carry)

    def municipalities_of(initiative: Initiative) -> list[Party]:
        return [p for p in initiative.responsible_parties.all() if p.kind == PartyKind.MUNICIPALITY]

    cluster_basis = f"Klyngens kommuner ({cluster.short_name or cluster.name})"
    proposals: list[Proposal] = []
    by_focus_area: dict[int, list[Initiative]] = defaultdict(list)
    for initiative in initiatives:
        if initiative.focus_area_id is not None:
            by_focus_area[initiative.focus_area_id].append(initiative)
    for focus_area in focus_areas:
        own = by_focus_area.get(focus_area.pk, [])
        if own and all(municipalities_of(i) for i in own):
            unique = {p.pk: p for i in own for p in municipalities_of(i)}
            parties = sorted(unique.values(), key=lambda p: p.name)
            basis = "Fokusområdets indsatsers ansvarlige kommuner"
            chosen, reason = _propose(parties, councils_of, basis, {})
        else:
            chosen, reason = _propose(cluster_municipalities, councils_of, cluster_basis, districts)
        proposals.append(Proposal(RecordKind.FOCUS_AREA, focus_area, chosen, reason))
    # Initiatives as a tree: parents before their parts.
    children: dict[int | None, list[Initiative]] = defaultdict(list)
    ids = {i.pk for i in initiatives}
    for initiative in initiatives:
        children[initiative.parent_id if initiative.parent_id in ids else None].append(initiative)

    def walk(parent_id: int | None, depth: int) -> None:
        for initiative in children.get(parent_id, []):
            own_parties = municipalities_of(initiative)
            if own_parties:
                chosen, reason = _propose(own_parties, councils_of, "Indsatsens ansvarlige kommuner", {})
            else:
                chosen, reason = _propose(cluster_municipalities, councils_of, cluster_basis, districts)
            proposals.append(Proposal(RecordKind.INITIATIVE, initiative, chosen, reason, depth))
            walk(initiative.pk, depth + 1)

    walk(None, 0)
    for proposal in proposals:
        proposal.entry = entries.get(proposal.key)
        proposal.carried = carried.get(proposal.key, [])
    return proposals


def plan_for(cluster: Collaboration) -> TransitionPlan | None:
    return TransitionPlan.objects.filter(cluster=cluster).select_related("saved_by", "transferred_by").first()


def plan_history(plan: TransitionPlan | None) -> list[Any]:
    if plan is None:
        return []
    return list(plan.history.select_related("history_user").order_by("-history_id")[:20])


def lineage_of(record: FocusArea | Initiative) -> CarryOver | None:
    """Where a successor record was carried over from (None for any other record)."""
    field_name = "successor_focus_area" if isinstance(record, FocusArea) else "successor_initiative"
    return (
        CarryOver.objects.filter(**{field_name: record})
        .select_related("cluster", "council", "original_focus_area", "original_initiative")
        .first()
    )


# The coordination view.


@dataclass
class TopicRow:
    topic: str
    cells: list[list[FocusArea | Initiative]]
    cluster_names: list[str] = field(default_factory=list)

    @property
    def only_in(self) -> list[str]:
        return [name for name, cell in zip(self.cluster_names, self.cells, strict=True) if cell]

    @property
    def missing_in(self) -> list[str]:
        return [name for name, cell in zip(self.cluster_names, self.cells, strict=True) if not cell]

    @property
    def present_in(self) -> int:
        return sum(1 for cell in self.cells if cell)

    @property
    def uneven(self) -> bool:
        return 0 < self.present_in < len(self.cells)


@dataclass
class Coordination:
    municipality: Party
    clusters: list[Collaboration]
    rows: list[TopicRow]
    forums: list[Collaboration]
    meetings: list[Meeting]
    decisions: list[Decision]

    @property
    def uneven_rows(self) -> list[TopicRow]:
        return [row for row in self.rows if row.uneven]


NO_TOPIC = "Uden emne"


def coordination_for(municipality: Party, user: Any = None) -> Coordination:
    """The clusters the municipality takes part in, side by side by topic, and the coordination forum's
    meetings and decisions the user may see."""
    clusters = list(
        Collaboration.objects.filter(kind=CollaborationKind.CLUSTER, parties=municipality).order_by("name")
    )
    index = {c.pk: n for n, c in enumerate(clusters)}
    focus_areas = list(
        FocusArea.objects.filter(collaborations__in=clusters)
        .distinct()
        .prefetch_related("topics", Prefetch("collaborations", to_attr="all_collaborations"))
        .order_by("name")
    )
    initiatives = list(
        Initiative.objects.filter(collaboration__in=clusters)
        .select_related("focus_area")
        .prefetch_related("focus_area__topics")
        .order_by("name")
    )
    rows: dict[str, list[list[FocusArea | Initiative]]] = {}

    def place(topic: str, column: int, record: FocusArea | Initiative) -> None:
        cells = rows.setdefault(topic, [[] for _ in clusters])
        if record not in cells[column]:
            cells[column].append(record)

    for focus_area in focus_areas:
        topics = [t.name for t in focus_area.topics.all()] or [NO_TOPIC]
        for collaboration in focus_area.all_collaborations:
            if collaboration.pk in index:
                for topic in topics:
                    place(topic, index[collaboration.pk], focus_area)
    for initiative in initiatives:
        topics = (
            [t.name for t in initiative.focus_area.topics.all()] if initiative.focus_area is not None else []
        ) or [NO_TOPIC]
        for topic in topics:
            place(topic, index[initiative.collaboration_id], initiative)
    names = [c.short_name or c.name for c in clusters]
    ordered = [
        TopicRow(topic, rows[topic], names) for topic in sorted(rows, key=lambda t: (t == NO_TOPIC, t))
    ]
    forums = list(
        Collaboration.objects.filter(
            kind=CollaborationKind.COORDINATION_FORUM, parties=municipality
        ).order_by("name")
    )
    visible = visible_agenda_items(user)
    meetings = list(
        Meeting.objects.filter(body__collaboration__in=forums).select_related("body").order_by("-date")[:50]
    )
    decisions = list(
        restrict_to_visible(
            Decision.objects.filter(agenda_item__meeting__body__collaboration__in=forums), visible
        )
        .select_related("agenda_item__meeting")
        .order_by("-agenda_item__meeting__date")[:50]
    )
    return Coordination(municipality, clusters, ordered, forums, meetings, decisions)


def municipalities_in_several_clusters() -> QuerySet[Party]:
    """The municipalities that take part in more than one cluster (Copenhagen: Byen and Syd) — those the
    coordination view is for."""
    return (
        Party.objects.filter(kind=PartyKind.MUNICIPALITY)
        .annotate(
            cluster_count=Count("collaborations", filter=Q(collaborations__kind=CollaborationKind.CLUSTER))
        )
        .filter(cluster_count__gt=1)
        .order_by("name")
    )


def municipality_by_id(pk: int) -> Party | None:
    return Party.objects.filter(pk=pk, kind=PartyKind.MUNICIPALITY).first()


def example_source_ids() -> set[int]:
    """The sources that are examples: records resting on them are not real and say so."""
    return set(Source.objects.filter(kind=SourceKind.EXAMPLE).values_list("pk", flat=True))


def carry_overs(*, collaboration_id: int | None = None) -> QuerySet[CarryOver]:
    """Every carry-over with both its records and their sources, by council; with a collaboration, only
    those carried to or from it."""
    found = CarryOver.objects.select_related(
        "council",
        "cluster",
        "original_focus_area__source",
        "successor_focus_area__source",
        "original_initiative__source",
        "successor_initiative__source",
    ).order_by("council__name", "carried_at", "pk")
    if collaboration_id is not None:
        found = found.filter(Q(council_id=collaboration_id) | Q(cluster_id=collaboration_id))
    return found
