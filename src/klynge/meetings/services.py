import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from klynge.bodies.models import Body
from klynge.catchment.models import Area
from klynge.kernel.records import create_validated, update_checked, update_validated
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    DatePrecision,
    Decision,
    DecisionKind,
    FigureMetric,
    Meeting,
    MeetingStatus,
    RecommendationResponse,
    ReportedFigure,
    ResponseOutcome,
)
from klynge.organisation.models import Party, Topic
from klynge.provenance.models import Source
from klynge.work.models import FocusArea, Fund, Initiative
from klynge.work.services import allocation_create, initiative_approve


def meeting_create(
    *,
    body: Body,
    date: datetime.date,
    status: MeetingStatus = MeetingStatus.PLANNED,
    date_precision: DatePrecision = DatePrecision.DAY,
    start_time: datetime.time | None = None,
    is_extra: bool = False,
    title: str = "",
    location: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> Meeting:
    return create_validated(
        Meeting,
        body=body,
        date=date,
        status=status,
        date_precision=date_precision,
        start_time=start_time,
        is_extra=is_extra,
        title=title,
        location=location,
        source=source,
        source_note=source_note,
    )


def meeting_update(
    *,
    meeting: Meeting,
    seen_version: int | None,
    date: datetime.date,
    status: MeetingStatus,
    date_precision: DatePrecision,
    start_time: datetime.time | None,
    is_extra: bool,
    title: str,
    location: str,
) -> Meeting:
    """Change a meeting's time, place and status (refused if someone saved it meanwhile)."""
    return update_checked(
        meeting,
        seen_version=seen_version,
        date=date,
        status=status,
        date_precision=date_precision,
        start_time=start_time,
        is_extra=is_extra,
        title=title,
        location=location,
    )


def agenda_item_create(
    *,
    meeting: Meeting,
    title: str,
    kind: AgendaItemKind,
    summary: str = "",
    is_public: bool = True,
    is_tentative: bool = False,
    topics: Iterable[Topic] = (),
    focus_areas: Iterable[object] = (),
    initiatives: Iterable[object] = (),
    source: Source | None = None,
    source_note: str = "",
) -> AgendaItem:
    """Add an item at the end of the meeting's agenda."""
    with transaction.atomic():
        # Lock the meeting so concurrent additions do not take the same position.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        return create_validated(
            AgendaItem,
            meeting=meeting,
            position=last + 1,
            title=title,
            kind=kind,
            summary=summary,
            is_public=is_public,
            is_tentative=is_tentative,
            source=source,
            source_note=source_note,
            m2m={"topics": topics, "focus_areas": focus_areas, "initiatives": initiatives},
        )


def agenda_item_update(
    *,
    agenda_item: AgendaItem,
    seen_version: int | None,
    title: str,
    kind: AgendaItemKind,
    summary: str,
    is_public: bool,
    is_tentative: bool,
    topics: Iterable[Topic],
    focus_areas: Iterable[object],
    initiatives: Iterable[object],
) -> AgendaItem:
    return update_checked(
        agenda_item,
        seen_version=seen_version,
        title=title,
        kind=kind,
        summary=summary,
        is_public=is_public,
        is_tentative=is_tentative,
        m2m={"topics": topics, "focus_areas": focus_areas, "initiatives": initiatives},
    )


def agenda_item_move(*, agenda_item: AgendaItem, steps: int) -> list[AgendaItem]:
    """Move an item up (negative steps) or down the agenda; the others close up. Returns the new order."""
    with transaction.atomic():
        # Lock the meeting, as adding an item does, so positions never collide.
        Meeting.objects.select_for_update().filter(pk=agenda_item.meeting_id).first()
        items = list(AgendaItem.objects.filter(meeting_id=agenda_item.meeting_id).order_by("position"))
        index = next((i for i, item in enumerate(items) if item.pk == agenda_item.pk), None)
        if index is None:
            raise ValidationError("Punktet er ikke længere på dagsordenen.")
        target = min(max(index + steps, 0), len(items) - 1)
        items.insert(target, items.pop(index))
        agenda_reorder(meeting=agenda_item.meeting, order=[item.pk for item in items])
        return items


def agenda_item_remove(*, agenda_item: AgendaItem) -> None:
    """Take an item off the agenda; the items after it move up. An item with recorded decisions or
    figures stays: what was decided is on record."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=agenda_item.meeting_id).first()
        item = AgendaItem.objects.filter(pk=agenda_item.pk).first()
        if item is None:
            return
        if item.decisions.exists() or item.reported_figures.exists():
            raise ValidationError(
                "Punktet har registrerede beslutninger eller tal og kan ikke fjernes fra dagsordenen."
            )
        if item.focus_areas_decided.exists():
            raise ValidationError(
                "Et fokusområde er drøftet eller valgt under punktet; det kan ikke fjernes."
            )
        meeting = item.meeting
        item.delete()
        remaining = list(
            AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True)
        )
        agenda_reorder(meeting=meeting, order=remaining)


def agenda_reorder(*, meeting: Meeting, order: list[int]) -> None:
    """Number the meeting's items 1, 2, … in the given order (the ids of all its items, each once)."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        items = {item.pk: item for item in AgendaItem.objects.filter(meeting=meeting)}
        if sorted(order) != sorted(items):
            raise ValidationError("Rækkefølgen skal omfatte hvert af mødets punkter én gang.")
        changed = [items[pk] for position, pk in enumerate(order, start=1) if items[pk].position != position]
        # Park the moved items beyond every position in use first: positions are unique within a meeting,
        # and after a removal the highest position in use is above the number of items.
        parking = max([len(items), *(item.position for item in items.values())]) + 1
        for offset, item in enumerate(changed):
            AgendaItem.objects.filter(pk=item.pk).update(position=parking + offset)
        for position, pk in enumerate(order, start=1):
            item = items[pk]
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])


