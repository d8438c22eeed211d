"""The feeds hold the last year and everything planned, not every meeting ever; `?since=` reaches further."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klynge.feeds.selectors import DAYS_BACK
from klynge.meetings.models import Meeting, MeetingStatus
from tests.factories import ClusterWorld


def uids(response: object) -> set[str]:
    assert response.status_code == 200, response.content  # type: ignore[attr-defined]
    text = response.content.decode().replace("\r\n ", "")  # type: ignore[attr-defined]
    return {line.removeprefix("UID:") for line in text.splitlines() if line.startswith("UID:")}


def uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@klynge"


@pytest.fixture
def dated(world: ClusterWorld) -> dict[str, Meeting]:
    today = timezone.localdate()
    held = MeetingStatus.HELD

    def on(days: int, status: str = held) -> Meeting:
        # Stored directly: the test body ends with 2026, and a feed shows whatever is stored.
        return Meeting.objects.create(
            body=world.political, date=today + datetime.timedelta(days=days), status=status
        )

    return {
        "long ago": on(-DAYS_BACK - 30),
        "last month": on(-30),
        "a year ago today": on(-DAYS_BACK),
        "planned": on(60, MeetingStatus.PLANNED),
        "far ahead": on(3 * 365, MeetingStatus.PLANNED),
    }


@pytest.mark.parametrize("feed", ["/api/v1/meetings.ics", "/api/v1/bodies/{body}.ics"])
def test_a_feed_holds_the_last_year_and_all_that_is_planned(
    world: ClusterWorld, dated: dict[str, Meeting], feed: str
) -> None:
    url = feed.format(body=world.political.pk)
    shown = uids(Client().get(url))
    assert uid(dated["long ago"]) not in shown and uid(world.meeting) not in shown  # 2023
    for name in ("last month", "a year ago today", "planned", "far ahead"):
        assert uid(dated[name]) in shown, name


def test_since_reaches_further_back_or_less_far(world: ClusterWorld, dated: dict[str, Meeting]) -> None:
    everything = uids(Client().get("/api/v1/meetings.ics", {"since": "2000-01-01"}))
    assert {uid(m) for m in dated.values()} | {uid(world.meeting)} <= everything
    since = (timezone.localdate() - datetime.timedelta(days=40)).isoformat()
    recent = uids(Client().get("/api/v1/meetings.ics", {"since": since}))
    assert uid(dated["last month"]) in recent and uid(dated["a year ago today"]) not in recent


@pytest.mark.parametrize("since", ["yesterday", "2024-13-01", "0001-01-01", "", "2024-1-1"])
def test_a_since_that_is_not_a_date_is_refused(world: ClusterWorld, since: str) -> None:
    response = Client().get("/api/v1/meetings.ics", {"since": since})
    assert response.status_code == 422, (since, response.status_code)


def test_the_feed_is_documented_with_its_window(world: ClusterWorld) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/meetings.ics", "/api/v1/bodies/{body_id}.ics"):
        parameters = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert "365 days" in parameters["since"]["description"]


def test_the_feed_costs_the_same_with_ten_years_of_meetings_behind_it(
    world: ClusterWorld, dated: dict[str, Meeting]
) -> None:
    def count(url: str) -> tuple[int, int]:
        Client().get(url)
        with CaptureQueriesContext(connection) as context:
            response = Client().get(url)
        return len(context.captured_queries), len(response.content)

    urls = ["/api/v1/meetings.ics", f"/api/v1/bodies/{world.political.pk}.ics"]
    before = {url: count(url) for url in urls}
    start = timezone.localdate() - datetime.timedelta(days=11 * 365)
    Meeting.objects.bulk_create(
        Meeting(body=world.political, date=start + datetime.timedelta(days=7 * n), status=MeetingStatus.HELD)
        for n in range(500)  # ten years of weekly meetings, all before the window
        if start + datetime.timedelta(days=7 * n) < timezone.localdate() - datetime.timedelta(days=DAYS_BACK)
    )
    after = {url: count(url) for url in urls}
    assert after == before  # the same queries, and the same bytes: nothing older came along
    assert max(queries for queries, _ in before.values()) <= 3
