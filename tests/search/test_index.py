"""The index follows the records: edits, closing an item, removal, relations; and `klynge search_index`."""

import datetime

from django.core.management import call_command

from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItemKind, FigureMetric, MeetingStatus
from klynge.meetings.services import (
    agenda_item_create,
    agenda_item_remove,
    agenda_item_update,
    meeting_update,
    reported_figure_create,
)
from klynge.organisation.services import person_create, topic_create
from klynge.search.models import Kind, SearchEntry
from klynge.search.selectors import search
from klynge.search.services import search_index_deferred, search_index_rebuild
from klynge.work.models import FocusAreaStatus
from klynge.work.services import focus_area_create, focus_area_update, trial_action_create
from tests.factories import ClusterWorld
from tests.search.conftest import Closed, user_for


def titles(query: str, user: object = None, kinds: list[Kind] | None = None) -> set[str]:
    return {r.title for r in search(user=user, query=query, kinds=kinds).results}


def _update_item(item, **changes):  # type: ignore[no-untyped-def]
    fields = {
        "title": item.title,
        "kind": item.kind,
        "summary": item.summary,
        "case_description": item.case_description,
        "recommendation": item.recommendation,
        "decision_text": item.decision_text,
        "is_public": item.is_public,
        "is_tentative": item.is_tentative,
        "topics": list(item.topics.all()),
    }
    fields.update(changes)
    return agenda_item_update(agenda_item=item, seen_version=record_version(item), **fields)


def test_an_edit_is_found_at_once_and_the_old_words_are_gone(world: ClusterWorld) -> None:
    item = agenda_item_create(meeting=world.meeting, title="Status på rygestop", kind=AgendaItemKind.STATUS)
    assert "Status på rygestop" in titles("rygestoppet")
    _update_item(item, title="Status på vaccinationer", summary="Influenzavaccinationer til ældre.")
    assert titles("rygestoppet") == set()
    assert "Status på vaccinationer" in titles("vaccinationen")
    assert "Status på vaccinationer" in titles("influenzavaccination")


def test_closing_an_item_hides_it_and_its_decisions(closed: Closed) -> None:
    anonymous, member = None, user_for("member_in_body", closed.world, closed.other)
    _update_item(closed.item, is_public=True)
    assert len(titles("budgetter", anonymous)) == 2
    _update_item(closed.item, is_public=False)
    assert titles("budgetter", anonymous) == set()
    assert len(titles("budgetter", member)) == 2


def test_the_rows_carry_their_items_visibility_fields_through_every_change(closed: Closed) -> None:
    """The access rule reads the row's copies of its item's `is_public` and `meeting` (no join), so
    the copies must follow the item, for the item's own row and its decisions' rows."""

    def copies() -> set[tuple[object, ...]]:
        return set(
            SearchEntry.objects.filter(agenda_item=closed.item).values_list(
                "kind", "item_is_public", "item_meeting"
            )
        )

    meeting = closed.item.meeting_id
    assert copies() == {(Kind.AGENDA_ITEM, False, meeting), (Kind.DECISION, False, meeting)}
    _update_item(closed.item, is_public=True)
    assert copies() == {(Kind.AGENDA_ITEM, True, meeting), (Kind.DECISION, True, meeting)}
    _update_item(closed.item, is_public=False)
    assert copies() == {(Kind.AGENDA_ITEM, False, meeting), (Kind.DECISION, False, meeting)}
    assert titles("budgetter", None) == set()
    search_index_rebuild()
    assert copies() == {(Kind.AGENDA_ITEM, False, meeting), (Kind.DECISION, False, meeting)}
    assert not SearchEntry.objects.filter(agenda_item__isnull=True, item_meeting__isnull=False).exists()
    assert not SearchEntry.objects.filter(agenda_item__isnull=True, item_is_public=True).exists()


def test_a_removed_item_leaves_the_index(world: ClusterWorld) -> None:
    item = agenda_item_create(meeting=world.meeting, title="Punkt om hjemmepleje", kind=AgendaItemKind.STATUS)
    assert titles("hjemmeplejen") == {"Punkt om hjemmepleje"}
    agenda_item_remove(agenda_item=item)
    assert titles("hjemmeplejen") == set()
    assert not SearchEntry.objects.filter(kind=Kind.AGENDA_ITEM, object_id=item.pk).exists()


