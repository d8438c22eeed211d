"""An absence (afbud), or a substitute coming instead, tied to a closed agenda item shows nothing of that item
to those who may not see it: not its title, not its number, not that there is one (issue 12, item 8).

The agenda is public, closed, public (see test_numbering). The mayor sends word, and the deputy comes
instead, for the closed item only — or for the closed and the third item.
"""

import re

import pytest
from django.test import Client

from klynge.attendance.models import Absence
from klynge.attendance.services import absence_record, absence_update
from klynge.kernel.records import record_version
from tests.confidentiality.test_numbering import (
    CLOSED,
    OUTSIDERS,
    THIRD,
    VIEWERS,
    Agenda,
    agenda_public_closed_public,
)
from tests.databases import built_once_per_module

DEPUTY = "Stedfortræder Test"


# The agenda, built once for the module on its world; each test gets a fresh copy of the objects.
module_agenda, agenda = built_once_per_module("agenda", agenda_public_closed_public)


def absence_for(agenda: Agenda, *items: object) -> Absence:
    world = agenda.world
    deputy = world.mayor_membership.substitutions.get().substitute
    return absence_record(
        meeting=world.meeting,
        membership=world.mayor_membership,
        substitute=deputy,
        agenda_items=items,  # type: ignore[arg-type]
        note="Inhabil",
    )


def pages(client: Client, agenda: Agenda) -> tuple[str, str]:
    """The attendance page and the meeting page (with its attendance summary and history)."""
    meeting = agenda.meeting
    attendance = client.get(f"/moeder/{meeting.pk}/deltagere/")
    page = client.get(f"/moeder/{meeting.pk}/")
    assert attendance.status_code == page.status_code == 200
    return attendance.content.decode(), page.content.decode()


def comes_instead(attendance: dict) -> set[int]:  # type: ignore[type-arg]
    """The items (ids) for which the API says a substitute comes instead."""
    return {
        item["agenda_item_id"]
        for item in attendance["agenda_items"]
        for relevant in item["relevant_substitutes"]
        if relevant["comes_instead"]
    }


@pytest.mark.parametrize("viewer", VIEWERS)
def test_an_absence_for_a_closed_item_only_is_not_there_for_those_who_may_not_see_it(
    agenda: Agenda, viewer: str
) -> None:
    absence = absence_for(agenda, agenda.closed)
    client = agenda.client(viewer)
    attendance, page = pages(client, agenda)
    api = client.get(f"/api/v1/meetings/{agenda.meeting.pk}/attendance").json()
    [mayor] = [
        m for party in api["parties"] for m in party["members"] if m["person"]["name"] == "Borgmester Test"
    ]
    if viewer in OUTSIDERS:
        for html in (attendance, page):
            assert CLOSED not in html and "Afbud</span>" not in html and "i stedet kommer" not in html
            assert "Inhabil" not in html and "Kommer</span>" not in html and "enkelte punkter" not in html
        assert "Der er ikke meldt afbud." in attendance
        assert api["absences"] == [] and mayor["absence_id"] is None and comes_instead(api) == set()
        assert agenda.closed.pk not in {item["agenda_item_id"] for item in api["agenda_items"]}
        assert client.get(f"/api/v1/absences/{absence.pk}").status_code == 404
    else:
        assert '<span class="badge badge-warning">Afbud</span> punkt 2' in attendance
        assert f"Borgmester Test – i stedet kommer {DEPUTY}" in attendance and "Inhabil" in attendance
        assert "i stedet kommer Stedfortræder Test" in page
        [row] = api["absences"]
        assert (row["whole_meeting"], row["agenda_item_ids"]) == (False, [agenda.closed.pk])
        assert mayor["absence_id"] == absence.pk and comes_instead(api) == {agenda.closed.pk}
        assert client.get(f"/api/v1/absences/{absence.pk}").json()["agenda_item_ids"] == [agenda.closed.pk]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_an_absence_for_a_closed_and_an_open_item_names_only_the_open_one_by_its_visible_number(
    agenda: Agenda, viewer: str
) -> None:
    absence = absence_for(agenda, agenda.closed)
    # Changed afterwards: nothing of the change tells of the closed item either.
    absence = absence_update(
        absence=absence,
        seen_version=record_version(absence),
        substitute=absence.substitute,
        agenda_items=[agenda.closed, agenda.third],
        note="",
    )
    client = agenda.client(viewer)
    attendance, page = pages(client, agenda)
    api = client.get(f"/api/v1/meetings/{agenda.meeting.pk}/attendance").json()
    single = client.get(f"/api/v1/absences/{absence.pk}").json()
    if viewer in OUTSIDERS:
        # The third item is number 2 to them; "punkt 3" would tell of an item before it.
        assert '<span class="badge badge-warning">Afbud</span> punkt 2</td>' in attendance
        assert "(punkt 2)" in page and "punkt 3" not in attendance + page
        assert CLOSED not in attendance + page
        for row in (api["absences"][0], single):
            assert (row["whole_meeting"], row["agenda_item_ids"]) == (False, [agenda.third.pk])
        assert comes_instead(api) == {agenda.third.pk}
    else:
        assert '<span class="badge badge-warning">Afbud</span> punkt 2, 3</td>' in attendance
        assert "(punkt 2, 3)" in page
        assert single["agenda_item_ids"] == [agenda.closed.pk, agenda.third.pk]
        assert comes_instead(api) == {agenda.closed.pk, agenda.third.pk}
    # Per item, the absence is listed under the items the viewer sees, by the number they see.
    sections = re.findall(r'<h3 id="deltagere-dagsordenspunkt-\d+">(\d+)\. (.*?)(?: <span|</h3>)', attendance)
    assert sections == [(str(n), title) for _, n, title in agenda.items_seen_by(viewer)]


def test_the_editor_chooses_items_by_the_numbers_they_see(agenda: Agenda) -> None:
    html = (
        agenda.client("participating editor").get(f"/moeder/{agenda.meeting.pk}/deltagere/").content.decode()
    )
    labels = re.findall(r'for="[^"]*agenda_items_\d+">(.*?)</label>', html)
    assert labels == [f"{n}. {title}" for _, n, title in agenda.items_seen_by("participating editor")]
    assert labels[-1] == f"3. {THIRD}"
