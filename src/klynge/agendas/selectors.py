"""Reads: a meeting's agenda versions and minutes, as the viewer may see them."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from klynge.agendas.models import AgendaVersion, Minutes, MinutesEntry
from klynge.meetings.access import visible_items_condition
from klynge.meetings.models import Meeting


def agenda_versions(*, meeting: Meeting, include_scheduled: bool) -> QuerySet[AgendaVersion]:
    """The meeting's versions, newest first: the published ones, and the scheduled for those who prepare it."""
    versions = AgendaVersion.objects.filter(meeting=meeting).select_related("published_by")
    if not include_scheduled:
        versions = versions.filter(published_at__isnull=False)
    return versions.order_by("-number")


def agenda_version(*, meeting: Meeting, number: int) -> AgendaVersion | None:
    return AgendaVersion.objects.filter(meeting=meeting, number=number, published_at__isnull=False).first()


def minutes_of(*, meeting: Meeting, user: Any, closed: bool) -> Minutes | None:
    """The meeting's minutes with the entries of the items the viewer may see (`closed`: all the viewer may
    see; otherwise the public items only), in agenda order."""
    condition = visible_items_condition(user if closed else None, path="agenda_item")
    entries = (
        MinutesEntry.objects.filter(condition).select_related("agenda_item").order_by("agenda_item__position")
    )
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("approved_at_meeting", "approved_at_meeting__body")
        .prefetch_related(Prefetch("entries", queryset=entries))
        .first()
    )
