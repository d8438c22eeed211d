"""A meeting with 200 agenda items (issue 14): its page costs the same queries as one with 20, and numbers
its items as the viewer sees them, in order and without gaps where a closed item is left out."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.meetings.access import public_agenda_items
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind
from klynge.meetings.selectors import meeting_detail, number_of, visible_number
from tests.clients import editor_of
from tests.factories import ClusterWorld
from tests.site.querycount import forget_cached_pages


def _add_items(world: ClusterWorld, start: int, count: int) -> None:
    # Every tenth item closed, every third with a decision.
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=world.meeting,
            position=position,
            title=f"Punkt på position {position:03d}",
            kind=AgendaItemKind.DECISION,
            is_public=position % 10 != 0,
        )
        for position in range(start, start + count)
    )
    for item in items:
        item.topics.add(world.prevention_topic)
    Decision.objects.bulk_create(
        Decision(agenda_item=item, kind=DecisionKind.JOINT, text=f"Besluttet om {item.title}")
        for item in items
        if item.position % 3 == 0
    )


def _queries(client: Client, url: str) -> tuple[int, str]:
    client.get(url)
    forget_cached_pages()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_a_meeting_with_200_items_costs_the_queries_of_one_with_20(world: ClusterWorld) -> None:
    url = world.meeting.get_absolute_url()
    first = world.meeting.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0
    _add_items(world, first + 1, 20)
    clients = {"anonymous": Client(), "editor": editor_of(world.municipality)}
    few = {who: _queries(client, url)[0] for who, client in clients.items()}
    _add_items(world, first + 21, 180)
    many = {who: _queries(client, url) for who, client in clients.items()}
    assert {who: count for who, (count, _) in many.items()} == few
    assert max(few.values()) <= 28, few  # the editor: proposals, attachments, referrals and the agenda on top

    public_html, editor_html = many["anonymous"][1], many["editor"][1]
    # The editor of a participating party sees the closed items; the public does not.
    assert "Punkt på position 010" in editor_html and "Punkt på position 010" not in public_html
    assert "Punkt på position 011" in public_html


def test_item_numbers_are_the_numbers_the_viewer_sees_elsewhere(world: ClusterWorld) -> None:
    """The meeting page numbers its items by their place in the agenda as seen; the number every other
    channel shows (`visible_number`, one subquery) must be the same, for the public and for all."""
    first = world.meeting.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0
    _add_items(world, first + 1, 30)
    for visible in (None, AgendaItem.objects.values("pk")):
        meeting = meeting_detail(pk=world.meeting.pk, visible=visible)
        assert meeting is not None
        shown = {item.pk: number_of(item) for item in meeting.agenda_items.all()}
        assert sorted(shown.values()) == list(range(1, len(shown) + 1))
        items = public_agenda_items() if visible is None else visible
        expected = dict(
            AgendaItem.objects.filter(meeting=world.meeting, pk__in=items)
            .annotate(number=visible_number(visible))
            .values_list("pk", "number")
        )
        assert shown == expected
