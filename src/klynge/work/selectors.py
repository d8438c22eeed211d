"""Reads for focus areas, initiatives (a tree, with progress rolled up), trial actions and funds."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from django.db import connection
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable

from klynge.bodies.access import editable_collaborations
from klynge.bodies.models import Body, Collaboration
from klynge.meetings.access import VisibleItems, public_agenda_items, visible_agenda_items
from klynge.meetings.models import AgendaItem, Decision, Meeting
from klynge.meetings.selectors import lists_by_meeting, visible_number
from klynge.organisation.models import Party, Topic
from klynge.work.models import (
    Allocation,
    FocusArea,
    FollowUpResearch,
    Fund,
    HealthAgreement,
    Initiative,
    InitiativeStatus,
    TrialAction,
)

# ---------------------------------------------------------------------------------------------
# Progress roll-up


@dataclass(frozen=True)
class Progress:
    """An initiative's progress in percent. `rolled_up` when it is the average of its children's."""

    value: int | None
    rolled_up: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None


def _round_half_up(value: Fraction | int) -> int:
    if isinstance(value, int):
        return value
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def rolled_up_progress(nodes: Mapping[int, tuple[int | None, int | None]]) -> dict[int, Progress]:
    """Progress for every initiative in `nodes` (pk → (parent pk, own progress)).

    A parent's progress is the average of its children's progress, where known (a child's own
    progress is itself rolled up from its children first). A parent with no child whose progress
    is known keeps its own progress, which may be unknown. Averages are exact until the result is
    rounded to whole percent (half up).
    """
    children: dict[int, list[int]] = defaultdict(list)
    for pk, (parent_pk, _) in nodes.items():
        if parent_pk is not None and parent_pk in nodes:
            children[parent_pk].append(pk)
    rolled = _rolled_up_from_the_leaves(nodes, children)
    if rolled is not None:
        return rolled
    return _rolled_up_around_cycles(nodes, children)


def _rolled_up_from_the_leaves(
    nodes: Mapping[int, tuple[int | None, int | None]], children: Mapping[int, list[int]]
) -> dict[int, Progress] | None:
    """The roll-up in one pass from the leaves up (whole numbers stay whole numbers, so exact fractions
    are made only where an average is not whole): linear in the number of initiatives, which matters at
    ten thousand. None if the parents form a cycle (which cannot be saved): then the walk below."""
    waiting = {pk: len(children.get(pk, ())) for pk in nodes}
    totals: dict[int, Fraction | int] = {}
    known_children: dict[int, int] = {}
    ready = [pk for pk, count in waiting.items() if count == 0]
    out: dict[int, Progress] = {}
    while ready:
        pk = ready.pop()
        count = known_children.get(pk, 0)
        value: Fraction | int | None
        if count:
            total = totals[pk]
            value = (
                total // count if isinstance(total, int) and total % count == 0 else Fraction(total, count)
            )
        else:
            value = nodes[pk][1]
        out[pk] = Progress(value=None if value is None else _round_half_up(value), rolled_up=bool(count))
        parent = nodes[pk][0]
        if parent is None or parent not in waiting:
            continue
        if value is not None:
            totals[parent] = totals.get(parent, 0) + value
            known_children[parent] = known_children.get(parent, 0) + 1
        waiting[parent] -= 1
        if waiting[parent] == 0:
            ready.append(parent)
    return out if len(out) == len(nodes) else None


def _rolled_up_around_cycles(
    nodes: Mapping[int, tuple[int | None, int | None]], children: Mapping[int, list[int]]
) -> dict[int, Progress]:
    exact: dict[int, tuple[Fraction | None, bool]] = {}

    def resolve(pk: int, visiting: frozenset[int]) -> tuple[Fraction | None, bool]:
        if pk in exact:
            return exact[pk]
        known = [
            value
            for child in children.get(pk, [])
            if child not in visiting  # a cycle cannot be saved, but never loop on one
            for value in [resolve(child, visiting | {pk})[0]]
            if value is not None
        ]
        if known:
            result: tuple[Fraction | None, bool] = (sum(known, Fraction(0)) / len(known), True)
        else:
            own = nodes[pk][1]
            result = (None if own is None else Fraction(own), False)
        exact[pk] = result
        return result

    out: dict[int, Progress] = {}
    for pk in nodes:
        value, rolled = resolve(pk, frozenset())
        out[pk] = Progress(value=None if value is None else _round_half_up(value), rolled_up=rolled)
    return out


def initiative_progress(*, collaborations: Iterable[int] | None = None) -> dict[int, Progress]:
    """Rolled-up progress for every initiative, or for those of some collaborations (one query). Within
    its collaborations it is exact: an initiative's progress rolls up from its parts, which belong to its
    collaboration (a database rule: the composite foreign key of migration work 0004)."""
    initiatives = Initiative.objects.all()
    if collaborations is not None:
        initiatives = initiatives.filter(collaboration__in=collaborations)
    nodes = {
        pk: (parent, progress)
        for pk, parent, progress in initiatives.values_list("pk", "parent_id", "progress")
    }
    return rolled_up_progress(nodes)


# ---------------------------------------------------------------------------------------------
# Initiatives


@dataclass(frozen=True)
class InitiativeRow:
    """An initiative in tree order: `depth` 0 for a top-level initiative."""

    initiative: Initiative
    depth: int
    progress: Progress

    @property
    def indent(self) -> range:
        return range(self.depth)


def _tree_order(initiatives: Iterable[Initiative]) -> list[tuple[Initiative, int]]:
    """Depth-first order (children by name under their parent); orphans of the set are roots."""
    items = list(initiatives)
    by_pk = {i.pk: i for i in items}
    children: dict[int | None, list[Initiative]] = defaultdict(list)
    for initiative in items:
        parent = initiative.parent_id if initiative.parent_id in by_pk else None
        children[parent].append(initiative)
    ordered: list[tuple[Initiative, int]] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for child in sorted(children.get(parent, []), key=lambda i: i.name.casefold()):
            if child.pk in seen:
                continue
            seen.add(child.pk)
            ordered.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return ordered


def _rows(initiatives: Iterable[Initiative], progress: Mapping[int, Progress]) -> list[InitiativeRow]:
    return [
        InitiativeRow(initiative=i, depth=d, progress=progress.get(i.pk, Progress(i.progress)))
        for i, d in _tree_order(initiatives)
    ]


@dataclass(frozen=True)
class CollaborationInitiatives:
    collaboration: Collaboration
    rows: list[InitiativeRow]


def initiative_roots(*, collaboration: Collaboration | None = None) -> QuerySet[Initiative]:
    """The top-level initiatives (of one collaboration, if given) in the list's order (by collaboration,
    then name): what the initiative list pages through, so a page costs the same however many there are."""
    roots = Initiative.objects.filter(parent__isnull=True)
    if collaboration is not None:
        roots = roots.filter(collaboration=collaboration)
    return roots.select_related("collaboration", "focus_area").order_by(
        "collaboration__kind", "collaboration__name", "name", "pk"
    )


def _descendants_of(roots: Sequence[Initiative]) -> QuerySet[Initiative]:
    """Every initiative below these (at any depth), found by the database in one recursive query.

    An initiative's parent is always of its own collaboration: the database holds it, whatever writes (the
    composite foreign key initiative_parent_same_collaboration in Initiative.Meta, work migration 0004),
    and Initiative.clean reports it first. So the recursion looks only among the roots' collaborations'
    initiatives: the same rows, but PostgreSQL no longer hashes every initiative in the country at each
    level (issue 14: 9.4 → 2.6 ms under EXPLAIN ANALYZE on the national cluster page)."""
    table = connection.ops.quote_name(Initiative._meta.db_table)
    collaboration_ids = sorted({root.collaboration_id for root in roots})
    roots_in = ", ".join(["%s"] * len(roots))
    collaborations_in = ", ".join(["%s"] * len(collaboration_ids))
    below = RawSQL(
        f"WITH RECURSIVE below(id) AS ("
        f"SELECT id FROM {table} WHERE parent_id IN ({roots_in}) "
        f"UNION SELECT child.id FROM {table} AS child JOIN below ON child.parent_id = below.id "
        f"WHERE child.collaboration_id IN ({collaborations_in})"
        f") SELECT id FROM below",
        [*(root.pk for root in roots), *collaboration_ids],
    )
    return Initiative.objects.filter(pk__in=below).select_related("collaboration", "focus_area")


def initiative_trees(*, roots: Sequence[Initiative]) -> list[CollaborationInitiatives]:
    """These top-level initiatives with all that lies below them, grouped by collaboration in the roots'
    order, each group in tree order, progress rolled up within each tree (one query)."""
    if not roots:
        return []
    initiatives = [*roots, *_descendants_of(roots)]
    progress = rolled_up_progress({i.pk: (i.parent_id, i.progress) for i in initiatives})
    groups: dict[int, list[Initiative]] = defaultdict(list)
    collaborations: dict[int, Collaboration] = {}
    for initiative in initiatives:
        groups[initiative.collaboration_id].append(initiative)
        collaborations[initiative.collaboration_id] = initiative.collaboration
    return [
        CollaborationInitiatives(collaboration=collaborations[pk], rows=_rows(items, progress))
        for pk, items in groups.items()
    ]


@dataclass(frozen=True)
class RecentInitiatives:
    """A collaboration's newest top-level initiatives with what lies below them, and how many in all."""

    rows: list[InitiativeRow]
    shown: int
    top_level: int
    total: int


