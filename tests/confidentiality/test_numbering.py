"""A closed agenda item cannot be inferred from the numbers (issue 12, item 8).

A meeting's agenda is public, closed, public. Whoever may not see the closed item sees the two others
numbered 1 and 2 in every channel (meeting page, attendance, portal, API list and detail, iCal, search,
exports, the work pages), counts of 2, and links to an item by its id, never by its place; whoever may see
it sees 1, 2, 3.
"""

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from klynge.meetings.models import AgendaItem, AgendaItemKind, DecisionKind, Meeting, MeetingStatus
from klynge.meetings.services import agenda_item_create, decision_create, meeting_create
from klynge.work.models import Initiative
from klynge.work.services import allocation_create, initiative_approve, initiative_create
from tests.clients import content_of, editor_of, member_as
from tests.databases import built_once_per_module
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import forget_cached_pages

CLOSED = "Lukket punkt om budgetforhandlingen"
CLOSED_DECISION = "Lukket beslutning om budgetrammen"
THIRD = "Åbent punkt om genoptræning"
THIRD_DECISION = "Genoptræningen styrkes i hele klyngen."
OUTSIDERS = ["anonymous", "member elsewhere", "other party's editor"]
VIEWERS = [*OUTSIDERS, "participating editor"]


@dataclass
class Agenda:
    world: ClusterWorld
    other: ClusterWorld
    closed: AgendaItem
    third: AgendaItem
    initiative: Initiative  # approved on the third item

    @property
    def meeting(self) -> Meeting:
        return self.world.meeting

    def items_seen_by(self, viewer: str) -> list[tuple[int, int, str]]:
        """(id, number, title) of each item the viewer sees, in order."""
        items = [self.world.agenda_item, self.third]
        if viewer == "participating editor":
            items.insert(1, self.closed)
        return [(item.pk, n, item.title) for n, item in enumerate(items, start=1)]

    def client(self, viewer: str) -> Client:
        return {
            "anonymous": Client,
            "member elsewhere": lambda: member_as(self.other.mayor),
            "other party's editor": lambda: editor_of(self.other.municipality),
            "participating editor": lambda: editor_of(self.world.municipality),
        }[viewer]()


def agenda_public_closed_public(world: ClusterWorld) -> Agenda:
    """The world's meeting with its public item, a closed one and another public one, each with a
    decision (the third approves an initiative and allocates from the fund), and another cluster."""
    closed = agenda_item_create(
        meeting=world.meeting,
        title=CLOSED,
        kind=AgendaItemKind.DECISION,
        is_public=False,
        topics=[world.prevention_topic],
    )
    closed_decision = decision_create(
        agenda_item=closed, kind=DecisionKind.COORDINATION, text=CLOSED_DECISION
    )
    allocation_create(
        fund=world.fund, decision=closed_decision, amount=Decimal("1000"), focus_area=world.focus_area
    )
    third = agenda_item_create(
        meeting=world.meeting,
        title=THIRD,
        kind=AgendaItemKind.ORIENTATION,
        topics=[world.prevention_topic],
    )
    decision = decision_create(agenda_item=third, kind=DecisionKind.COORDINATION, text=THIRD_DECISION)
    initiative = initiative_create(name="Genoptræning i hjemmet", collaboration=world.cluster)
    initiative = initiative_approve(initiative=initiative, decision=decision)
    return Agenda(world, build_cluster("Anden"), closed, third, initiative)


# The agenda, built once for the module on its world; each test gets a fresh copy of the objects.
module_agenda, agenda = built_once_per_module("agenda", agenda_public_closed_public)


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_no_trace(agenda: Agenda, viewer: str, text: str, where: str) -> None:
    """Nothing of the closed item for an outsider, and no link to an item by its place."""
    assert "#punkt-" not in text and 'id="punkt-' not in text, where
    if viewer in OUTSIDERS:
        assert CLOSED not in text and CLOSED_DECISION not in text, where
        assert f"dagsordenspunkt-{agenda.closed.pk}" not in text, where


