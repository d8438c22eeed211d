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
    head = _to_ical(calendar)
    assert head.endswith(CALENDAR_END)
    events = b"".join(_event_ical(meeting, url=meeting_url(meeting), stamp=stamp) for meeting in listed)
    return head[: -len(CALENDAR_END)] + events + CALENDAR_END


CALENDAR_END = b"END:VCALENDAR\r\n"


FOLD_LIMIT = 75  # octets: a folded line holds at most 74, as icalendar folds
FOLD_SEPARATOR = b"\r\n "


def _fold(line: str) -> bytes:
    """One content line as icalendar's `Contentline.to_ical` writes it, byte for byte: UTF-8, folded
    where the next character would make a line 75 octets or more, never inside a character, and never
    right after a backslash or caret that escapes the next character (icalendar issue #1501).

    icalendar folds character by character in Python (40 % of the feed's CPU time for a year of
    meetings); this cuts the UTF-8 bytes at the same places in a few slices."""
    data = line.encode("utf-8")
    if len(data) < FOLD_LIMIT:
        return data
    parts = []
    start = 0
    while len(data) - start >= FOLD_LIMIT:
        end = start + FOLD_LIMIT - 1
        while data[end] & 0xC0 == 0x80:  # the cut would split a character: cut before it
            end -= 1
        if data[end - 1] in b"\\^":  # keep an escape with what it escapes
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return FOLD_SEPARATOR.join(parts)


def _to_ical(calendar: Calendar) -> bytes:
    """The calendar as `Calendar.to_ical` writes it (CRLF after every line), folded by `_fold`."""
    return b"\r\n".join(_fold(line) for line in calendar.content_lines() if line) + b"\r\n"


def _text(value: str) -> str:
    """A TEXT value escaped as icalendar escapes it (RFC 5545, 3.3.11)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _utc(moment: datetime.datetime) -> str:
    return f"{moment.astimezone(datetime.UTC):%Y%m%dT%H%M%S}Z"


def _event_ical(meeting: Meeting, *, url: str, stamp: datetime.datetime) -> bytes:
    """`meeting_event(...).to_ical()`, byte for byte, written directly: icalendar's components, value
    types and parameters cost some 0.2 ms a meeting to build and serialise (two thirds of a year's feed).
    The properties come in icalendar's order: the event's canonical ones, then the rest by name."""
    items: list[AgendaItem] = getattr(meeting, "feed_items", [])
    if meeting.start_time is not None:
        start = datetime.datetime.combine(meeting.date, meeting.start_time)
        when = [
            f"DTSTART;TZID={TIMEZONE}:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={TIMEZONE}:{start + DEFAULT_DURATION:%Y%m%dT%H%M%S}",
        ]
    else:
        when = [
            f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{meeting.date + datetime.timedelta(days=1):%Y%m%d}",
        ]
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(summary(meeting))}",
        *when,
        f"DTSTAMP:{_utc(stamp)}",
        f"UID:{_text(uid(meeting))}",
        f"DESCRIPTION:{_text(description(meeting, items, url))}",
    ]
    changed = _last_modified(meeting)
    if changed is not None:
        lines.append(f"LAST-MODIFIED:{_utc(changed)}")
    if meeting.location:
        lines.append(f"LOCATION:{_text(meeting.location)}")
    lines.append(f"STATUS:{'CANCELLED' if meeting.status == MeetingStatus.CANCELLED else 'CONFIRMED'}")
    if meeting.start_time is None:
        lines.append("TRANSP:TRANSPARENT")
    lines += [f"URL:{url}", "END:VEVENT"]
    return b"".join(_fold(line) + b"\r\n" for line in lines)
