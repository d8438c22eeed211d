"""An agenda item with the focus areas and initiatives it concerns: meetings writes the item, work its links
(the links are declared on work's side), in one command, all or nothing, every field's refusal at once."""

import pytest
from django.core.exceptions import ValidationError

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.meetings.commands import TITLE_REQUIRED, AgendaItemChange, AgendaItemCreate
from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.work.commands import (
    FOCUS_AREA_NOT_ALLOWED,
    AgendaItemLinkedChange,
    AgendaItemLinkedCreate,
    agenda_item_create,
    agenda_item_update,
)
from tests.factories import ClusterWorld, build_cluster


def test_an_item_is_added_with_its_links(world: ClusterWorld) -> None:
    editor, _ = account_create(email="sek@test.dk", role=Role.EDITOR, party=world.municipality)
    item = agenda_item_create(
        actor=editor,
        command=AgendaItemLinkedCreate(
            item=AgendaItemCreate(meeting_id=world.meeting.pk, title="Status", kind=AgendaItemKind.STATUS),
            focus_area_ids=(world.focus_area.pk,),
            initiative_ids=(world.initiative.pk,),
        ),
    )
    assert list(item.focus_areas.all()) == [world.focus_area]
    assert list(world.initiative.agenda_items.all()) == [item]  # the same link, seen from work's side


def test_refusals_of_the_item_and_its_links_come_together_and_nothing_is_saved(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    editor, _ = account_create(email="sek@test.dk", role=Role.EDITOR, party=world.municipality)
    items = AgendaItem.objects.count()
    with pytest.raises(ValidationError) as refused:
        agenda_item_create(
            actor=editor,
            command=AgendaItemLinkedCreate(
                item=AgendaItemCreate(meeting_id=world.meeting.pk, title=" ", kind=AgendaItemKind.STATUS),
                focus_area_ids=(other.focus_area.pk,),
            ),
        )
    assert refused.value.message_dict == {"title": [TITLE_REQUIRED], "focus_areas": [FOCUS_AREA_NOT_ALLOWED]}

    with pytest.raises(ValidationError):  # the item itself would be saved: its links refuse it all
        agenda_item_create(
            actor=editor,
            command=AgendaItemLinkedCreate(
                item=AgendaItemCreate(meeting_id=world.meeting.pk, title="Ok", kind=AgendaItemKind.STATUS),
                focus_area_ids=(other.focus_area.pk,),
            ),
        )
    assert AgendaItem.objects.count() == items


def test_a_change_of_the_links_alone_keeps_the_rest(world: ClusterWorld) -> None:
    editor, _ = account_create(email="sek@test.dk", role=Role.EDITOR, party=world.municipality)
    item = world.agenda_item
    title = item.title
    agenda_item_update(
        actor=editor,
        command=AgendaItemLinkedChange(
            item=AgendaItemChange(agenda_item_id=item.pk), focus_area_ids=(world.focus_area.pk,)
        ),
    )
    item = AgendaItem.objects.get(pk=item.pk)
    assert item.title == title and list(item.focus_areas.all()) == [world.focus_area]
