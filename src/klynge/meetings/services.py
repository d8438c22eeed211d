import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from klynge.bodies.models import Body
from klynge.catchment.models import Area
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    DatePrecision,
    Decision,
    DecisionKind,
    FigureMetric,
    Meeting,
    MeetingStatus,
    ReportedFigure,
)
from klynge.organisation.models import Party, Topic
from klynge.provenance.models import Source
from klynge.records import create_validated


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
