"""Reads for the public portal: what the collaborations do, as the public may see it.

Everything here is public whoever asks: agenda items, decisions and allocations follow the public rule
(`public_agenda_items`), never the viewer's own rights. Progress is rolled up as the work app rolls it
up (`klynge.work.selectors.rolled_up_progress`). Every function makes a fixed number of queries.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.bodies.selectors import KIND_ORDER
from klynge.meetings.access import public_agenda_items, visible_items_condition
from klynge.meetings.models import AgendaItem, DatePrecision, Decision, Meeting, MeetingStatus
from klynge.organisation.models import Topic
from klynge.work.models import Allocation, FocusArea, Fund, Initiative, InitiativeStatus
from klynge.work.selectors import (
    FundTotals,
    InitiativeRow,
    Progress,
    fund_totals_by_collaboration,
    funds_with_totals,
    initiative_rows_for_collaboration,
    rolled_up_progress,
)

# The collaborations the public follows here: those that meet, decide and allocate.
PORTAL_KINDS: tuple[str, ...] = (
    CollaborationKind.CLUSTER,
    CollaborationKind.HEALTH_COLLABORATION_COMMITTEE,
    CollaborationKind.HEALTH_COUNCIL,
)
LATEST_DECISIONS = 10
UPCOMING_MEETINGS = 10


# ---------------------------------------------------------------------------------------------
# Progress rolled up to groups (a collaboration, a focus area)


def group_progress(
    members: Mapping[Hashable, Iterable[int]],
    parents: Mapping[int, int | None],
    progress: Mapping[int, Progress],
) -> dict[Hashable, Progress]:
    """Each group's progress: the average of its top initiatives' (rolled-up) progress, where known.

    A group's top initiatives are its members whose parent is not a member. The average is the work
    app's roll-up: the group is a parent whose children are its top initiatives."""
    nodes: dict[int, tuple[int | None, int | None]] = {}
    virtual: dict[Hashable, int] = {}
    next_id = -1
    for key, pks in members.items():
        virtual[key] = next_id
        nodes[next_id] = (None, None)
        group_id = next_id
        next_id -= 1
        pk_set = set(pks)
        for pk in pk_set:
            if parents.get(pk) not in pk_set:
                nodes[next_id] = (group_id, progress[pk].value)
                next_id -= 1
    rolled = rolled_up_progress(nodes)
    return {key: rolled[group_id] for key, group_id in virtual.items()}


# ---------------------------------------------------------------------------------------------
# Summaries per collaboration (the overview, and the head of a collaboration's page)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


# A collaboration's funds added up, allocations decided on public agenda items only.
FundFigures = FundTotals


@dataclass(frozen=True)
class CollaborationSummary:
    collaboration: Collaboration
    initiative_count: int
    status_counts: list[StatusCount]  # every status, in lifecycle order
    progress: Progress | None  # None in the overview (see `_overview_summaries`)
    decision_count: int
    funds: FundFigures
    next_meeting: Meeting | None

    @property
    def statuses_in_use(self) -> list[StatusCount]:
        return [s for s in self.status_counts if s.count]


class _InitiativeNode(NamedTuple):
    pk: int
    parent_id: int | None
    progress: int | None
    status: str
    collaboration_id: int
    focus_area_id: int | None


def _upcoming(day: datetime.date) -> Q:
    """Planned meetings whose date, as precisely as it is known, is today or later."""
    half_year_start = datetime.date(day.year, 1 if day.month <= 6 else 7, 1)
    return Q(status=MeetingStatus.PLANNED) & (
        Q(date__gte=day)
        | Q(date_precision=DatePrecision.MONTH, date__gte=day.replace(day=1))
        | Q(date_precision=DatePrecision.HALF_YEAR, date__gte=half_year_start)
    )


def _collaborations(day: datetime.date) -> QuerySet[Collaboration]:
    next_meeting = (
        Meeting.objects.filter(_upcoming(day), body__collaboration=OuterRef("pk"))
        .order_by("date", "start_time", "pk")
        .values("pk")[:1]
    )
    return Collaboration.objects.annotate(
        kind_order=KIND_ORDER, next_meeting_id=Subquery(next_meeting)
    ).order_by("kind_order", "name")


