"""The calendar feeds with the demo: the meetings of the two memos, on their days, in Danish."""

import datetime

import pytest
from django.test import Client
from icalendar import Calendar, Event

from klynge.bodies.models import Body
from klynge.meetings.models import DatePrecision, Meeting
from tests.clients import administrator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]


def feed(url: str) -> Calendar:
    response = Client().get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_all_meetings_feed_holds_every_demo_meeting_with_a_known_day() -> None:
    response = Client().get("/api/v1/meetings.ics?since=2000-01-01")
    assert response["Content-Disposition"] == 'inline; filename="moeder.ics"'
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["PRODID"]).startswith("-//Klynge")
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Klynge – alle møder"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Copenhagen"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]

    found = events(calendar)
    exact = Meeting.objects.filter(date_precision=DatePrecision.DAY)
    assert set(found) == {f"meeting-{m.pk}@klynge" for m in exact}
    # Byen 4, Syd 2, SSU 2, Sundhedsråd Nordsjælland 1, and the coming example meeting of Sundhedsråd
    # Hovedstaden (demo/proposals.py): a meeting shows before its agenda is published.
    assert len(found) == 10
    # The extra meeting in 2nd half of 2024 has no day yet: not in the feed.
    extra = Meeting.objects.get(date_precision=DatePrecision.HALF_YEAR)
    assert f"meeting-{extra.pk}@klynge" not in found
    for event in found.values():
        assert event["DTSTAMP"].dt.tzinfo is not None
        assert str(event["STATUS"]) == "CONFIRMED"


def test_byen_28_november_2023_is_an_all_day_event_with_its_agenda_and_link() -> None:
    meeting = Meeting.objects.get(body__name="Politisk sundhedsklynge Byen", date=datetime.date(2023, 11, 28))
    event = events(feed("/api/v1/meetings.ics?since=2000-01-01"))[f"meeting-{meeting.pk}@klynge"]
    assert event["DTSTART"].dt == datetime.date(2023, 11, 28)
    assert event["DTEND"].dt == datetime.date(2023, 11, 29)
    assert str(event["SUMMARY"]) == "Politisk sundhedsklynge Byen – møde"
    assert str(event["URL"]) == f"http://testserver/moeder/{meeting.pk}/"
    description = str(event["DESCRIPTION"])
    assert "1. Socialt udsatte borgeres somatiske sygdom (Beslutning)" in description
    assert "2. Træning før eller i stedet for operation (Beslutning)" in description
    assert "3. Ønsker til fokus i 2024 (Drøftelse)" in description
    assert "klokkeslæt er ikke registreret" in description
    assert "LAST-MODIFIED" in event


def test_a_tentative_item_is_marked_as_expected() -> None:
    meeting = Meeting.objects.get(body__name="Politisk sundhedsklynge Byen", date=datetime.date(2023, 5, 2))
    event = events(feed("/api/v1/meetings.ics?since=2000-01-01"))[f"meeting-{meeting.pk}@klynge"]
    assert "Temadrøftelse om børn og unge i mistrivsel (Temadrøftelse, forventet)" in str(
        event["DESCRIPTION"]
    )


def test_body_feed_holds_only_that_bodys_meetings_and_is_named_after_it() -> None:
    body = Body.objects.get(name="Politisk sundhedsklynge Byen")
    response = Client().get(f"/api/v1/bodies/{body.pk}.ics?since=2000-01-01")
    assert response["Content-Disposition"] == f'inline; filename="{body.slug}.ics"'
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Politisk sundhedsklynge Byen – møder"
    days = sorted(event["DTSTART"].dt for event in calendar.walk("VEVENT"))
    assert days == [
        datetime.date(2022, 9, 28),
        datetime.date(2023, 1, 10),
        datetime.date(2023, 5, 2),
        datetime.date(2023, 11, 28),
    ]
    assert all("Politisk sundhedsklynge Byen" in str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert "Sættemøde" in {str(e["SUMMARY"]).split(" – ")[-1] for e in calendar.walk("VEVENT")}


def test_the_body_page_links_to_its_feed_and_the_meetings_page_to_all() -> None:
    body = Body.objects.get(name="Politisk sundhedsklynge Byen")
    html = Client().get(f"/organer/{body.slug}/").content.decode()
    assert f'href="/api/v1/bodies/{body.pk}.ics"' in html
    assert "Abonnér på møderne (iCal)" in html
    assert "klynge token create" not in html  # only logged-in users are told about personal tokens
    html = Client().get("/moeder/").content.decode()
    assert 'href="/api/v1/meetings.ics"' in html


def test_logged_in_users_are_told_the_public_link_holds_public_items_only() -> None:
    body = Body.objects.get(name="Politisk sundhedsklynge Byen")
    html = administrator().get(f"/organer/{body.slug}/").content.decode()
    assert "Linket viser kun de åbne punkter" in html
    assert "<code>klynge token create</code>" in html