def test_a_deleted_person_leaves_the_index(world: ClusterWorld) -> None:
    person = person_create(name="Henrietta Søgbarsen", party=world.municipality, title="rådmand")
    assert [r.url for r in search(user=None, query="Søgbarsen").results] == [f"/personer/{person.slug}/"]
    person.delete()  # as the admin does
    assert search(user=None, query="Søgbarsen").total == 0


def test_moved_items_keep_their_link_and_a_meeting_change_reaches_its_items(world: ClusterWorld) -> None:
    item = agenda_item_create(meeting=world.meeting, title="Punkt om sårpleje", kind=AgendaItemKind.STATUS)
    [result] = search(user=None, query="sårplejen").results
    assert result.url.endswith(f"#dagsordenspunkt-{item.pk}")
    meeting = world.meeting
    meeting_update(
        meeting=meeting,
        seen_version=record_version(meeting),
        date=datetime.date(2023, 11, 27),
        status=MeetingStatus.HELD,
        date_precision=meeting.date_precision,
        start_time=None,
        is_extra=False,
        title="Ekstra sårmøde",
        location="Rådhuset",
    )
    [result] = search(user=None, query="sårplejen").results
    assert result.date == datetime.date(2023, 11, 27)
    assert titles("sårmødet") == {f"Ekstra sårmøde – {world.political.name}"}
    assert titles("rådhuset") == {f"Ekstra sårmøde – {world.political.name}"}


def test_related_records_reach_the_document(world: ClusterWorld) -> None:
    item = agenda_item_create(meeting=world.meeting, title="Et punkt", kind=AgendaItemKind.DISCUSSION)
    reported_figure_create(
        agenda_item=item, metric=FigureMetric.OTHER, label="Ventetid på genoptræning", value=12, unit="uger"
    )
    assert titles("ventetiden") == {"Et punkt"}
    topic = topic_create(name="Tandsundhed")
    _update_item(item, topics=[topic])
    assert titles("tandsundheden") == {"Et punkt"}
    focus_area = world.focus_area
    trial_action_create(focus_area=focus_area, position=7, name="Gåture for hjertepatienter")
    assert {world.focus_area.name, "Gåture for hjertepatienter"} <= titles("gåturene")
    focus_area_update(
        focus_area=focus_area,
        seen_version=record_version(focus_area),
        name="Bevægelse for hjertepatienter",
        collaborations=list(focus_area.collaborations.all()),
        status=FocusAreaStatus.ADOPTED,
        description=focus_area.description,
        topics=list(focus_area.topics.all()),
        decided_at=focus_area.decided_at,
        health_agreement=None,
        period_start=None,
        period_end=None,
    )
    # The trial action's text names its focus area, the initiative's its focus area too.
    assert {"Bevægelse for hjertepatienter", "Gåture for hjertepatienter", world.initiative.name} <= titles(
        "bevægelsen"
    )
    topic.name = "Mundsundhed"  # renamed in the admin
    topic.save()
    assert titles("mundsundheden") == {"Et punkt"}
    assert titles("tandsundheden") == set()


def test_the_rebuild_gives_the_same_index_as_the_changes(closed: Closed) -> None:
    focus_area_create(
        name="Hjerterehabilitering", collaborations=[closed.world.cluster], status=FocusAreaStatus.DISCUSSED
    )

    def snapshot() -> set[tuple[object, ...]]:
        return set(
            SearchEntry.objects.values_list(
                "kind",
                "object_id",
                "title",
                "text",
                "date",
                "url",
                "agenda_item",
                "memo",
                "item_is_public",
                "item_meeting",
            )
        )

    before = snapshot()
    admin = user_for("admin", closed.world, closed.other)
    found = [(r.kind, r.object_id) for r in search(user=admin, query="Test or budgetter", limit=100).results]
    call_command("search_index", verbosity=0)
    assert snapshot() == before
    assert sorted(found) == sorted(
        (r.kind, r.object_id) for r in search(user=admin, query="Test or budgetter", limit=100).results
    )
    assert search_index_rebuild() == len(before)


def test_deferred_indexing_builds_the_index_once_at_the_end(world: ClusterWorld) -> None:
    with search_index_deferred():
        focus_area_create(
            name="Søvnproblemer", collaborations=[world.cluster], status=FocusAreaStatus.DISCUSSED
        )
        assert titles("søvnproblemerne") == set()
    assert titles("søvnproblemerne") == {"Søvnproblemer"}
