"""Reads for the exports: initiatives and allocations as tables, each from one query with its joins.

What a caller may see is what the pages show them: an allocation follows its decision's agenda item
(closed items only for those who may see them); an initiative is public, but the meeting that approved it
is named only when the approving item is visible to the caller.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, QuerySet

from klynge.exports.tables import Column, Kind, Table
from klynge.meetings.access import VisibleItems
from klynge.work.models import Allocation, Initiative, InitiativeStatus
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
    collaboration_id: int | None = None,
    focus_area_id: int | None = None,
    status: str | None = None,
) -> QuerySet[Initiative]:
    """The initiatives exported, in the list's order."""
    initiatives = Initiative.objects.all()
    if collaboration_id is not None:
        initiatives = initiatives.filter(collaboration=collaboration_id)
    if focus_area_id is not None:
        initiatives = initiatives.filter(focus_area=focus_area_id)
    if status:
        initiatives = initiatives.filter(status=status)
    return initiatives.order_by("collaboration__kind", "collaboration__name", "name", "pk")


def _responsible_parties(initiatives: QuerySet[Initiative]) -> dict[int, str]:
    """Each exported initiative's responsible parties, as the cell shows them (one query)."""
    through = Initiative.responsible_parties.through
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        through.objects.filter(initiative__in=initiatives.order_by().values("pk"))
        .order_by("initiative_id", "party__kind", "party__name")
        .values_list("initiative_id", "party__name")
    )
    for initiative_id, name in rows:
        names[initiative_id].append(name)
    return {pk: ", ".join(party_names) for pk, party_names in names.items()}


def initiative_table(
    *,
    visible: VisibleItems,
    collaboration_id: int | None = None,
    focus_area_id: int | None = None,
    status: str | None = None,
) -> Table:
    """Initiatives with their progress as the pages show it (a parent's is its parts' average).

    Read as plain values, not as model instances: ten thousand initiatives with their related records
    would otherwise be some eighty thousand objects built only to be written out as text."""
    initiatives = initiatives_for_export(
        collaboration_id=collaboration_id, focus_area_id=focus_area_id, status=status
    )
    progress = initiative_progress()
    parties = _responsible_parties(initiatives)
    status_labels = dict(InitiativeStatus.choices)
    table = Table(title="Indsatser", columns=INITIATIVE_COLUMNS)
    # Whether the viewer may see the agenda item of the decision that approved each.
    approval_visible = Exists(visible.filter(pk=OuterRef("approved_by__agenda_item")))
    for row in initiatives.annotate(approval_visible=approval_visible).values(
        "pk",
        "collaboration__name",
        "focus_area__name",
        "name",
        "parent__name",
        "status",
        "progress",
        "approved_by_id",
        "approved_by__agenda_item__meeting__body__name",
        "approved_by__agenda_item__meeting__date",
        "approved_by_body__name",
        "approval_visible",
        "start",
        "end",
    ):
        approver, approved_on = "", None
        if row["approved_by_id"] is not None:
            approver = row["approved_by__agenda_item__meeting__body__name"]
            # A closed item's meeting date would tell that it exists; the body is no secret.
            approved_on = row["approved_by__agenda_item__meeting__date"] if row["approval_visible"] else None
        elif row["approved_by_body__name"] is not None:
            approver = row["approved_by_body__name"]
        pk = row["pk"]
        table.rows.append(
            (
                pk,
                row["collaboration__name"],
                row["focus_area__name"] or "",
                row["name"],
                row["parent__name"] or "",
                status_labels.get(row["status"], row["status"]),
                progress[pk].value if pk in progress else row["progress"],
                parties.get(pk, ""),
                approver,
                approved_on,
                row["start"],
                row["end"],
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
