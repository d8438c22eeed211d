"""Changing an agenda item: title, kind, public or closed, tentative, topics and links."""

import pytest
from django.core.exceptions import ValidationError

from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.services import agenda_item_update
from klynge.work.services import agenda_item_links_set
from tests.factories import ClusterWorld


def update(world: ClusterWorld, seen: int | None, **fields: object) -> AgendaItem:
    item = world.agenda_item
    arguments: dict[str, object] = {
        "title": item.title,
        "kind": AgendaItemKind(item.kind),
        "summary": item.summary,
        "case_description": item.case_description,
        "recommendation": item.recommendation,
        "decision_text": item.decision_text,
        "is_public": item.is_public,
        "is_tentative": item.is_tentative,
        "topics": list(item.topics.all()),
    }
    arguments.update(fields)
    return agenda_item_update(agenda_item=item, seen_version=seen, **arguments)  # type: ignore[arg-type]


def test_an_item_is_closed_and_linked(world: ClusterWorld) -> None:
    update(world, None, is_public=False, topics=[world.hospitals_topic])
    agenda_item_links_set(agenda_item=world.agenda_item, focus_areas=[], initiatives=[world.initiative])
    item = AgendaItem.objects.get(pk=world.agenda_item.pk)
    assert not item.is_public
    assert list(item.initiatives.all()) == [world.initiative]
    assert list(item.topics.all()) == [world.hospitals_topic]


def test_an_empty_title_is_refused_and_nothing_changes(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as error:
        update(world, None, title="", is_public=False)
    assert "title" in error.value.message_dict
    assert AgendaItem.objects.get(pk=world.agenda_item.pk).is_public


def test_a_stale_save_is_refused(world: ClusterWorld) -> None:
    seen = record_version(world.agenda_item)
    update(world, seen, summary="Først")
    with pytest.raises(ValidationError, match="mens du redigerede"):
        update(world, seen, summary="Bagefter")
    assert AgendaItem.objects.get(pk=world.agenda_item.pk).summary == "Først"
