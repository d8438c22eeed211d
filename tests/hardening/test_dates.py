"""Dates such as 0001-01-01 and 9999-12-31, in the pages' forms, the API and the command line: refused
with a clear message (dates lie in 1900–2200), nothing saved, and no OverflowError in date arithmetic
(a status memo's eight weeks back) or time zones. A meeting stored with such a date before cannot break
the calendar feed."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from klynge.meetings.models import Meeting, MeetingStatus
from klynge.memos.models import Memo
from klynge.organisation.models import Committee
from klynge.work.models import Initiative
from tests.factories import ClusterWorld
from tests.hardening.conftest import API, field_section, refusal, send

DANISH = "Skriv en dato mellem år 1900 og 2200."
ENGLISH = "must lie between 1900-01-01 and 2200-12-31"
FAR = ["0001-01-01", "9999-12-31", "31.12.9999"]


def committee(world: ClusterWorld) -> Committee:
    return Committee.objects.get(party=world.municipality)


@dataclass(frozen=True)
class PageCase:
    url: str
    data: dict[str, Any]
    field: str
    model: type[Any]


def page_cases(world: ClusterWorld) -> dict[str, PageCase]:
    return {
        "status memo, meeting date": PageCase(
            "/notater/nyt/",
            {"committee": committee(world).pk, "kind": "status", "meeting_date": "2024-01-10"},
            "meeting_date",
            Memo,
        ),
        "status memo, period end": PageCase(
            "/notater/nyt/",
            {"committee": committee(world).pk, "kind": "status", "meeting_date": "2024-01-10"},
            "period_end",
            Memo,
        ),
        "meeting": PageCase(
            "/moeder/ny/",
            {"body": world.political.pk, "date_precision": "day", "status": "planned"},
            "date",
            Meeting,
        ),
        "initiative": PageCase(
            "/indsatser/ny/",
            {"name": "Ny indsats", "collaboration": world.cluster.pk, "description": "Min beskrivelse"},
            "start",
            Initiative,
        ),
    }


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize(
    "case", ["status memo, meeting date", "status memo, period end", "meeting", "initiative"]
)
def test_a_page_refuses_them_next_to_the_field(
    world: ClusterWorld, admin: Client, case: str, day: str
) -> None:
    chosen = page_cases(world)[case]
    before = chosen.model.objects.count()
    response = admin.post(chosen.url, {**chosen.data, chosen.field: day})
    assert response.status_code == 422
    section = field_section(response.content.decode(), chosen.field)
    assert DANISH in section and f'value="{day}"' in section  # what was written is kept
    assert chosen.model.objects.count() == before


def status_memo(world: ClusterWorld) -> dict[str, Any]:
    return {"committee": committee(world).pk, "kind": "status", "meeting_date": "2024-01-10"}


API_CASES: dict[str, tuple[str, Callable[[ClusterWorld], dict[str, Any]], str]] = {
    "status memo, meeting date": ("/memos", status_memo, "meeting_date"),
    "status memo, memo date": ("/memos", status_memo, "memo_date"),
    "status memo, period end": ("/memos", status_memo, "period_end"),
    "initiative": ("/initiatives", lambda w: {"name": "Ny indsats", "collaboration": w.cluster.pk}, "start"),
    "meeting": ("/meetings", lambda w: {"body": w.political.pk}, "date"),
}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("case", API_CASES)
def test_the_api_refuses_them(world: ClusterWorld, api: Client, case: str, day: str) -> None:
    path, body, field = API_CASES[case]
    counts = (Memo.objects.count(), Initiative.objects.count(), Meeting.objects.count())
    answer = refusal(send(api, "post", path, {**body(world), field: day}))
    assert answer["code"] == "invalid" and ENGLISH in answer["errors"][field][0]
    assert (Memo.objects.count(), Initiative.objects.count(), Meeting.objects.count()) == counts


def test_the_api_refuses_them_in_a_filter(world: ClusterWorld, api: Client) -> None:
    answer = refusal(api.get(f"{API}/meetings", {"date_from": "0001-01-01"}))
    assert ENGLISH in answer["errors"]["date_from"][0]


def test_the_first_and_last_day_are_taken(world: ClusterWorld, api: Client) -> None:
    """The limits are 1900-01-01 and 2200-12-31 themselves; a status memo then covers eight weeks back
    from an early date without leaving the calendar."""
    body = {"committee": committee(world).pk, "kind": "status", "meeting_date": "1900-01-01"}
    assert send(api, "post", "/memos", {**body, "memo_date": "1900-01-01"}).status_code == 201
    initiative = {"name": "Lang indsats", "collaboration": world.cluster.pk}
    assert send(api, "post", "/initiatives", {**initiative, "end": "2200-12-31"}).status_code == 201


def test_the_command_line_refuses_them(world: ClusterWorld) -> None:
    with pytest.raises(CommandError, match=ENGLISH):
        call_command("memo", "status", "--committee", committee(world).code, "--meeting-date", "0001-01-01")


def test_a_stored_meeting_far_away_does_not_break_the_calendar(world: ClusterWorld, api: Client) -> None:
    far = Meeting.objects.create(
        body=world.political,
        date=datetime.date(9999, 12, 31),
        start_time=datetime.time(23, 30),
        status=MeetingStatus.PLANNED,
    )
    for path in ("/meetings.ics?since=2000-01-01", f"/bodies/{world.political.pk}.ics?since=2000-01-01"):
        response = api.get(f"{API}{path}")
        assert response.status_code == 200
        feed = response.content.decode()
        assert f"meeting-{world.meeting.pk}@klynge" in feed and f"meeting-{far.pk}@klynge" not in feed
