"""Reads for the exports: initiatives and allocations as tables, each from one query with its joins.

What a caller may see is what the pages show them: an allocation follows its decision's agenda item
(closed items only for those who may see them); an initiative is public, but the meeting that approved it
is named only when the approving item is visible to the caller.
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from klynge.exports.tables import Column, Kind, Table
from klynge.meetings.access import VisibleItems
from klynge.organisation.models import Party
from klynge.work.models import Allocation, Initiative
from klynge.work.selectors import initiative_progress

INITIATIVE_COLUMNS = [
    Column("Id", Kind.INTEGER, 8),
    Column("Samarbejde", width=28),
    Column("Fokusområde", width=40),
    Column("Indsats", width=50),
    Column("Del af", width=40),
    Column("Status", width=12),
    Column("Fremdrift (%)", Kind.PERCENT, 14),
    Column("Ansvarlige parter", width=30),
    Column("Godkendt af", width=30),
    Column("Godkendt dato", Kind.DATE, 14),
    Column("Start", Kind.DATE, 12),
    Column("Slut", Kind.DATE, 12),
]

ALLOCATION_COLUMNS = [
    Column("Id", Kind.INTEGER, 8),
    Column("Samarbejde", width=28),
    Column("Pulje", width=40),
    Column("År", Kind.INTEGER, 8),
    Column("Organ", width=32),
    Column("Beslutning", width=60),
    Column("Mødedato", Kind.DATE, 12),
    Column("Beløb (kr.)", Kind.AMOUNT, 18),
    Column("Fokusområde", width=40),
    Column("Indsats", width=50),
]


def initiatives_for_export(
    *,
    visible: VisibleItems,
    collaboration_id: int | None = None,
    focus_area_id: int | None = None,
    status: str | None = None,
) -> QuerySet[Initiative]:
    initiatives = (
        Initiative.objects.select_related(
            "collaboration",
            "focus_area",
            "parent",
            "approved_by_body",
            "approved_by__agenda_item__meeting__body",
        )
        .prefetch_related(Prefetch("responsible_parties", queryset=Party.objects.order_by("kind", "name")))
        .annotate(approval_visible=Exists(visible.filter(pk=OuterRef("approved_by__agenda_item"))))
    )
    if collaboration_id is not None:
        initiatives = initiatives.filter(collaboration=collaboration_id)
    if focus_area_id is not None:
        initiatives = initiatives.filter(focus_area=focus_area_id)
    if status:
        initiatives = initiatives.filter(status=status)
    return initiatives.order_by("collaboration__kind", "collaboration__name", "name", "pk")


def initiative_table(
    *,
    visible: VisibleItems,
    collaboration_id: int | None = None,
    focus_area_id: int | None = None,
    status: str | None = None,
) -> Table:
    """Initiatives with their progress as the pages show it (a parent's is its parts' average)."""
    initiatives = initiatives_for_export(
        visible=visible, collaboration_id=collaboration_id, focus_area_id=focus_area_id, status=status
    )
    progress = initiative_progress()
    table = Table(title="Indsatser", columns=INITIATIVE_COLUMNS)
    for initiative in initiatives:
        approver, approved_on = "", None
        if initiative.approved_by is not None:
            meeting = initiative.approved_by.agenda_item.meeting
            approver = meeting.body.name
            # A closed item's meeting date would tell that it exists; the body is no secret.
            approved_on = meeting.date if initiative.approval_visible else None  # type: ignore[attr-defined]
        elif initiative.approved_by_body is not None:
            approver = initiative.approved_by_body.name
        table.rows.append(
            (
                initiative.pk,
                initiative.collaboration.name,
                initiative.focus_area.name if initiative.focus_area else "",
                initiative.name,
                initiative.parent.name if initiative.parent else "",
                initiative.get_status_display(),
                progress[initiative.pk].value if initiative.pk in progress else initiative.progress,
                ", ".join(party.name for party in initiative.responsible_parties.all()),
                approver,
                approved_on,
                initiative.start,
                initiative.end,
            )
        )
    return table


def allocations_for_export(
    *,
    visible: VisibleItems,
    collaboration_id: int | None = None,
    body_id: int | None = None,
    fund_id: int | None = None,
    year: int | None = None,
) -> QuerySet[Allocation]:
    allocations = Allocation.objects.filter(decision__agenda_item__in=visible).select_related(
        "fund__body__collaboration",
        "decision__agenda_item__meeting__body",
        "focus_area",
        "initiative",
    )
    if collaboration_id is not None:
        allocations = allocations.filter(fund__body__collaboration=collaboration_id)
    if body_id is not None:
        allocations = allocations.filter(fund__body=body_id)
    if fund_id is not None:
        allocations = allocations.filter(fund=fund_id)
    if year is not None:
        allocations = allocations.filter(fund__year=year)
    return allocations.order_by("decision__agenda_item__meeting__date", "pk")


def allocation_table(
    *,
    visible: VisibleItems,
    collaboration_id: int | None = None,
    body_id: int | None = None,
    fund_id: int | None = None,
    year: int | None = None,
) -> Table:
    """Allocations from the funds, oldest decision first: only those whose decision the caller may see."""
    allocations = allocations_for_export(
        visible=visible, collaboration_id=collaboration_id, body_id=body_id, fund_id=fund_id, year=year
    )
    table = Table(title="Bevillinger", columns=ALLOCATION_COLUMNS)
    for allocation in allocations:
        fund = allocation.fund
        meeting = allocation.decision.agenda_item.meeting
        table.rows.append(
            (
                allocation.pk,
                fund.body.collaboration.name,
                fund.name,
                fund.year,
                meeting.body.name,
                allocation.decision.text,
                meeting.date,
                allocation.amount,
                allocation.focus_area.name if allocation.focus_area else "",
                allocation.initiative.name if allocation.initiative else "",
            )
        )
    return table