def initiatives_recent_for_collaboration(*, collaboration: Collaboration, limit: int) -> RecentInitiatives:
    """The `limit` newest top-level initiatives of the collaboration with their trees (progress rolled up
    within each tree), and the numbers of top-level and of all its initiatives (two queries: the numbers
    come with the newest, counted over every top-level one and every one; for a collaboration without
    top-level initiatives, counted apart)."""
    initiatives = Initiative.objects.filter(collaboration=collaboration)
    every = initiatives.order_by().values("collaboration").annotate(n=Count("pk")).values("n")
    roots = list(
        initiative_roots()
        .filter(collaboration=collaboration)
        .annotate(top_level_count=Window(Count("pk")), total_count=Subquery(every))
        .order_by("-pk")[:limit]  # newest first
    )
    groups = initiative_trees(roots=roots)
    if roots:
        counts = {"top_level": roots[0].top_level_count, "total": roots[0].total_count}
    else:
        counts = initiatives.aggregate(
            total=Count("pk"), top_level=Count("pk", filter=Q(parent__isnull=True))
        )
    return RecentInitiatives(
        rows=groups[0].rows if groups else [],
        shown=len(roots),
        top_level=counts["top_level"],
        total=counts["total"],
    )


def initiative_rows_for_collaboration(*, collaboration: Collaboration) -> list[InitiativeRow]:
    initiatives = Initiative.objects.filter(collaboration=collaboration).select_related("focus_area")
    return _rows(initiatives, initiative_progress(collaborations=[collaboration.pk]))


def initiative_rows_for_focus_area(*, focus_area: FocusArea) -> list[InitiativeRow]:
    initiatives = Initiative.objects.filter(focus_area=focus_area).select_related("collaboration")
    collaborations = focus_area.collaborations.values_list("pk", flat=True)
    return _rows(initiatives, initiative_progress(collaborations=collaborations))