def meeting_row_count(html: str, meeting: Meeting) -> int:
    """The 'Punkter' count in a meeting table's row of the meeting."""
    row = re.search(rf'href="/moeder/{meeting.pk}/">.*?<td>(\d+)</td>\s*</tr>', html, re.DOTALL)
    assert row is not None
    return int(row.group(1))


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_meeting_page_numbers_the_items_the_viewer_sees(agenda: Agenda, viewer: str) -> None:
    html = html_of(agenda.client(viewer), f"/moeder/{agenda.meeting.pk}/")
    headings = re.findall(r'<h3 id="dagsordenspunkt-(\d+)-titel">(\d+)\. (.*?)</h3>', html)
    assert [(int(pk), int(n), title) for pk, n, title in headings] == agenda.items_seen_by(viewer)
    for pk, _, _ in agenda.items_seen_by(viewer):
        assert f'<section class="agenda-item" id="dagsordenspunkt-{pk}"' in html
    # The attendance summary: the deputy is more relevant to every item on prevention.
    number = agenda.items_seen_by(viewer)[-1][1]
    assert f"Punkt {number}. {THIRD}: Stedfortræder Test i stedet for Borgmester Test" in html
    assert_no_trace(agenda, viewer, html, "meeting page")


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_attendance_page_numbers_the_items_the_viewer_sees(agenda: Agenda, viewer: str) -> None:
    html = html_of(agenda.client(viewer), f"/moeder/{agenda.meeting.pk}/deltagere/")
    headings = re.findall(r'<h3 id="deltagere-dagsordenspunkt-(\d+)">(\d+)\. (.*?)(?: <span|</h3>)', html)
    assert [(int(pk), int(n), title) for pk, n, title in headings] == agenda.items_seen_by(viewer)
    assert_no_trace(agenda, viewer, html, "attendance page")


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_api_numbers_the_items_the_viewer_sees(agenda: Agenda, viewer: str) -> None:
    client, meeting = agenda.client(viewer), agenda.meeting
    expected = agenda.items_seen_by(viewer)
    detail = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    listed = client.get(f"/api/v1/agenda-items?meeting={meeting.pk}").json()["items"]
    for items in (detail["agenda_items"], listed):
        assert [(i["id"], i["position"], i["title"]) for i in items] == expected
        assert [i["url"] for i in items] == [
            f"/moeder/{meeting.pk}/#dagsordenspunkt-{pk}" for pk, _, _ in expected
        ]
    third_number = expected[-1][1]
    # Another filter keeps the number: it is the place among the items the viewer may see, not in the answer.
    [orientation] = client.get(f"/api/v1/agenda-items?meeting={meeting.pk}&kind=orientation").json()["items"]
    assert orientation["position"] == third_number
    item = client.get(f"/api/v1/agenda-items/{agenda.third.pk}").json()
    assert item["position"] == third_number
    assert [d["url"] for d in item["decisions"]] == [
        f"/moeder/{meeting.pk}/#dagsordenspunkt-{agenda.third.pk}"
    ]
    decisions = client.get(f"/api/v1/decisions?meeting={meeting.pk}").json()["items"]
    assert {d["url"] for d in decisions} == {
        f"/moeder/{meeting.pk}/#dagsordenspunkt-{pk}" for pk, _, _ in expected
    }
    assert detail["agenda_item_count"] == len(expected)
    body = client.get(f"/api/v1/meetings?body={agenda.world.political.pk}").json()["items"]
    assert [m["agenda_item_count"] for m in body if m["id"] == meeting.pk] == [len(expected)]
    attendance = client.get(f"/api/v1/meetings/{meeting.pk}/attendance").json()
    assert [(i["agenda_item_id"], i["position"], i["title"]) for i in attendance["agenda_items"]] == expected
    for url in (f"/api/v1/meetings/{meeting.pk}", f"/api/v1/decisions?meeting={meeting.pk}"):
        assert_no_trace(agenda, viewer, client.get(url).content.decode(), url)


