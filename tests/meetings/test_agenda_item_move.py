"""Reordering an agenda: items move up and down, and the numbering stays 1, 2, 3 without gaps."""

import pytest
from django.core.exceptions import ValidationError

from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.services import agenda_item_create, agenda_item_move, agenda_reorder
from tests.factories import ClusterWorld


def titles(world: ClusterWorld) -> list[tuple[int, str]]:
    return list(
        AgendaItem.objects.filter(meeting=world.meeting).order_by("position").values_list("position", "title")
    )


@pytest.fixture
def agenda(world: ClusterWorld) -> list[AgendaItem]:
    others = [
        agenda_item_create(meeting=world.meeting, title=title, kind=AgendaItemKind.ORIENTATION)
        for title in ("B", "C")
    ]
    return [world.agenda_item, *others]


def test_moving_down_and_up(world: ClusterWorld, agenda: list[AgendaItem]) -> None:
    first, _, third = agenda
    agenda_item_move(agenda_item=first, steps=1)
    assert titles(world) == [(1, "B"), (2, first.title), (3, "C")]
    agenda_item_move(agenda_item=third, steps=-2)
    assert titles(world) == [(1, "C"), (2, "B"), (3, first.title)]


def test_moving_past_the_ends_stops_there(world: ClusterWorld, agenda: list[AgendaItem]) -> None:
    agenda_item_move(agenda_item=agenda[0], steps=-1)
    agenda_item_move(agenda_item=agenda[2], steps=5)
    assert [title for _, title in titles(world)] == [agenda[0].title, "B", "C"]


def test_a_reorder_must_name_every_item_once(world: ClusterWorld, agenda: list[AgendaItem]) -> None:
    with pytest.raises(ValidationError, match="hvert af mødets punkter én gang"):
        agenda_reorder(meeting=world.meeting, order=[agenda[0].pk, agenda[0].pk, agenda[1].pk])
    agenda_reorder(meeting=world.meeting, order=[agenda[2].pk, agenda[0].pk, agenda[1].pk])
    assert [title for _, title in titles(world)] == ["C", agenda[0].title, "B"]


def test_a_new_item_after_a_reorder_goes_last(world: ClusterWorld, agenda: list[AgendaItem]) -> None:
    agenda_item_move(agenda_item=agenda[2], steps=-2)
    agenda_item_create(meeting=world.meeting, title="D", kind=AgendaItemKind.ORIENTATION)
    assert titles(world)[-1] == (4, "D")