def _item_visible(visible: VisibleItems | None, path: str) -> Exists:
    """Whether the agenda item at `path` (from the record) is one the viewer may see: a record may name a
    closed item (where it was decided or approved), which must then not be shown."""
    items = public_agenda_items() if visible is None else visible
    return Exists(items.filter(pk=OuterRef(path)))


def _initiatives_in_full(visible: VisibleItems | None) -> QuerySet[Initiative]:
    """Initiatives with what belongs to them, as far as the viewer may see it; `approval_visible` tells
    whether the viewer may see the agenda item of the decision that approved each."""
    return (
        Initiative.objects.annotate(approval_visible=_item_visible(visible, "approved_by__agenda_item"))
        .select_related(
            "collaboration",
            "focus_area",
            "parent",
            "approved_by",
            "approved_by__agenda_item",
            "approved_by__agenda_item__meeting",
            "approved_by__agenda_item__meeting__body",
            "approved_by_body",
            "source",
        )
        .prefetch_related(
            Prefetch("responsible_parties", queryset=Party.objects.order_by("kind", "name")),
            Prefetch("trial_actions", queryset=_trial_action_queryset(visible)),
            Prefetch(
                "follow_up_research",
                queryset=FollowUpResearch.objects.select_related("focus_area", "source").order_by("title"),
            ),
            Prefetch("allocations", queryset=_allocation_queryset(visible)),
            Prefetch("agenda_items", queryset=_agenda_items_newest_first(visible)),
        )
    )


def initiative_detail(*, slug: str, visible: VisibleItems | None = None) -> Initiative | None:
    """An initiative in full; `approval_number` is the approving item's number as the viewer sees it."""
    return (
        _initiatives_in_full(visible)
        .annotate(approval_number=visible_number(visible, "approved_by__agenda_item"))
        .filter(slug=slug)
        .first()
    )


@dataclass(frozen=True)
class InitiativeNode:
    pk: int
    name: str
    slug: str
    status_label: str
    progress: Progress
    depth: int


@dataclass(frozen=True)
class InitiativeFamily:
    progress: Progress
    ancestors: list[InitiativeNode]  # the top-level initiative first
    descendants: list[InitiativeNode]  # tree order, depth 0 = the initiative's children


def initiative_family(*, initiative: Initiative) -> InitiativeFamily:
    """The initiative's ancestors and descendants with rolled-up progress (one light query)."""
    rows = list(Initiative.objects.values_list("pk", "parent_id", "progress", "name", "slug", "status"))
    progress = rolled_up_progress({pk: (parent, prog) for pk, parent, prog, *_ in rows})
    info = {row[0]: row for row in rows}
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent, *_ in rows:
        if parent is not None:
            children[parent].append(pk)

    def node(pk: int, depth: int) -> InitiativeNode:
        _, _, _, name, slug, status = info[pk]
        return InitiativeNode(
            pk=pk,
            name=name,
            slug=slug,
            status_label=InitiativeStatus(status).label,
            progress=progress[pk],
            depth=depth,
        )

    ancestors: list[InitiativeNode] = []
    seen = {initiative.pk}
    parent_pk = info[initiative.pk][1] if initiative.pk in info else None
    while parent_pk is not None and parent_pk not in seen:
        seen.add(parent_pk)
        ancestors.insert(0, node(parent_pk, 0))
        parent_pk = info[parent_pk][1]

    descendants: list[InitiativeNode] = []

    def walk(pk: int, depth: int) -> None:
        for child in sorted(children.get(pk, []), key=lambda c: info[c][3].casefold()):
            if child in seen:
                continue
            seen.add(child)
            descendants.append(node(child, depth))
            walk(child, depth + 1)

    walk(initiative.pk, 0)
    return InitiativeFamily(
        progress=progress.get(initiative.pk, Progress(initiative.progress)),
        ancestors=ancestors,
        descendants=descendants,
    )


def initiatives_by_topics(
    *, topics: QuerySet[Topic], visible: VisibleItems | None = None
) -> QuerySet[Initiative]:
    """Initiatives under a focus area on one of the topics, or on an agenda item about one that the viewer
    may see (`visible`; the public ones when None): a closed item never brings an initiative to the list
    of someone who may not read it."""
    items_on_topics = AgendaItem.objects.filter(
        topics__in=topics, pk__in=public_agenda_items() if visible is None else visible
    ).values("pk")
    matching = Initiative.objects.filter(
        Q(focus_area__topics__in=topics) | Q(agenda_items__in=items_on_topics)
    )
    return (
        Initiative.objects.filter(pk__in=matching.values("pk"))
        .select_related("collaboration", "focus_area")
        .order_by("collaboration__name", "name")
    )


# ---------------------------------------------------------------------------------------------
# Focus areas


def _agenda_items_newest_first(visible: VisibleItems | None) -> QuerySet[AgendaItem]:
    """Where a focus area or initiative has been on the agenda (as far as the viewer may see), latest first."""
    items = public_agenda_items() if visible is None else visible
    return (
        AgendaItem.objects.filter(pk__in=items)
        .select_related("meeting", "meeting__body")
        .order_by("-meeting__date", "-meeting__pk", "position")
    )


def _trial_action_queryset(visible: VisibleItems | None) -> QuerySet[TrialAction]:
    """Trial actions; `approval_visible` tells whether the viewer may see the approving decision's item."""
    return (
        TrialAction.objects.annotate(approval_visible=_item_visible(visible, "approved_by__agenda_item"))
        .select_related(
            "focus_area",
            "initiative",
            "approved_by",
            "approved_by__agenda_item",
            "approved_by__agenda_item__meeting",
            "source",
        )
        .order_by("focus_area__name", "position")
    )