def public_fund_queryset() -> QuerySet[Fund]:
    """Funds with `allocated` (allocations decided on public items) and `remaining` (None when the total
    is unknown)."""
    return funds_with_totals(Fund.objects.select_related("body", "source")).order_by("-year", "name")


def _status_counts(statuses: Iterable[str]) -> list[StatusCount]:
    counts = Counter(statuses)
    return [StatusCount(status=s.value, label=s.label, count=counts[s.value]) for s in InitiativeStatus]


def _initiative_nodes(collaboration_ids: Iterable[int]) -> list[_InitiativeNode]:
    return [
        _InitiativeNode(*row)
        for row in Initiative.objects.filter(collaboration__in=list(collaboration_ids)).values_list(
            "pk", "parent_id", "progress", "status", "collaboration_id", "focus_area_id"
        )
    ]


def _next_meetings(collaborations: Sequence[Collaboration]) -> dict[int, Meeting]:
    """The next meetings found by `_collaborations`, by id (one query, none if there are none)."""
    meeting_ids = [c.next_meeting_id for c in collaborations if c.next_meeting_id]  # type: ignore[attr-defined]
    if not meeting_ids:
        return {}
    return {m.pk: m for m in Meeting.objects.filter(pk__in=meeting_ids).select_related("body")}


def _public_decision_counts(ids: Sequence[int], *, since: datetime.date | None = None) -> dict[int, int]:
    """The public decisions per collaboration (at meetings on or after `since`), in one grouped query.
    The public rule is a condition on the joined item, not "in the set of every public item"."""
    decisions = Decision.objects.filter(
        visible_items_condition(None, path="agenda_item"), agenda_item__meeting__body__collaboration__in=ids
    )
    if since is not None:
        decisions = decisions.filter(agenda_item__meeting__date__gte=since)
    return dict(
        decisions.order_by()
        .values("agenda_item__meeting__body__collaboration")
        .annotate(count=Count("pk"))
        .values_list("agenda_item__meeting__body__collaboration", "count")
    )


def _summaries(collaborations: Sequence[Collaboration]) -> list[CollaborationSummary]:
    """Summaries for collaborations from `_collaborations` (four queries, whatever their number)."""
    ids = [c.pk for c in collaborations]
    nodes = _initiative_nodes(ids)
    progress = rolled_up_progress({n.pk: (n.parent_id, n.progress) for n in nodes})
    by_collaboration: dict[int, list[_InitiativeNode]] = defaultdict(list)
    for node in nodes:
        by_collaboration[node.collaboration_id].append(node)
    overall = group_progress(
        {pk: [n.pk for n in by_collaboration[pk]] for pk in ids},
        {n.pk: n.parent_id for n in nodes},
        progress,
    )
    decisions = _public_decision_counts(ids)
    funds = fund_totals_by_collaboration(collaboration_ids=ids)
    meetings = _next_meetings(collaborations)
    return [
        CollaborationSummary(
            collaboration=c,
            initiative_count=len(by_collaboration[c.pk]),
            status_counts=_status_counts(n.status for n in by_collaboration[c.pk]),
            progress=overall[c.pk],
            decision_count=decisions.get(c.pk, 0),
            funds=funds[c.pk],
            next_meeting=meetings.get(c.next_meeting_id),  # type: ignore[attr-defined]
        )
        for c in collaborations
    ]


@dataclass(frozen=True)
class KindGroup:
    label: str
    summaries: list[CollaborationSummary]


@dataclass(frozen=True)
class Overview:
    groups: list[KindGroup]
    initiative_count: int
    decision_count: int  # public decisions at meetings since `decisions_since`
    status_counts: list[StatusCount]
    decisions_since: datetime.date


# The overview counts the public decisions of the last year: what the collaborations are doing now, at a
# cost that does not grow with the years of history (each collaboration's page counts them all).
RECENT_DECISION_DAYS = 365


