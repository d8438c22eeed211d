"""The calendar feeds: times and time zones, status, who sees which agenda items, odd input, queries."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar, Event

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItemKind, DatePrecision, Meeting, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create, meeting_update
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import enrich_world, grow_other_clusters

CLOSED_TITLE = "Fortroligt punkt om budget"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def parse(response: object) -> Calendar:
    assert response.status_code == 200, response.content  # type: ignore[attr-defined]
    return Calendar.from_ical(response.content)  # type: ignore[attr-defined]


def event_of(calendar: Calendar, meeting: Meeting) -> Event:
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == f"meeting-{meeting.pk}@klynge"]
    return event


def change(meeting: Meeting, **changes: object) -> Meeting:
    values = {
        "date": meeting.date,
        "status": meeting.status,
        "date_precision": meeting.date_precision,
        "start_time": meeting.start_time,
        "is_extra": meeting.is_extra,
        "title": meeting.title,
        "location": meeting.location,
        **changes,
    }
    return meeting_update(meeting=meeting, seen_version=record_version(meeting), **values)  # type: ignore[arg-type]


@pytest.fixture
def closed_world(world: ClusterWorld) -> ClusterWorld:
    agenda_item_create(
        meeting=world.meeting, title=CLOSED_TITLE, kind=AgendaItemKind.ORIENTATION, is_public=False
    )
    return world


def user(role: str, world: ClusterWorld) -> object:
    other = build_cluster("Anden")
    kwargs = {
        "admin": {"role": Role.ADMIN},
        "editor_participating": {"role": Role.EDITOR, "party": world.municipality},
        "editor_other_party": {"role": Role.EDITOR, "party": other.municipality},
        "member_in_body": {"role": Role.MEMBER, "person": world.mayor},
        "member_elsewhere": {"role": Role.MEMBER, "person": other.mayor},
    }[role]
    created, _ = account_create(email=f"{role.replace('_', '-')}@test.dk", password="x", **kwargs)  # type: ignore[arg-type]
    return get_user_model().objects.get(pk=created.pk)


SEES = {
    "admin": True,
    "editor_participating": True,
    "editor_other_party": False,
    "member_in_body": True,
    "member_elsewhere": False,
}
FEEDS = ("/api/v1/meetings.ics?since=2000-01-01", "/api/v1/bodies/{body}.ics?since=2000-01-01")


# ---- Dates, times and time zones ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_meeting_with_a_start_time_is_timed_in_copenhagen_and_lasts_two_hours(world: ClusterWorld) -> None:
    winter = change(world.meeting, start_time=datetime.time(14, 0), location="Rådhuset, lokale 1")
    summer = meeting_create(
        body=world.political, date=datetime.date(2024, 6, 20), start_time=datetime.time(9, 30)
    )
    calendar = parse(Client().get(f"/api/v1/bodies/{world.political.pk}.ics?since=2000-01-01"))
    event = event_of(calendar, winter)
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert start == datetime.datetime(2023, 11, 28, 14, 0, tzinfo=COPENHAGEN)
    assert str(start.tzinfo) == "Europe/Copenhagen"
    assert start.astimezone(datetime.UTC).hour == 13  # CET, UTC+1
    assert end - start == datetime.timedelta(hours=2)
    assert str(event["LOCATION"]) == "Rådhuset, lokale 1"
    assert "TRANSP" not in event
    event = event_of(calendar, summer)
    assert event["DTSTART"].dt.astimezone(datetime.UTC) == datetime.datetime(
        2024, 6, 20, 7, 30, tzinfo=datetime.UTC
    )
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    # The raw text says the same: a local time with its zone, and the zone is described.
    raw = Client().get(f"/api/v1/bodies/{world.political.pk}.ics?since=2000-01-01").content.decode()
    assert "DTSTART;TZID=Europe/Copenhagen:20240620T093000" in raw
    assert "BEGIN:VTIMEZONE" in raw and "TZID:Europe/Copenhagen" in raw


@pytest.mark.django_db
def test_a_meeting_known_by_its_day_only_is_all_day(world: ClusterWorld) -> None:
    event = event_of(parse(Client().get("/api/v1/meetings.ics?since=2000-01-01")), world.meeting)
    assert event["DTSTART"].dt == world.meeting.date
    assert not isinstance(event["DTSTART"].dt, datetime.datetime)
    assert event["DTEND"].dt == world.meeting.date + datetime.timedelta(days=1)
    assert str(event["TRANSP"]) == "TRANSPARENT"


@pytest.mark.django_db
def test_a_meeting_known_by_month_is_left_out_until_its_day_is_fixed(world: ClusterWorld) -> None:
    planned = meeting_create(
        body=world.political, date=datetime.date(2026, 3, 1), date_precision=DatePrecision.MONTH
    )
    calendar = parse(Client().get("/api/v1/meetings.ics?since=2000-01-01"))
    assert f"meeting-{planned.pk}@klynge" not in {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert "måned eller halvår" in str(calendar["X-WR-CALDESC"])
    fixed = change(planned, date=datetime.date(2026, 3, 17), date_precision=DatePrecision.DAY)
    event = event_of(parse(Client().get("/api/v1/meetings.ics?since=2000-01-01")), fixed)
    assert event["DTSTART"].dt == datetime.date(2026, 3, 17)


@pytest.mark.django_db
def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(world: ClusterWorld) -> None:
    planned = meeting_create(body=world.political, date=datetime.date(2026, 2, 3), title="Budgetmøde")
    event = event_of(parse(Client().get("/api/v1/meetings.ics?since=2000-01-01")), planned)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Politisk sundhedsklynge Test – Budgetmøde"
    change(planned, status=MeetingStatus.CANCELLED)
    event = event_of(parse(Client().get("/api/v1/meetings.ics?since=2000-01-01")), planned)
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Aflyst: Politisk sundhedsklynge Test – Budgetmøde"


@pytest.mark.django_db
def test_the_uid_stays_the_same_when_the_meeting_changes(world: ClusterWorld) -> None:
    before = event_of(parse(Client().get("/api/v1/meetings.ics?since=2000-01-01")), world.meeting)
    change(world.meeting, title="Nyt navn", start_time=datetime.time(10, 0))
    after = event_of(parse(Client().get("/api/v1/meetings.ics?since=2000-01-01")), world.meeting)
    assert str(after["UID"]) == str(before["UID"]) == f"meeting-{world.meeting.pk}@klynge"
    assert after["LAST-MODIFIED"].dt >= before["LAST-MODIFIED"].dt


# ---- Closed items -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_anonymous_feeds_never_hold_a_closed_item(closed_world: ClusterWorld, url: str) -> None:
    response = Client().get(url.format(body=closed_world.political.pk))
    description = str(event_of(parse(response), closed_world.meeting)["DESCRIPTION"])
    assert f"Forebyggelse i {closed_world.cluster.short_name}" in description
    assert CLOSED_TITLE not in response.content.decode()
    assert "lukket punkt" not in response.content.decode()
    assert "Cache-Control" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(SEES))
@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize("how", ["bearer", "query", "session"])
def test_closed_items_only_for_those_who_may_see_them(
    closed_world: ClusterWorld, role: str, url: str, how: str
) -> None:
    caller = user(role, closed_world)
    client = Client()
    path = url.format(body=closed_world.political.pk)
    headers = {}
    if how == "session":
        client.force_login(caller)  # type: ignore[arg-type]
    else:
        secret = token_create(user=caller)[1]  # type: ignore[arg-type]
        if how == "bearer":
            headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        else:
            path += f"&token={secret}"
    response = client.get(path, **headers)  # type: ignore[arg-type]
    text = str(event_of(parse(response), closed_world.meeting)["DESCRIPTION"])
    assert (f"2. {CLOSED_TITLE} (Orientering, lukket punkt)" in text) is SEES[role]
    assert (CLOSED_TITLE in response.content.decode()) is SEES[role]
    assert response["Cache-Control"] == "private"


@pytest.mark.django_db
def test_a_closed_items_change_does_not_show_in_last_modified_for_the_public(
    closed_world: ClusterWorld,
) -> None:
    public = event_of(parse(Client().get("/api/v1/meetings.ics?since=2000-01-01")), closed_world.meeting)
    agenda_item_create(
        meeting=closed_world.meeting,
        title="Endnu et lukket",
        kind=AgendaItemKind.ORIENTATION,
        is_public=False,
    )
    again = event_of(parse(Client().get("/api/v1/meetings.ics?since=2000-01-01")), closed_world.meeting)
    assert again["LAST-MODIFIED"].dt == public["LAST-MODIFIED"].dt


# ---- Odd input ----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/bodies/999999.ics", 404),
        ("/api/v1/bodies/0.ics", 422),
        ("/api/v1/bodies/99999999999999999999999.ics", 422),
        # Not a body feed's path; another route (GET /bodies/{body_id}) may take it and refuse the id.
        ("/api/v1/bodies/abc.ics", (404, 422)),
        ("/api/v1/bodies/-1.ics", (404, 422)),
        ("/api/v1/bodies/1.ics.ics", (404, 422)),
        ("/api/v1/meetings.ics?token=", 401),  # an empty token is a wrong token, not the public feed
        ("/api/v1/meetings.ics?token=klynge_wrong", 401),
        ("/api/v1/meetings.ics?token=" + "x" * 5000, 401),
        ("/api/v1/meetings.ics?token=%00%ff", 401),
    ],
)
def test_odd_input_is_refused_in_the_apis_error_form_never_a_5xx(
    world: ClusterWorld, path: str, status: int | tuple[int, ...]
) -> None:
    response = Client().get(path)
    assert response.status_code in (status if isinstance(status, tuple) else (status,))
    if status != 200:
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"]


@pytest.mark.django_db
def test_a_wrong_bearer_token_is_401_not_the_public_feed(world: ClusterWorld) -> None:
    response = Client().get("/api/v1/meetings.ics", HTTP_AUTHORIZATION="Bearer klynge_nope")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


@pytest.mark.django_db
def test_the_feeds_are_documented_as_calendars() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/meetings.ics", "/api/v1/bodies/{body_id}.ics"):
        responses = paths[path]["get"]["responses"]
        assert list(responses["200"]["content"]) == ["text/calendar"]
        assert "401" in responses


# ---- Bounded queries ----------------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_feeds_make_the_same_few_queries_however_many_meetings(world: ClusterWorld) -> None:
    secret = token_create(user=user("admin", world))[1]  # type: ignore[arg-type]
    urls = [
        "/api/v1/meetings.ics?since=2000-01-01",
        f"/api/v1/bodies/{world.political.pk}.ics?since=2000-01-01",
        f"/api/v1/meetings.ics?since=2000-01-01&token={secret}",
    ]
    before = {url: _queries(Client(), url) for url in urls}
    grow_other_clusters()
    enrich_world(world)
    after = {url: _queries(Client(), url) for url in urls}
    assert after == before
    assert before["/api/v1/meetings.ics?since=2000-01-01"] <= 2
    assert before[f"/api/v1/bodies/{world.political.pk}.ics?since=2000-01-01"] <= 3


# ---- The feed as written: the same bytes icalendar writes ---------------------------------------------

AWKWARD = "<script>alert(\"x\")</script> & 'citat'; a,b\\c ^ æøå – " + "Sundhedsklyngens ønsker " * 6


def icalendar_reference(feed: bytes, meetings: list[Meeting], url: str) -> bytes:
    """What icalendar itself writes for these meetings (`Event` by `meeting_event`, `Calendar.to_ical`),
    with the feed's own calendar properties, time zone and time stamp."""
    from klynge.feeds.calendar import meeting_event

    parsed = Calendar.from_ical(feed)
    calendar = Calendar()
    for name in ("PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-CALDESC", "X-WR-TIMEZONE"):
        calendar.add(name, str(parsed[name]))
    (zone,) = parsed.walk("VTIMEZONE")
    calendar.add_component(zone)
    stamp = parsed.walk("VEVENT")[0]["DTSTAMP"].dt
    for meeting in meetings:
        calendar.add_component(
            meeting_event(meeting, url=f"http://testserver{url.format(pk=meeting.pk)}", stamp=stamp)
        )
    return calendar.to_ical()