def visible_allocations(visible: VisibleItems | None) -> QuerySet[Allocation]:
    """The allocations the viewer may see: an allocation is as closed as the agenda item of the decision
    that made it (public items only when `visible` is None)."""
    items = public_agenda_items() if visible is None else visible
    return Allocation.objects.filter(decision__agenda_item__in=items)


def _allocation_queryset(visible: VisibleItems | None) -> QuerySet[Allocation]:
    return (
        visible_allocations(visible)
        .select_related(
            "fund",
            "fund__body",
            "decision",
            "decision__agenda_item",
            "decision__agenda_item__meeting",
            "focus_area",
            "initiative",
            "source",
        )
        .order_by("decision__agenda_item__meeting__date", "pk")
    )


def focus_area_list(*, visible: VisibleItems | None = None) -> QuerySet[FocusArea]:
    return (
        FocusArea.objects.annotate(decided_at_visible=_item_visible(visible, "decided_at"))
        .select_related("decided_at", "decided_at__meeting", "decided_at__meeting__body")
        .prefetch_related(Prefetch("collaborations", queryset=Collaboration.objects.order_by("name")))
        .annotate(initiative_count=Count("initiatives", distinct=True))
        .order_by("name")
    )


def focus_areas_for_collaboration(
    *, collaboration: Collaboration, visible: VisibleItems | None = None
) -> QuerySet[FocusArea]:
    """The collaboration's focus areas; `decided_at_visible` as in focus_area_detail."""
    return (
        FocusArea.objects.filter(collaborations=collaboration)
        .annotate(decided_at_visible=_item_visible(visible, "decided_at"))
        .select_related("decided_at", "decided_at__meeting")
        .order_by("name")
    )


def focus_areas_by_topics(*, topics: QuerySet[Topic]) -> QuerySet[FocusArea]:
    return (
        FocusArea.objects.filter(pk__in=FocusArea.objects.filter(topics__in=topics).values("pk"))
        .prefetch_related(Prefetch("collaborations", queryset=Collaboration.objects.order_by("name")))
        .order_by("name")
    )


def _focus_areas_in_full(visible: VisibleItems | None) -> QuerySet[FocusArea]:
    """Focus areas with what belongs to them, as far as the viewer may see it; `decided_at_visible` tells
    whether the viewer may see the agenda item where each was discussed or chosen."""
    return (
        FocusArea.objects.annotate(decided_at_visible=_item_visible(visible, "decided_at"))
        .select_related(
            "decided_at", "decided_at__meeting", "decided_at__meeting__body", "health_agreement", "source"
        )
        .prefetch_related(
            Prefetch("collaborations", queryset=Collaboration.objects.order_by("name")),
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
            Prefetch("trial_actions", queryset=_trial_action_queryset(visible)),
            Prefetch(
                "follow_up_research",
                queryset=FollowUpResearch.objects.select_related("initiative", "source").order_by("title"),
            ),
            Prefetch("allocations", queryset=_allocation_queryset(visible)),
            Prefetch("agenda_items", queryset=_agenda_items_newest_first(visible)),
        )
    )


def focus_area_detail(*, slug: str, visible: VisibleItems | None = None) -> FocusArea | None:
    return _focus_areas_in_full(visible).filter(slug=slug).first()


# ---------------------------------------------------------------------------------------------
# Funds

MONEY = DecimalField(max_digits=14, decimal_places=2)


KRONER = Decimal("0.01")


def in_kroner(amount: Decimal | int) -> Decimal:
    """Kroner and øre, as amounts are stored (a sum comes back from some databases without them)."""
    return Decimal(amount).quantize(KRONER)


def _allocated_sum(visible: VisibleItems | None) -> Coalesce:
    """For each fund (the outer query's row), the sum of its allocations the viewer may see; 0 for none."""
    allocated = (
        visible_allocations(visible)
        .filter(fund=OuterRef("pk"))
        .order_by()
        .values("fund")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(allocated, output_field=MONEY), Value(Decimal(0)), output_field=MONEY)


def funds_with_totals(funds: QuerySet[Fund], *, visible: VisibleItems | None = None) -> QuerySet[Fund]:
    """The funds with `allocated` and `remaining` (None when the total is unknown) as database aggregates,
    counting the allocations the viewer may see (`visible`; the public ones when None).

    `allocated` is an allocation's being as closed as the agenda item of the decision that made it, added
    up. (Not called `allocated_total`: that is Fund's own method, the true total that the rules count.)
    `remaining` is deliberately *not* the fund's true remainder for a viewer who cannot see every
    allocation: shown next to the total and the listed allocations, the true remainder would give away
    the closed allocations' sum by subtraction (and, for a single one, its exact amount). The pages say
    so. The rule that a fund is never over-allocated counts every allocation (Fund.allocated_total, in the
    models' clean), whoever asks.

    `remaining` is worked out as each fund is read (`_FundsWithRemaining`), not by the database: as an
    annotation on `allocated` it held the allocations' sum a second time, built and compiled again (≈1.3 ms
    of an editor's funds on a national cluster page). Where the database must sort by it (the admin's
    list), `with_remaining_in_database` adds it there too, the same value."""
    totals = funds.annotate(allocated=_allocated_sum(visible))
    totals._iterable_class = _FundsWithRemaining
    return totals


class _FundsWithRemaining(ModelIterable[Fund]):
    """The funds as a query reads them, each with `remaining`: its total less `allocated` (None when the
    total is unknown), as the database worked it out when it was an annotation (Decimal subtraction)."""

    def __iter__(self) -> Iterator[Fund]:
        for fund in super().__iter__():
            fund.remaining = None if fund.amount is None else fund.amount - fund.allocated  # type: ignore[attr-defined]
            yield fund


