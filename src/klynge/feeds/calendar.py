"""Meetings as an iCalendar feed (RFC 5545), built with the `icalendar` library.

One VEVENT per meeting with a known day: with a time (Europe/Copenhagen, two hours unless told otherwise)
when the start time is known, otherwise all day. Cancelled meetings stay in the feed as CANCELLED, so a
calendar that already holds them marks them cancelled instead of silently keeping them. The agenda in
the description is exactly what the caller may see (the selector has filtered it), numbered 1, 2, 3 over
those items as on the meeting's page.
"""

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from klynge.kernel.inputs import date_in_range
from klynge.meetings.models import AgendaItem, Meeting, MeetingStatus

TIMEZONE = "Europe/Copenhagen"
ZONE = ZoneInfo(TIMEZONE)
DEFAULT_DURATION = datetime.timedelta(hours=2)
PRODID = "-//Klynge//Klynge møder//DA"
CALENDAR_NOTE = (
    "Møder i sundhedsklyngerne og de øvrige samarbejder fra Klynge. Møder, hvis dato kun kendes som måned "
    "eller halvår, kommer med, når datoen er fastlagt."
)
UNTIMED_NOTE = "Mødets klokkeslæt er ikke registreret."


def uid(meeting: Meeting) -> str:
    """Stable across fetches and changes of the meeting, so calendars update the event in place."""
    return f"meeting-{meeting.pk}@klynge"


def summary(meeting: Meeting) -> str:
    title = meeting.title or ("ekstraordinært møde" if meeting.is_extra else "møde")
    text = f"{meeting.body.name} – {title}"
    return f"Aflyst: {text}" if meeting.status == MeetingStatus.CANCELLED else text


def _item_line(number: int, item: AgendaItem) -> str:
    notes = [item.get_kind_display()]
    if item.is_tentative:
        notes.append("forventet")
    if not item.is_public:
        notes.append("lukket punkt")
    return f"{number}. {item.title} ({', '.join(notes)})"


def description(meeting: Meeting, items: list[AgendaItem], url: str) -> str:
    lines = []
    if meeting.start_time is None:
        lines += [UNTIMED_NOTE, ""]
    if items:
        # Numbered over the items shown (as on the meeting's page): a closed item left out leaves no gap.
        lines += ["Dagsorden:", *(_item_line(n, item) for n, item in enumerate(items, start=1))]
    else:
        lines.append("Der er ingen punkter på dagsordenen at vise.")
    lines += ["", f"Mødet i Klynge: {url}"]
    return "\n".join(lines)


def _last_modified(meeting: Meeting) -> datetime.datetime | None:
    changes = [getattr(meeting, name, None) for name in ("meeting_changed_at", "items_changed_at")]
    known = [when for when in changes if when is not None]
    return max(known) if known else None


def meeting_event(meeting: Meeting, *, url: str, stamp: datetime.datetime) -> Event:
    items: list[AgendaItem] = getattr(meeting, "feed_items", [])
    event = Event()
    event.add("uid", uid(meeting))
    event.add("dtstamp", stamp)
    event.add("summary", summary(meeting))
    if meeting.start_time is not None:
        start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=ZONE)
        event.add("dtstart", start)
        event.add("dtend", start + DEFAULT_DURATION)
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # an all-day placeholder should not block the day
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", url)
    event.add("description", description(meeting, items, url))
    changed = _last_modified(meeting)
    if changed is not None:
        event.add("last-modified", changed.astimezone(datetime.UTC))
    return event


def _timezone(meetings: list[Meeting], today: datetime.date) -> Timezone:
    """The VTIMEZONE for the years the feed spans (and a little beyond, for what is planned)."""
    years = [m.date.year for m in meetings] + [today.year]
    return Timezone.from_tzid(
        TIMEZONE, first_date=datetime.date(min(years), 1, 1), last_date=datetime.date(max(years) + 2, 1, 1)
    )


def meetings_calendar(
    *,
    name: str,
    meetings: Iterable[Meeting],
    meeting_url: Callable[[Meeting], str],
    now: datetime.datetime,
) -> bytes:
    """The feed as bytes (UTF-8, CRLF lines folded at 75 octets, as icalendar writes them)."""
    # A date outside 1900–2200 (stored before input refused one) is a typing mistake no calendar can show.
    listed = [meeting for meeting in meetings if date_in_range(meeting.date)]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", CALENDAR_NOTE)
    calendar.add("x-wr-timezone", TIMEZONE)
    calendar.add_component(_timezone(listed, now.astimezone(ZONE).date()))
    stamp = now.astimezone(datetime.UTC)
    for meeting in listed:
        calendar.add_component(meeting_event(meeting, url=meeting_url(meeting), stamp=stamp))
    return calendar.to_ical()
