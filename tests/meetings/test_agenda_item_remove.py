"""Taking an item off the agenda: the rest move up; an item with decisions stays on record."""

import pytest
from django.core.exceptions import ValidationError

from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.services import agenda_item_create, agenda_item_remove
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld


def test_the_items_after_it_move_up(world: ClusterWorld) -> None:
    second = agenda_item_create(meeting=world.meeting, title="B", kind=AgendaItemKind.ORIENTATION)
    third = agenda_item_create(meeting=world.meeting, title="C", kind=AgendaItemKind.ORIENTATION)
    agenda_item_remove(agenda_item=second)
    assert list(AgendaItem.objects.filter(meeting=world.meeting).values_list("title", "position")) == [
        (world.agenda_item.title, 1),
        ("C", 2),
    ]
    assert AgendaItem.objects.get(pk=third.pk).position == 2


def test_an_item_with_a_decision_stays(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError, match="registrerede beslutninger"):
        agenda_item_remove(agenda_item=world.agenda_item)
    assert AgendaItem.objects.filter(pk=world.agenda_item.pk).exists()


def test_in_the_app_by_post_and_by_editors_only(world: ClusterWorld) -> None:
    item = agenda_item_create(meeting=world.meeting, title="Udgår", kind=AgendaItemKind.ORIENTATION)
    url = f"/punkter/{item.pk}/fjern/"
    assert member_as(world.mayor).post(url).status_code == 403
    editor = editor_of(world.municipality)
    assert editor.get(url).status_code == 405
    refused = editor.post(f"/punkter/{world.agenda_item.pk}/fjern/", follow=True).content.decode()
    assert "kan ikke fjernes fra dagsordenen" in refused
    page = editor.post(url, follow=True).content.decode()
    assert "Punktet »Udgår« er fjernet fra dagsordenen." in page
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
