"""Reads for the calendar feeds: meetings with the agenda items the caller may see (two queries in all)."""

from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from klynge.bodies.models import Body
from klynge.meetings.access import VisibleItems
from klynge.meetings.models import AgendaItem, DatePrecision, Meeting

HistoricalMeeting: Any = Meeting.history.model
HistoricalAgendaItem: Any = AgendaItem.history.model


def meetings_for_feed(
    *, visible: VisibleItems, body: Body | None = None, bodies: QuerySet[Body, Any] | None = None
) -> QuerySet[Meeting]:
    """Meetings with a known day, oldest first, each with `feed_items` (the visible agenda in order) and
    `meeting_changed_at` / `items_changed_at` (when the meeting or one of those items last changed).

    Meetings known only by month or half-year are left out: a calendar entry claims a day, and the
    day is not known. They come into the feed (with the same UID) once their date is fixed."""
    meeting_changed = (
        HistoricalMeeting.objects.filter(id=OuterRef("pk"))
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    items_changed = (
        HistoricalAgendaItem.objects.filter(meeting_id=OuterRef("pk"), id__in=visible)
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    meetings = (
        Meeting.objects.filter(date_precision=DatePrecision.DAY)
        .select_related("body", "body__collaboration")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.filter(pk__in=visible).order_by("position"),
                to_attr="feed_items",
            )
        )
        .annotate(meeting_changed_at=Subquery(meeting_changed), items_changed_at=Subquery(items_changed))
    )
    if body is not None:
        meetings = meetings.filter(body=body)
    if bodies is not None:
        meetings = meetings.filter(body__in=bodies)
    return meetings.order_by("date", "start_time", "pk")


def body_for_feed(*, pk: int) -> Body | None:
    return Body.objects.filter(pk=pk).select_related("collaboration").first()