def _overview_summaries(
    collaborations: Sequence[Collaboration], *, decisions_since: datetime.date
) -> list[CollaborationSummary]:
    """Summaries for the overview, counted in the database (four queries, whatever the data): the
    initiatives by status, the public decisions since `decisions_since`, the funds and the next meeting.
    No progress: rolling it up needs every initiative of every tree, so it is on each collaboration's
    own page (`progress` is None here)."""
    ids = [c.pk for c in collaborations]
    by_status: dict[int, Counter[str]] = defaultdict(Counter)
    for collaboration_id, status, count in (
        Initiative.objects.filter(collaboration__in=ids)
        .order_by()
        .values_list("collaboration", "status")
        .annotate(count=Count("pk"))
    ):
        by_status[collaboration_id][status] = count
    decisions = _public_decision_counts(ids, since=decisions_since)
    funds = fund_totals_by_collaboration(collaboration_ids=ids)
    meetings = _next_meetings(collaborations)
    return [
        CollaborationSummary(
            collaboration=c,
            initiative_count=sum(by_status[c.pk].values()),
            status_counts=_status_counts(by_status[c.pk].elements()),
            progress=None,
            decision_count=decisions.get(c.pk, 0),
            funds=funds[c.pk],
            next_meeting=meetings.get(c.next_meeting_id),  # type: ignore[attr-defined]
        )
        for c in collaborations
    ]


def portal_overview(*, day: datetime.date) -> Overview:
    """Every followed collaboration with its initiatives by status, public decisions of the last year,
    funds and next meeting, grouped by kind (five queries; every figure counted in the database)."""
    collaborations = list(_collaborations(day).filter(kind__in=PORTAL_KINDS))
    decisions_since = day - datetime.timedelta(days=RECENT_DECISION_DAYS)
    summaries = _overview_summaries(collaborations, decisions_since=decisions_since)
    groups: dict[str, list[CollaborationSummary]] = {}
    for summary in summaries:
        groups.setdefault(summary.collaboration.kind, []).append(summary)
    plural: dict[str, str] = {
        CollaborationKind.CLUSTER: "Sundhedsklynger",
        CollaborationKind.HEALTH_COLLABORATION_COMMITTEE: "Sundhedssamarbejdsudvalg",
        CollaborationKind.HEALTH_COUNCIL: "Sundhedsråd",
    }
    return Overview(
        groups=[KindGroup(label=plural.get(kind, kind), summaries=items) for kind, items in groups.items()],
        initiative_count=sum(s.initiative_count for s in summaries),
        decision_count=sum(s.decision_count for s in summaries),
        status_counts=[
            StatusCount(
                status=s.value,
                label=s.label,
                count=sum(summary.status_counts[i].count for summary in summaries),
            )
            for i, s in enumerate(InitiativeStatus)
        ],
        decisions_since=decisions_since,
    )


# ---------------------------------------------------------------------------------------------
# One collaboration


def portal_collaboration(*, slug: str, day: datetime.date) -> CollaborationSummary | None:
    """The collaboration (any kind) with its summary, or None (five queries)."""
    collaboration = _collaborations(day).filter(slug=slug).select_related("region").first()
    if collaboration is None:
        return None
    return _summaries([collaboration])[0]


def topic_choices(*, collaboration: Collaboration) -> list[Topic]:
    """The topics the collaboration's initiatives can be filtered by: those of its focus areas and of its
    bodies' public agenda items about an initiative."""
    # Each way to a topic a set of ids of its own: joined in one query with DISTINCT, the focus areas' and
    # the agenda items' topic rows multiplied each other (160 ms for a cluster's ten years).
    of_focus_areas = FocusArea.topics.through.objects.filter(focusarea__collaborations=collaboration)
    of_items = AgendaItem.topics.through.objects.filter(
        agendaitem__in=AgendaItem.objects.filter(
            pk__in=public_agenda_items(),
            meeting__body__collaboration=collaboration,
            initiatives__isnull=False,
        )
    )
    return list(
        Topic.objects.filter(
            Q(pk__in=of_focus_areas.values("topic_id")) | Q(pk__in=of_items.values("topic_id"))
        ).order_by("name")
    )


@dataclass(frozen=True)
class FocusAreaBranch:
    """A focus area (None: initiatives under none) with its rolled-up progress and the initiatives shown."""

    focus_area: FocusArea | None
    progress: Progress
    initiative_count: int
    rows: list[InitiativeRow]


def _initiatives_on_topic(*, collaboration: Collaboration, topic: Topic) -> set[int]:
    """Initiatives under a focus area on the topic, or on a public agenda item about it."""
    public_items_on_topic = AgendaItem.objects.filter(pk__in=public_agenda_items(), topics=topic)
    return set(
        Initiative.objects.filter(collaboration=collaboration)
        .filter(Q(focus_area__topics=topic) | Q(agenda_items__in=public_items_on_topic))
        .values_list("pk", flat=True)
    )