def description_lines(calendar: bytes, meeting: Meeting) -> list[str]:
    [event] = [
        e for e in Calendar.from_ical(calendar).walk("VEVENT") if e["UID"] == f"meeting-{meeting.pk}@klynge"
    ]
    return [line for line in str(event["DESCRIPTION"]).splitlines() if re.match(r"\d+\. ", line)]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_calendar_numbers_the_items_the_viewer_sees(agenda: Agenda, viewer: str) -> None:
    client = agenda.client(viewer)
    kinds = {agenda.world.agenda_item.pk: "Beslutning", agenda.closed.pk: "Beslutning, lukket punkt"}
    expected = [
        f"{n}. {title} ({kinds.get(pk, 'Orientering')})" for pk, n, title in agenda.items_seen_by(viewer)
    ]
    for url in (
        "/api/v1/meetings.ics?since=2000-01-01",
        f"/api/v1/bodies/{agenda.world.political.pk}.ics?since=2000-01-01",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert description_lines(response.content, agenda.meeting) == expected, url
        assert_no_trace(agenda, viewer, response.content.decode(), url)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_search_links_to_the_item_by_its_id(agenda: Agenda, viewer: str) -> None:
    client, meeting = agenda.client(viewer), agenda.meeting
    link = f"/moeder/{meeting.pk}/#dagsordenspunkt-{agenda.third.pk}"
    html = html_of(client, "/soeg/?q=genoptræning")
    assert f'href="{link}"' in html
    hits = client.get("/api/v1/search?q=genoptræning").json()["items"]
    assert link in {hit["url"] for hit in hits if hit["kind"] in ("agenda_item", "decision")}
    found = (
        html_of(client, "/soeg/?q=budgetforhandlingen")
        + client.get("/api/v1/search?q=budgetrammen").content.decode()
    )
    assert (CLOSED in found) is (viewer == "participating editor")
    assert_no_trace(agenda, viewer, html + found, "search")


def test_the_public_dump_numbers_the_public_items(agenda: Agenda) -> None:
    for viewer in VIEWERS:
        dump = json.loads(content_of(agenda.client(viewer).get("/api/v1/exports/public.json")))
        items = [
            (i["id"], i["position"], i["title"])
            for i in dump["agenda_items"]
            if i["meeting_id"] == agenda.meeting.pk
        ]
        assert items == agenda.items_seen_by("anonymous"), viewer
        assert CLOSED not in json.dumps(dump, ensure_ascii=False), viewer


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_tables_hold_nothing_of_the_closed_item(agenda: Agenda, viewer: str) -> None:
    client = agenda.client(viewer)
    allocations = client.get("/api/v1/exports/allocations.csv").content.decode("utf-8-sig")
    assert (CLOSED_DECISION in allocations) is (viewer == "participating editor")
    initiatives = client.get("/api/v1/exports/initiatives.csv").content.decode("utf-8-sig")
    assert_no_trace(agenda, viewer, allocations + initiatives, "tables")


@pytest.mark.parametrize("viewer", VIEWERS)
def test_pages_that_link_to_an_item_link_by_its_id_and_count_what_the_viewer_sees(
    agenda: Agenda, viewer: str
) -> None:
    client, world, meeting = agenda.client(viewer), agenda.world, agenda.meeting
    link = f'href="/moeder/{meeting.pk}/#dagsordenspunkt-{agenda.third.pk}"'
    initiative = html_of(client, f"/indsatser/{agenda.initiative.slug}/")
    assert (
        f"{link}>" in initiative and f", punkt {agenda.items_seen_by(viewer)[-1][1]}: {THIRD}" in initiative
    )
    front = html_of(client, "/")
    assert link in front  # the latest decisions
    count = len(agenda.items_seen_by(viewer))
    for url in ("/", "/moeder/", f"/organer/{world.political.slug}/", f"/samarbejder/{world.cluster.slug}/"):
        html = front if url == "/" else html_of(client, url)
        assert meeting_row_count(html, meeting) == count, url
        assert_no_trace(agenda, viewer, html, url)
    portal = html_of(client, f"/foelg/{world.cluster.slug}/")
    assert link in portal  # the public decisions
    assert_no_trace(agenda, viewer, portal + initiative, "portal and initiative")


def test_the_portal_counts_the_public_items_of_a_coming_meeting(
    agenda: Agenda, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = agenda.world
    coming = meeting_create(
        body=world.political, date=datetime.date(2024, 12, 3), status=MeetingStatus.PLANNED
    )
    for title, is_public in (("Første", True), ("Lukket", False), ("Tredje", True)):
        agenda_item_create(meeting=coming, title=title, kind=AgendaItemKind.ORIENTATION, is_public=is_public)
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2024, 9, 15))
    for viewer in VIEWERS:
        html = html_of(agenda.client(viewer), f"/foelg/{world.cluster.slug}/")
        row = re.search(
            rf'href="/moeder/{coming.pk}/">.*?<td class="align-text-right">(\d+)</td>', html, re.DOTALL
        )
        assert row is not None and row.group(1) == "2", viewer


def test_editing_names_the_item_by_the_number_the_editor_sees(agenda: Agenda) -> None:
    editor = agenda.client("participating editor")
    assert "Redigér punkt 3" in html_of(editor, f"/punkter/{agenda.third.pk}/rediger/")
    assert f"Punkt 3. {THIRD}" in html_of(editor, f"/punkter/{agenda.third.pk}/beslutninger/ny/")
    response = editor.post(f"/punkter/{agenda.third.pk}/flyt/", {"retning": "op"})
    assert response["Location"] == f"/moeder/{agenda.meeting.pk}/#dagsordenspunkt-{agenda.third.pk}"


def test_numbering_takes_the_same_queries_however_many_items(agenda: Agenda) -> None:
    """The numbers are part of the query that fetches the items: no query per item."""
    client, meeting = agenda.client("member elsewhere"), agenda.meeting
    urls = [
        f"/moeder/{meeting.pk}/",
        f"/api/v1/meetings/{meeting.pk}",
        f"/api/v1/agenda-items?meeting={meeting.pk}",
    ]

    def counts() -> list[int]:
        result = []
        for url in urls:
            client.get(url)
            forget_cached_pages()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries.captured_queries))
        return result

    before = counts()
    for n in range(6):
        agenda_item_create(
            meeting=meeting, title=f"Punkt {n}", kind=AgendaItemKind.STATUS, is_public=n % 2 == 0
        )
    assert counts() == before
    detail = client.get(f"/api/v1/meetings/{meeting.pk}").json()["agenda_items"]
    assert [i["position"] for i in detail] == [1, 2, 3, 4, 5]
