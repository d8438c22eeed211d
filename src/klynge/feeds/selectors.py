"""Reads for the calendar feeds: meetings with the agenda items the caller may see (two queries in all)."""

import datetime
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from klynge.bodies.models import Body
from klynge.meetings.access import VisibleItems
from klynge.meetings.models import AgendaItem, DatePrecision, Meeting

HistoricalMeeting: Any = Meeting.history.model
HistoricalAgendaItem: Any = AgendaItem.history.model


# How far back a feed reaches unless asked for more: a calendar needs the coming meetings and the recent
# ones, not ten years of every body's meetings (which made the feed of all meetings several megabytes).
DAYS_BACK = 365


def feed_start(*, today: datetime.date, since: datetime.date | None) -> datetime.date:
    """The first day a feed holds: `since` if given, otherwise `DAYS_BACK` days before today."""
    return since if since is not None else today - datetime.timedelta(days=DAYS_BACK)


def meetings_for_feed(
    *,
    visible: VisibleItems,
    start: datetime.date | None = None,
    body: Body | None = None,
    bodies: QuerySet[Body, Any] | None = None,
) -> QuerySet[Meeting]:
    """Meetings with a known day from `start` on (all that are planned), oldest first, each with `feed_items` (the visible agenda in order) and
    `meeting_changed_at` / `items_changed_at` (when the meeting or one of those items last changed).

    Meetings known only by month or half-year are left out: a calendar entry claims a day, and the
    day is not known. They come into the feed (with the same UID) once their date is fixed."""
    meetings = Meeting.objects.filter(date_precision=DatePrecision.DAY)
    if start is not None:
        meetings = meetings.filter(date__gte=start)
    if body is not None:
        meetings = meetings.filter(body=body)
    if bodies is not None:
        meetings = meetings.filter(body__in=bodies)
    # The items of these meetings first, then the rule: with "id in the visible ids" alone PostgreSQL found
    # every visible item (60,000 for an editor at national scale, 60–120 ms) to keep the feed's 500; with
    # the meetings first it starts from their items (about 10 ms).
    items = AgendaItem.objects.filter(meeting__in=meetings.values("pk")).filter(pk__in=visible)
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
        meetings.select_related("body", "body__collaboration")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=items.order_by("position"),
                to_attr="feed_items",
            )
        )
        .annotate(meeting_changed_at=Subquery(meeting_changed), items_changed_at=Subquery(items_changed))
    )
    return meetings.order_by("date", "start_time", "pk")


def body_for_feed(*, pk: int) -> Body | None:
    return Body.objects.filter(pk=pk).select_related("collaboration").first()