def with_remaining_in_database(funds: QuerySet[Fund]) -> QuerySet[Fund]:
    """Funds of `funds_with_totals` that the database can also sort by `remaining` (the admin's list)."""
    return funds.annotate(remaining=ExpressionWrapper(F("amount") - F("allocated"), output_field=MONEY))


@dataclass(frozen=True)
class FundTotals:
    """A collaboration's funds added up. `total` and `remaining` are None when a fund's total is unknown;
    `allocated` counts only the allocations the viewer may see."""

    fund_count: int
    total: Decimal | None
    allocated: Decimal
    remaining: Decimal | None
    unknown_totals: int


NO_FUNDS = FundTotals(
    fund_count=0, total=Decimal(0), allocated=Decimal(0), remaining=Decimal(0), unknown_totals=0
)


def fund_totals_by_collaboration(
    *, collaboration_ids: Iterable[int], visible: VisibleItems | None = None
) -> dict[int, FundTotals]:
    """Each collaboration's funds added up by the database (one query, whatever their number), the
    allocations counted as `funds_with_totals` counts them; a collaboration without funds has NO_FUNDS."""
    ids = list(collaboration_ids)
    rows = (
        Fund.objects.filter(body__collaboration__in=ids)
        .order_by()
        .values("body__collaboration")
        .annotate(
            fund_count=Count("pk"),
            unknown_totals=Count("pk", filter=Q(amount__isnull=True)),
            known_total=Sum("amount", output_field=MONEY),
            allocated=Sum(_allocated_sum(visible), output_field=MONEY),
        )
    )
    totals = dict.fromkeys(ids, NO_FUNDS)
    for row in rows:
        allocated = in_kroner(row["allocated"] or 0)
        total = None if row["unknown_totals"] else in_kroner(row["known_total"] or 0)
        totals[row["body__collaboration"]] = FundTotals(
            fund_count=row["fund_count"],
            total=total,
            allocated=allocated,
            remaining=None if total is None else total - allocated,
            unknown_totals=row["unknown_totals"],
        )
    return totals


def fund_queryset(visible: VisibleItems | None = None) -> QuerySet[Fund]:
    """Funds with `allocated` and `remaining` as the viewer may see them (see funds_with_totals)."""
    return funds_with_totals(Fund.objects.select_related("body", "source"), visible=visible).order_by(
        "-year", "name"
    )


def funds_for_collaboration(
    *, collaboration: Collaboration, visible: VisibleItems | None = None
) -> QuerySet[Fund]:
    return fund_queryset(visible).filter(body__collaboration=collaboration)


def funds_for_body(*, body: Body, visible: VisibleItems | None = None) -> QuerySet[Fund]:
    return (
        fund_queryset(visible)
        .filter(body=body)
        .prefetch_related(Prefetch("allocations", queryset=_allocation_queryset(visible)))
    )


def fund_list(*, visible: VisibleItems | None = None) -> QuerySet[Fund]:
    """Every body's funds, newest year first, with what is allocated and what remains (one query)."""
    return fund_queryset(visible).order_by("-year", "body__name", "name")


def fund_detail(*, pk: int, visible: VisibleItems | None = None) -> Fund | None:
    """A fund with the allocations the viewer may see, what they add up to and what remains after them."""
    return (
        fund_queryset(visible)
        .filter(pk=pk)
        .select_related("body__collaboration")
        .prefetch_related(Prefetch("allocations", queryset=_allocation_queryset(visible)))
        .first()
    )


# ---------------------------------------------------------------------------------------------
# Editing: the record being changed, and the choices an editor is offered


def focus_areas_for_edit() -> QuerySet[FocusArea]:
    """Focus areas as a change to one needs them (every focus area is public)."""
    return FocusArea.objects.prefetch_related("collaborations", "topics").select_related("decided_at")


def focus_area_for_edit(*, slug: str | None = None, pk: int | None = None) -> FocusArea | None:
    """The focus area to change, by its address (slug) or its id."""
    return focus_areas_for_edit().filter(**({"pk": pk} if slug is None else {"slug": slug})).first()


def initiatives_for_edit() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("collaboration", "focus_area", "parent").prefetch_related(
        "responsible_parties"
    )


def initiative_for_edit(*, slug: str | None = None, pk: int | None = None) -> Initiative | None:
    """The initiative to change, by its address (slug) or its id."""
    return initiatives_for_edit().filter(**({"pk": pk} if slug is None else {"slug": slug})).first()


def trial_actions_for_edit() -> QuerySet[TrialAction]:
    return TrialAction.objects.select_related("focus_area", "initiative")


def trial_action_for_edit(*, pk: int) -> TrialAction | None:
    return trial_actions_for_edit().filter(pk=pk).first()


def follow_up_research_queryset_for_edit() -> QuerySet[FollowUpResearch]:
    return FollowUpResearch.objects.select_related("focus_area", "initiative", "initiative__collaboration")


def follow_up_research_for_edit(*, pk: int) -> FollowUpResearch | None:
    return follow_up_research_queryset_for_edit().filter(pk=pk).first()


def funds_for_edit() -> QuerySet[Fund]:
    return Fund.objects.select_related("body", "body__collaboration")


def fund_for_edit(*, pk: int) -> Fund | None:
    return funds_for_edit().filter(pk=pk).first()


M = TypeVar("M", bound=Model)


def keeping(queryset: QuerySet[M], *current: int | None) -> QuerySet[M]:
    """The choices, plus a record's current ones (so saving its other fields never fails on them)."""
    keep = [pk for pk in current if pk is not None]
    if not keep:
        return queryset
    model = queryset.model
    return model._default_manager.filter(Q(pk__in=queryset.values("pk")) | Q(pk__in=keep)).order_by(
        *queryset.query.order_by
    )


