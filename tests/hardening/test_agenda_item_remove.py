"""Taking an item off the middle of an agenda: the items after it close up without two ever sharing a
position (the unique constraint refused the renumbering before), on the page, in the API and in the
service, and the agenda can be reordered afterwards."""

import pytest
from django.test import Client

from klynge.meetings.models import AgendaItem, AgendaItemKind, Meeting
from klynge.meetings.services import agenda_item_create, agenda_item_move, agenda_item_remove
from tests.factories import ClusterWorld
from tests.hardening.conftest import API


def agenda(meeting: Meeting) -> list[tuple[str, int]]:
    return list(
        AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("title", "position")
    )


def add_items(world: ClusterWorld, *titles: str) -> list[AgendaItem]:
    return [
        agenda_item_create(meeting=world.meeting, title=t, kind=AgendaItemKind.ORIENTATION) for t in titles
    ]


def test_removing_an_item_in_the_middle_on_the_page(world: ClusterWorld, admin: Client) -> None:
    first = world.agenda_item.title
    b, _c, _d = add_items(world, "B", "C", "D")
    response = admin.post(f"/punkter/{b.pk}/fjern/")
    assert response.status_code == 302
    assert agenda(world.meeting) == [(first, 1), ("C", 2), ("D", 3)]


def test_removing_an_item_in_the_middle_by_the_api(world: ClusterWorld, api: Client) -> None:
    first = world.agenda_item.title
    b, _c, _d, _e = add_items(world, "B", "C", "D", "E")
    assert api.delete(f"{API}/agenda-items/{b.pk}").status_code == 204
    assert agenda(world.meeting) == [(first, 1), ("C", 2), ("D", 3), ("E", 4)]


@pytest.mark.parametrize("removed", ["B", "C", "D", "E", "F"])
def test_any_removal_leaves_positions_one_to_n(world: ClusterWorld, removed: str) -> None:
    items = {item.title: item for item in add_items(world, "B", "C", "D", "E", "F")}
    agenda_item_remove(agenda_item=items[removed])
    titles = [world.agenda_item.title, *(t for t in "BCDEF" if t != removed)]
    assert agenda(world.meeting) == [(title, n) for n, title in enumerate(titles, start=1)]


def test_after_removals_items_still_move(world: ClusterWorld, admin: Client) -> None:
    b, c, d, e = add_items(world, "B", "C", "D", "E")
    agenda_item_remove(agenda_item=b)
    agenda_item_remove(agenda_item=c)
    assert admin.post(f"/punkter/{e.pk}/flyt/", {"retning": "op"}).status_code == 302
    agenda_item_move(agenda_item=AgendaItem.objects.get(pk=d.pk), steps=-2)
    assert agenda(world.meeting) == [("D", 1), (world.agenda_item.title, 2), ("E", 3)]