def _reindented(rows: list[InitiativeRow]) -> list[InitiativeRow]:
    """Rows of a subset of a tree, still in tree order: depth counts only ancestors that are shown."""
    shown = {row.initiative.pk: row for row in rows}
    result = []
    for row in rows:
        depth, parent = 0, row.initiative.parent_id
        seen = {row.initiative.pk}
        while parent is not None and parent in shown and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = shown[parent].initiative.parent_id
        result.append(InitiativeRow(initiative=row.initiative, depth=depth, progress=row.progress))
    return result


def initiative_tree(
    *, collaboration: Collaboration, status: str | None = None, topic: Topic | None = None
) -> list[FocusAreaBranch]:
    """Focus areas → initiatives (tree order, rolled-up progress), optionally only initiatives with the
    status or on the topic. A focus area's progress is over all its initiatives, whatever is shown."""
    rows = initiative_rows_for_collaboration(collaboration=collaboration)
    focus_areas = list(
        FocusArea.objects.filter(collaborations=collaboration)
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        .annotate(trial_action_count=Count("trial_actions"))
        .order_by("name")
    )
    members: dict[int | None, list[int]] = {fa.pk: [] for fa in focus_areas}
    members[None] = []
    for row in rows:
        members.setdefault(row.initiative.focus_area_id, []).append(row.initiative.pk)
    progress = group_progress(
        members,  # type: ignore[arg-type]
        {row.initiative.pk: row.initiative.parent_id for row in rows},
        {row.initiative.pk: row.progress for row in rows},
    )
    on_topic = _initiatives_on_topic(collaboration=collaboration, topic=topic) if topic else None
    shown_rows: dict[int | None, list[InitiativeRow]] = defaultdict(list)
    for row in rows:
        if status and row.initiative.status != status:
            continue
        if on_topic is not None and row.initiative.pk not in on_topic:
            continue
        shown_rows[row.initiative.focus_area_id].append(row)
    filtering = bool(status or topic)
    branches = []
    for fa in [*focus_areas, None]:
        key = None if fa is None else fa.pk
        if (fa is None and not members[None]) or (filtering and not shown_rows[key]):
            continue
        branches.append(
            FocusAreaBranch(
                focus_area=fa,
                progress=progress[key],
                initiative_count=len(members[key]),
                rows=_reindented(shown_rows[key]),
            )
        )
    return branches


def latest_public_decisions(*, collaboration: Collaboration, limit: int = LATEST_DECISIONS) -> list[Decision]:
    return list(
        Decision.objects.filter(
            visible_items_condition(None, path="agenda_item"),
            agenda_item__meeting__body__collaboration=collaboration,
        )
        .select_related("agenda_item", "agenda_item__meeting", "agenda_item__meeting__body", "recommended_to")
        .order_by(
            "-agenda_item__meeting__date", "-agenda_item__meeting__pk", "-agenda_item__position", "-pk"
        )[:limit]
    )


def upcoming_meetings(
    *, collaboration: Collaboration, day: datetime.date, limit: int = UPCOMING_MEETINGS
) -> list[Meeting]:
    """Planned meetings from today, with the number of public agenda items."""
    return list(
        Meeting.objects.filter(_upcoming(day), body__collaboration=collaboration)
        .select_related("body")
        .annotate(public_item_count=Count("agenda_items", filter=Q(agenda_items__in=public_agenda_items())))
        .order_by("date", "start_time", "pk")[:limit]
    )


def funds_with_public_allocations(*, collaboration: Collaboration) -> list[Fund]:
    """The collaboration's funds with the allocations decided on public agenda items (as `allocations`)."""
    allocations = (
        Allocation.objects.filter(decision__agenda_item__in=public_agenda_items())
        .select_related(
            "fund",
            "decision",
            "decision__agenda_item",
            "decision__agenda_item__meeting",
            "focus_area",
            "initiative",
            "source",
        )
        .order_by("decision__agenda_item__meeting__date", "pk")
    )
    return list(
        public_fund_queryset()
        .filter(body__collaboration=collaboration)
        .prefetch_related(Prefetch("allocations", queryset=allocations))
    )