def agenda_items_of(
    *, collaborations: QuerySet[Collaboration], visible: VisibleItems
) -> QuerySet[AgendaItem]:
    """Agenda items of the collaborations' bodies the viewer may see, newest meeting first."""
    return (
        AgendaItem.objects.filter(pk__in=visible, meeting__body__collaboration__in=collaborations)
        .select_related("meeting", "meeting__body")
        .order_by("-meeting__date", "-meeting__pk", "position")
    )


def focus_areas_of(*, collaborations: QuerySet[Collaboration]) -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(
        pk__in=FocusArea.objects.filter(collaborations__in=collaborations).values("pk")
    ).order_by("name")


def initiatives_of(*, collaborations: QuerySet[Collaboration]) -> QuerySet[Initiative]:
    return Initiative.objects.filter(collaboration__in=collaborations).order_by("name")


def parties_of(*, collaborations: QuerySet[Collaboration]) -> QuerySet[Party]:
    return Party.objects.filter(
        pk__in=Party.objects.filter(collaborations__in=collaborations).values("pk")
    ).order_by("kind", "name")


def bodies_of(*, collaborations: QuerySet[Collaboration]) -> QuerySet[Body]:
    return (
        Body.objects.filter(collaboration__in=collaborations)
        .select_related("collaboration")
        .order_by("collaboration__name", "level")
    )


def collaborations_editable_by(actor: Any) -> QuerySet[Collaboration]:
    """The collaborations the actor may change, by name (what a new record may belong to)."""
    return editable_collaborations(actor).order_by("name")


def topic_choices() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


def health_agreement_choices() -> QuerySet[HealthAgreement]:
    return HealthAgreement.objects.order_by("valid_from", "name")


def decided_at_choices(*, actor: Any, focus_area: FocusArea | None = None) -> QuerySet[AgendaItem]:
    """Where a focus area may be recorded as chosen: the agenda items of the actor's collaborations that
    the actor may see, and its current one (kept, even when the actor may not see it), marked `shown`."""
    visible = visible_agenda_items(actor)
    items = agenda_items_of(collaborations=editable_collaborations(actor), visible=visible)
    current = focus_area.decided_at_id if focus_area is not None else None
    return (
        keeping(items, current)
        .select_related("meeting", "meeting__body")
        .annotate(shown=Exists(visible.filter(pk=OuterRef("pk"))))
    )


def initiative_focus_area_choices(*, actor: Any, initiative: Initiative | None = None) -> QuerySet[FocusArea]:
    """A new initiative's focus area among the actor's collaborations'; a changed one's among its own
    collaboration's (its current one kept)."""
    if initiative is None:
        return focus_areas_of(collaborations=editable_collaborations(actor))
    own = Collaboration.objects.filter(pk=initiative.collaboration_id)
    return keeping(focus_areas_of(collaborations=own), initiative.focus_area_id)


def initiative_parent_choices(*, actor: Any, initiative: Initiative | None = None) -> QuerySet[Initiative]:
    """What an initiative may be part of: not itself (its descendants are offered, and refused by the
    rules: no cycles)."""
    if initiative is None:
        return initiatives_of(collaborations=editable_collaborations(actor))
    own = Collaboration.objects.filter(pk=initiative.collaboration_id)
    return keeping(initiatives_of(collaborations=own), initiative.parent_id).exclude(pk=initiative.pk)


def initiative_party_choices(*, actor: Any, initiative: Initiative | None = None) -> QuerySet[Party]:
    if initiative is None:
        return parties_of(collaborations=editable_collaborations(actor))
    own = Collaboration.objects.filter(pk=initiative.collaboration_id)
    current = [p.pk for p in initiative.responsible_parties.all()]
    return keeping(parties_of(collaborations=own), *current)


def trial_action_initiative_choices(
    *, actor: Any, focus_area: FocusArea, trial_action: TrialAction | None = None
) -> QuerySet[Initiative]:
    """Initiatives of the focus area's collaborations that the actor may change (the current one kept)."""
    collaborations = editable_collaborations(actor).filter(focus_areas=focus_area)
    current = trial_action.initiative_id if trial_action is not None else None
    return keeping(initiatives_of(collaborations=collaborations), current)


def fund_body_choices(*, actor: Any) -> QuerySet[Body]:
    return bodies_of(collaborations=editable_collaborations(actor))


# ---------------------------------------------------------------------------------------------
# A meeting's records in work: what its items concern and its decisions did, and what they may name.
# Work stands above meetings: the meeting's page and the API (faces above both) read a meeting, its items
# or decisions with meetings' selectors and add work's records with these, a fixed number of queries.


def _decision_effects(path: str = "") -> list[Prefetch]:
    """A decision's allocations, approved initiatives and trial actions (`path` leads to the decisions)."""
    return [
        Prefetch(
            f"{path}allocations",
            queryset=Allocation.objects.select_related("fund", "focus_area", "initiative", "source").order_by(
                "pk"
            ),
        ),
        Prefetch(
            f"{path}approved_initiatives",
            queryset=Initiative.objects.select_related("collaboration").order_by("name"),
        ),
        Prefetch(
            f"{path}approved_trial_actions",
            queryset=TrialAction.objects.select_related("focus_area", "initiative").order_by(
                "focus_area__name", "position"
            ),
        ),
    ]


def _agenda_item_links(path: str = "") -> list[Prefetch]:
    """An item's focus areas and initiatives, the focus areas discussed or chosen under it, and what its
    decisions did (`path` leads to the items)."""
    return [
        Prefetch(f"{path}focus_areas", queryset=FocusArea.objects.order_by("name")),
        Prefetch(f"{path}initiatives", queryset=Initiative.objects.order_by("name")),
        Prefetch(f"{path}focus_areas_decided", queryset=FocusArea.objects.order_by("name")),
        *_decision_effects(f"{path}decisions__"),
    ]