@dataclass(frozen=True)
class AllocationRequest:
    """Money a decision allocates from a fund to a focus area or an initiative."""

    fund: Fund
    amount: Decimal
    focus_area: FocusArea | None = None
    initiative: Initiative | None = None


# Where an allocation's or approval's refusal belongs on a decision (the decision itself is new).
_ALLOCATION_FIELDS = {"decision": "fund", "__all__": "fund"}


def decision_record(
    *,
    agenda_item: AgendaItem,
    kind: DecisionKind,
    text: str,
    topic: Topic | None = None,
    recommended_to: Party | None = None,
    allocation: AllocationRequest | None = None,
    approves: Iterable[Initiative] = (),
    source: Source | None = None,
    source_note: str = "",
) -> Decision:
    """Record a decision with what it does — an allocation from a fund, approved initiatives — all or
    nothing: if the allocation exceeds the fund or an initiative cannot be approved, nothing is saved."""
    with transaction.atomic():
        decision = decision_create(
            agenda_item=agenda_item,
            kind=kind,
            text=text,
            topic=topic,
            recommended_to=recommended_to,
            source=source,
            source_note=source_note,
        )
        if allocation is not None:
            try:
                allocation_create(
                    fund=allocation.fund,
                    decision=decision,
                    amount=allocation.amount,
                    focus_area=allocation.focus_area,
                    initiative=allocation.initiative,
                    source=source,
                    source_note=source_note,
                )
            except ValidationError as error:
                raise _refiled(error, _ALLOCATION_FIELDS, default="fund") from error
        for initiative in approves:
            try:
                initiative_approve(initiative=initiative, decision=decision)
            except ValidationError as error:
                messages = [f"{initiative.name}: {m}" for m in error.messages]
                raise ValidationError({"approves": messages}) from error
        return decision


def _refiled(error: ValidationError, fields: dict[str, str], *, default: str) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return ValidationError({default: error.messages})
    return ValidationError(
        {fields.get(field, field): messages for field, messages in error.message_dict.items()}
    )


def decision_create(
    *,
    agenda_item: AgendaItem,
    kind: DecisionKind,
    text: str,
    topic: Topic | None = None,
    recommended_to: Party | None = None,
    source: Source | None = None,
    source_note: str = "",
) -> Decision:
    """Record a decision. A joint decision on a topic where a participating party holds the
    authority is refused with a ValidationError: record it as a recommendation to that party."""
    return create_validated(
        Decision,
        agenda_item=agenda_item,
        kind=kind,
        text=text,
        topic=topic,
        recommended_to=recommended_to,
        source=source,
        source_note=source_note,
    )


def reported_figure_create(
    *,
    agenda_item: AgendaItem,
    metric: FigureMetric,
    label: str = "",
    area: Area | None = None,
    value: Decimal | int | None = None,
    unit: str = "",
    year: int | None = None,
    explanation: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> ReportedFigure:
    return create_validated(
        ReportedFigure,
        agenda_item=agenda_item,
        metric=metric,
        label=label,
        area=area,
        value=None if value is None else Decimal(value),
        unit=unit,
        year=year,
        explanation=explanation,
        source=source,
        source_note=source_note,
    )


def decision_update(
    *,
    decision: Decision,
    seen_version: int | None,
    kind: DecisionKind,
    text: str,
    topic: Topic | None,
    recommended_to: Party | None,
) -> Decision:
    return update_checked(
        decision,
        seen_version=seen_version,
        kind=kind,
        text=text,
        topic=topic,
        recommended_to=recommended_to,
    )


def recommendation_response_record(
    *,
    decision: Decision,
    outcome: ResponseOutcome,
    decided_on: datetime.date,
    text: str = "",
    reference: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> RecommendationResponse:
    """Record (or correct) what the recipient decided on a recommendation, e.g. the regional council on a
    health council's indstilling. One response per recommendation; a later record replaces the fields."""
    fields: dict[str, Any] = {
        "outcome": outcome,
        "decided_on": decided_on,
        "text": text,
        "reference": reference,
        "source": source,
        "source_note": source_note,
    }
    existing = RecommendationResponse.objects.filter(decision=decision).first()
    if existing is not None:
        return update_validated(existing, **fields)
    return create_validated(RecommendationResponse, decision=decision, **fields)


@transaction.atomic
def recommendation_response_remove(*, response: RecommendationResponse) -> None:
    response.delete()