@pytest.mark.django_db
def test_the_feed_is_byte_for_byte_what_icalendar_writes(closed_world: ClusterWorld) -> None:
    """The events are written directly (for speed): text escaped, long lines folded at 75 octets between
    whole UTF-8 characters and never after an escaping backslash, timed and all-day, cancelled, with
    and without place and changes, exactly as icalendar writes them; HTML is not HTML here, so <, & and
    quotes pass as they are."""
    world = closed_world
    agenda_item_create(meeting=world.meeting, title=AWKWARD, kind=AgendaItemKind.DECISION)
    change(world.meeting, title=AWKWARD, location="Rådhuset;\nlokale 1,\r\nbagindgangen \\ syd")
    meeting_create(
        body=world.political,
        date=datetime.date(2024, 3, 31),  # the night summer time begins
        start_time=datetime.time(1, 30),
        status=MeetingStatus.CANCELLED,
        title="x" * 73 + "\\",  # an escaping backslash falls at the fold
    )
    meeting_create(body=world.political, date=datetime.date(2024, 10, 27), start_time=datetime.time(23, 0))
    from klynge.feeds.selectors import meetings_for_feed
    from klynge.meetings.access import visible_agenda_items

    for viewer in (None, user("editor_participating", world)):
        client = Client()
        if viewer is not None:
            client.force_login(viewer)
        response = client.get("/api/v1/meetings.ics?since=2000-01-01")
        assert response.status_code == 200
        meetings = list(
            meetings_for_feed(visible=visible_agenda_items(viewer), start=datetime.date(2000, 1, 1))
        )
        assert len(meetings) >= 3
        assert response.content == icalendar_reference(response.content, meetings, "/moeder/{pk}/")
        text = response.content.decode()
        assert "<script>alert(\"x\")</script> & 'citat'\\; a\\,b\\\\c ^ æøå" in text.replace("\r\n ", "")
        assert (CLOSED_TITLE in text.replace("\r\n ", "")) is (viewer is not None)
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