def decisions_with_effects(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """The decisions, each with its allocations, approved initiatives and trial actions."""
    return decisions.prefetch_related(*_decision_effects())


def agenda_items_with_links(items: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    """The items (with their decisions prefetched), each with its links to work and what its decisions did."""
    return items.prefetch_related(*_agenda_item_links())


def meeting_with_links(meeting: Meeting | None) -> Meeting | None:
    """A meeting read with its agenda (`meetings.selectors.meeting_detail`), its items' links to work and
    what their decisions did added."""
    if meeting is not None:
        prefetch_related_objects([meeting], *_agenda_item_links("agenda_items__"))
    return meeting


def agenda_with_links(items: list[AgendaItem]) -> None:
    """Add to a meeting's agenda as read by `meetings.selectors.meeting_agenda` (its items and their
    `decision_list`) what the items concern and their decisions did, as lists: on each item
    `focus_area_list`, `initiative_list`, `focus_areas_decided_list`; on each decision `allocation_list`,
    `approved_initiative_list`, `approved_trial_action_list`. The same records, in the same order, as
    `meeting_with_links` (the API's reading), with no queryset cloned per item (six queries)."""
    if not items:
        return
    querysets: dict[str, QuerySet[Any]] = {
        prefetch.prefetch_through.rpartition("__")[2]: prefetch.queryset
        for prefetch in _agenda_item_links()
        if prefetch.queryset is not None
    }
    prefetch_related_objects(
        items,
        Prefetch("focus_areas", queryset=querysets["focus_areas"], to_attr="focus_area_list"),
        Prefetch("initiatives", queryset=querysets["initiatives"], to_attr="initiative_list"),
    )
    # The rest by the meeting, not by IN lists of the items' and decisions' ids (lists_by_meeting).
    meeting_id = items[0].meeting_id
    by_id = {item.pk: item for item in items}
    lists_by_meeting(
        by_id,
        querysets["focus_areas_decided"],
        "decided_at",
        "decided_at__meeting",
        meeting_id,
        "focus_areas_decided_list",
    )
    decisions = {d.pk: d for item in items for d in item.decision_list}  # type: ignore[attr-defined]
    for relation, to_attr in (
        ("allocations", "allocation_list"),
        ("approved_initiatives", "approved_initiative_list"),
        ("approved_trial_actions", "approved_trial_action_list"),
    ):
        owner = "decision" if relation == "allocations" else "approved_by"
        lists_by_meeting(
            decisions, querysets[relation], owner, f"{owner}__agenda_item__meeting", meeting_id, to_attr
        )


def agenda_item_with_links(item: AgendaItem | None) -> AgendaItem | None:
    if item is not None:
        prefetch_related_objects([item], *_agenda_item_links())
    return item


def decision_with_effects(decision: Decision | None) -> Decision | None:
    if decision is not None:
        prefetch_related_objects([decision], *_decision_effects())
    return decision


def focus_areas_of_meeting(meeting: Meeting) -> QuerySet[FocusArea]:
    """The focus areas an item of the meeting may concern: those of the meeting's collaboration."""
    return FocusArea.objects.filter(collaborations=meeting.body.collaboration_id).order_by("name")


def initiatives_of_meeting(meeting: Meeting) -> QuerySet[Initiative]:
    """The initiatives an item of the meeting may concern (and its decisions allocate to)."""
    return Initiative.objects.filter(collaboration=meeting.body.collaboration_id).order_by("name")


def funds_of_item(item: AgendaItem) -> QuerySet[Fund]:
    """The funds a decision on the item may allocate from: those of the meeting's collaboration."""
    return (
        Fund.objects.filter(body__collaboration=item.meeting.body.collaboration_id)
        .select_related("body")
        .order_by("-year", "name")
    )


def initiatives_to_approve(item: AgendaItem) -> QuerySet[Initiative]:
    """The initiatives a decision on the item may approve: the proposed ones of the collaboration."""
    return Initiative.objects.filter(
        collaboration=item.meeting.body.collaboration_id, status=InitiativeStatus.PROPOSED
    ).order_by("name")


# ---------------------------------------------------------------------------------------------
# The API: lists by filters and records by id, with what the viewer may see (a fixed number of queries
# per list, whatever its length)


def _overlapping(start: str, end: str, date_from: datetime.date | None, date_to: datetime.date | None) -> Q:
    """Records whose period overlaps [date_from, date_to]; an unknown start or end counts as open."""
    condition = Q()
    if date_from is not None:
        condition &= Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": date_from})
    if date_to is not None:
        condition &= Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": date_to})
    return condition


def _initiative_ids() -> QuerySet[Initiative]:
    """Initiatives loaded only as far as needed to list their ids under a focus area or a parent."""
    return Initiative.objects.only("pk", "parent_id", "focus_area_id").order_by("name", "pk")


def focus_areas_filtered(
    *,
    visible: VisibleItems | None,
    collaboration_id: int | None = None,
    status: str | None = None,
    topic: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[FocusArea]:
    """Focus areas by collaboration, status, topic and period (overlapping it), by name."""
    focus_areas = (
        FocusArea.objects.annotate(decided_at_visible=_item_visible(visible, "decided_at"))
        .select_related("health_agreement", "source")
        .prefetch_related(
            Prefetch("collaborations", queryset=Collaboration.objects.order_by("name")),
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
            Prefetch("initiatives", queryset=_initiative_ids()),
        )
        .filter(_overlapping("period_start", "period_end", date_from, date_to))
    )
    if collaboration_id is not None:
        focus_areas = focus_areas.filter(
            pk__in=FocusArea.objects.filter(collaborations=collaboration_id).values("pk")
        )
    if status:
        focus_areas = focus_areas.filter(status=status)
    if topic:
        focus_areas = focus_areas.filter(pk__in=FocusArea.objects.filter(topics__slug=topic).values("pk"))
    return focus_areas.order_by("name", "pk")


def focus_area_in_full(*, pk: int, visible: VisibleItems | None) -> FocusArea | None:
    """A focus area by id with what belongs to it (as on its page) and its initiatives' ids."""
    return (
        _focus_areas_in_full(visible)
        .prefetch_related(Prefetch("initiatives", queryset=_initiative_ids()))
        .filter(pk=pk)
        .first()
    )


def initiatives_filtered(
    *,
    visible: VisibleItems | None,
    collaboration_id: int | None = None,
    focus_area_id: int | None = None,
    parent_id: int | None = None,
    top_level: bool | None = None,
    status: str | None = None,
    topic: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Initiative]:
    """Initiatives by collaboration, focus area, parent, status, topic and period (overlapping it).

    A topic matches the initiative's focus area's topics, or those of an agenda item about the initiative
    that the viewer may see."""
    initiatives = (
        Initiative.objects.annotate(approval_visible=_item_visible(visible, "approved_by__agenda_item"))
        .select_related("collaboration", "focus_area", "approved_by_body", "source")
        .prefetch_related(
            Prefetch("responsible_parties", queryset=Party.objects.order_by("kind", "name")),
            Prefetch("children", queryset=_initiative_ids()),
        )
        .filter(_overlapping("start", "end", date_from, date_to))
    )
    if collaboration_id is not None:
        initiatives = initiatives.filter(collaboration=collaboration_id)
    if focus_area_id is not None:
        initiatives = initiatives.filter(focus_area=focus_area_id)
    if parent_id is not None:
        initiatives = initiatives.filter(parent=parent_id)
    if top_level is not None:
        initiatives = initiatives.filter(parent__isnull=top_level)
    if status:
        initiatives = initiatives.filter(status=status)
    if topic:
        items = public_agenda_items() if visible is None else visible
        on_agenda = AgendaItem.objects.filter(pk__in=items, topics__slug=topic).values("initiatives")
        initiatives = initiatives.filter(
            Q(pk__in=Initiative.objects.filter(focus_area__topics__slug=topic).values("pk"))
            | Q(pk__in=on_agenda)
        )
    return initiatives.order_by("collaboration__name", "name", "pk")


def initiative_in_full(*, pk: int, visible: VisibleItems | None) -> Initiative | None:
    """An initiative by id with what belongs to it (as on its page) and its children's ids."""
    return (
        _initiatives_in_full(visible)
        .prefetch_related(Prefetch("children", queryset=_initiative_ids()))
        .filter(pk=pk)
        .first()
    )


def trial_actions_filtered(
    *,
    visible: VisibleItems | None,
    focus_area_id: int | None = None,
    initiative_id: int | None = None,
    collaboration_id: int | None = None,
) -> QuerySet[TrialAction]:
    """Trial actions by focus area, initiative and collaboration (of the focus area), in number order."""
    trial_actions = _trial_action_queryset(visible)
    if focus_area_id is not None:
        trial_actions = trial_actions.filter(focus_area=focus_area_id)
    if initiative_id is not None:
        trial_actions = trial_actions.filter(initiative=initiative_id)
    if collaboration_id is not None:
        trial_actions = trial_actions.filter(
            focus_area__in=FocusArea.objects.filter(collaborations=collaboration_id).values("pk")
        )
    return trial_actions.order_by("focus_area__name", "focus_area", "position")


def research_filtered(
    *,
    focus_area_id: int | None = None,
    initiative_id: int | None = None,
    collaboration_id: int | None = None,
    status: str | None = None,
) -> QuerySet[FollowUpResearch]:
    """Follow-up research by focus area, initiative, collaboration (of either) and status, by title."""
    research = FollowUpResearch.objects.select_related("focus_area", "initiative", "source")
    if focus_area_id is not None:
        research = research.filter(focus_area=focus_area_id)
    if initiative_id is not None:
        research = research.filter(initiative=initiative_id)
    if collaboration_id is not None:
        research = research.filter(
            Q(focus_area__in=FocusArea.objects.filter(collaborations=collaboration_id).values("pk"))
            | Q(initiative__collaboration=collaboration_id)
        )
    if status:
        research = research.filter(status=status)
    return research.order_by("title", "pk")


def funds_filtered(
    *,
    visible: VisibleItems | None,
    body_id: int | None = None,
    collaboration_id: int | None = None,
    year: int | None = None,
) -> QuerySet[Fund]:
    """Funds by body, collaboration and year, with allocated and remaining as the viewer may see them."""
    funds = fund_queryset(visible).select_related("body__collaboration")
    if body_id is not None:
        funds = funds.filter(body=body_id)
    if collaboration_id is not None:
        funds = funds.filter(body__collaboration=collaboration_id)
    if year is not None:
        funds = funds.filter(year=year)
    return funds.order_by("-year", "body__name", "name", "pk")


def allocations_filtered(
    *,
    visible: VisibleItems | None,
    fund_id: int | None = None,
    body_id: int | None = None,
    collaboration_id: int | None = None,
    year: int | None = None,
) -> QuerySet[Allocation]:
    """The allocations the viewer may see, by fund, body, collaboration and year (the fund's), oldest
    decision first."""
    allocations = _allocation_queryset(visible)
    if fund_id is not None:
        allocations = allocations.filter(fund=fund_id)
    if body_id is not None:
        allocations = allocations.filter(fund__body=body_id)
    if collaboration_id is not None:
        allocations = allocations.filter(fund__body__collaboration=collaboration_id)
    if year is not None:
        allocations = allocations.filter(fund__year=year)
    return allocations.order_by("decision__agenda_item__meeting__date", "pk")
