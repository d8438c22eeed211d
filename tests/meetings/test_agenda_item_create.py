"""agenda_item_create: items get consecutive positions per meeting; a refused item leaves no links."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.meetings.models import AgendaItem, AgendaItemKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from tests.factories import ClusterWorld


def test_items_get_consecutive_positions(world: ClusterWorld) -> None:
    # The world's meeting already has item 1.
    second = agenda_item_create(
        meeting=world.meeting, title="Temadrøftelse", kind=AgendaItemKind.THEME_DISCUSSION
    )
    third = agenda_item_create(meeting=world.meeting, title="Status", kind=AgendaItemKind.STATUS)

    assert [world.agenda_item.position, second.position, third.position] == [1, 2, 3]


def test_each_meeting_numbers_its_own_items_from_one(world: ClusterWorld) -> None:
    meeting = meeting_create(body=world.political, date=datetime.date(2024, 3, 1), status=MeetingStatus.HELD)

    first = agenda_item_create(meeting=meeting, title="Orientering", kind=AgendaItemKind.ORIENTATION)
    second = agenda_item_create(meeting=meeting, title="Drøftelse", kind=AgendaItemKind.DISCUSSION)

    assert [first.position, second.position] == [1, 2]


def test_refused_item_leaves_nothing_and_does_not_use_up_a_position(world: ClusterWorld) -> None:
    through = (AgendaItem.topics.through,)
    before = [AgendaItem.objects.count(), *(model.objects.count() for model in through)]

    with pytest.raises(ValidationError) as exc:
        agenda_item_create(
            meeting=world.meeting,
            title="",
            kind=AgendaItemKind.DECISION,
            topics=[world.prevention_topic],
        )

    assert exc.value.message_dict == {"title": ["Dette felt kan ikke være tomt."]}
    assert [AgendaItem.objects.count(), *(model.objects.count() for model in through)] == before
    assert agenda_item_create(meeting=world.meeting, title="Næste", kind=AgendaItemKind.STATUS).position == 2
