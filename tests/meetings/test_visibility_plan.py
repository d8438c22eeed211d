"""The closed-item rule keeps its cost at national scale: PostgreSQL works out who may see a meeting's
closed items once per meeting, never once per agenda item (which made a logged-in editor's pages wait
past the statement timeout with ten years of agenda items).

The guard reads the plan PostgreSQL actually ran (EXPLAIN ANALYZE) on ten times the items of the
meetings, and counts how often the membership tables were visited."""

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from klynge.meetings.selectors import meeting_list, visible_number
from klynge.search.selectors import visible_entries
from klynge.search.services import search_index_rebuild
from tests.factories import ClusterWorld, build_cluster

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan guarded is PostgreSQL's (production's database)"
)

MEETINGS_PER_BODY = 60
ITEMS_PER_MEETING = 20  # ten times the meetings, and more: per-item work would show at once


def _many_meetings(world: ClusterWorld) -> None:
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=body,
            date=datetime.date(2022, 8, 1) + datetime.timedelta(days=7 * n),
            status=MeetingStatus.HELD,
        )
        for body in (world.political, world.professional)
        for n in range(MEETINGS_PER_BODY)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            title=f"Punkt {position}",
            kind=AgendaItemKind.ORIENTATION,
            is_public=position % 3 != 0,
        )
        for meeting in meetings
        for position in range(1, ITEMS_PER_MEETING + 1)
    )


def _loops_on(plan: Any, table: str) -> int:
    """How many times the plan visited `table` (the sum of its scans' actual loops)."""
    if isinstance(plan, list):
        return sum(_loops_on(node, table) for node in plan)
    if not isinstance(plan, dict):
        return 0
    own = plan.get("Actual Loops", 0) if plan.get("Relation Name") == table else 0
    return own + sum(_loops_on(value, table) for value in plan.values() if isinstance(value, (list, dict)))


def _executed_plan(queryset: Any) -> Any:
    return json.loads(queryset.explain(format="json", analyze=True))


@pytest.fixture
def worlds(db: None) -> Iterator[tuple[ClusterWorld, ClusterWorld]]:
    own, other = build_cluster("Egen"), build_cluster("Anden")
    _many_meetings(own)
    _many_meetings(other)
    search_index_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    yield own, other


def _viewer(world: ClusterWorld, role: str) -> Any:
    if role == Role.EDITOR:
        user, _ = account_create(
            email="redaktoer@test.dk", password="x", role=Role.EDITOR, party=world.municipality
        )
    else:
        user, _ = account_create(email="medlem@test.dk", password="x", role=Role.MEMBER, person=world.mayor)
    return user


@pytest.mark.parametrize(
    ("role", "tables", "per_rule"),
    [
        (Role.EDITOR, ["bodies_participation"], None),
        # A member's few memberships are read once, then joined to their bodies' meetings: never one probe
        # per meeting (an `EXISTS … OR EXISTS …` did that: 11,000 probes, 440 ms for a cluster's funds).
        (Role.MEMBER, ["bodies_membership", "bodies_substitution"], 2),
    ],
)
def test_who_may_see_closed_items_is_worked_out_per_meeting_not_per_item(
    worlds: tuple[ClusterWorld, ClusterWorld], role: str, tables: list[str], per_rule: int | None
) -> None:
    own, _ = worlds
    with connection.cursor() as cursor:
        # Little memory, so that a set of ids that no longer fits cannot hide behind a hash table: the
        # plan must be per meeting by its shape, not by the size of work_mem (issue 14's cliff).
        cursor.execute("SET LOCAL work_mem = '64kB'")
        cursor.execute("SET LOCAL hash_mem_multiplier = 1")
    viewer = _viewer(own, role)
    visible = visible_agenda_items(viewer)
    meetings = Meeting.objects.count()

    def visits(rules: int) -> int:
        """The most visits to the rule's tables for a query in which the rule appears `rules` times."""
        return rules * (per_rule if per_rule is not None else meetings)

    items = AgendaItem.objects.count()
    assert items >= 10 * meetings

    # The agenda items a list page shows, numbered as the viewer sees them.
    page = (
        AgendaItem.objects.filter(pk__in=visible)
        .annotate(number=visible_number(visible))
        .order_by("-meeting__date", "position")[:50]
    )
    plan = _executed_plan(page)
    for table in tables:
        # The rule appears twice in this query (the filter and the numbering): at most once per meeting each.
        assert _loops_on(plan, table) <= visits(2), (table, _loops_on(plan, table), meetings)

    # The meeting list, each meeting with the number of items the viewer may see: the items are read
    # once per meeting shown, not once per item against every visible item.
    plan = _executed_plan(meeting_list(visible=visible)[:50])
    assert _loops_on(plan, "meetings_agendaitem") <= 2 * 50
    for table in tables:
        assert _loops_on(plan, table) <= visits(2), (table, _loops_on(plan, table), meetings)

    # Search: the index rows the viewer may see, agenda items joined rather than looked up in the
    # visible ids row by row. Twice per meeting at most: once for its closed items, once for the meeting's
    # own closed attachments (the index's `closed_meeting` rows), never once per row.
    plan = _executed_plan(visible_entries(viewer))
    for table in tables:
        assert _loops_on(plan, table) <= visits(2), (table, _loops_on(plan, table), meetings)

    # The whole count, as a list's total: the same bound.
    plan = _executed_plan(AgendaItem.objects.filter(pk__in=visible))
    for table in tables:
        assert _loops_on(plan, table) <= visits(1), (table, _loops_on(plan, table), meetings)


def test_the_rule_over_meetings_shows_exactly_the_closed_items_of_the_viewers_meetings(
    worlds: tuple[ClusterWorld, ClusterWorld],
) -> None:
    own, other = worlds
    editor = _viewer(own, Role.EDITOR)
    seen = set(AgendaItem.objects.filter(pk__in=visible_agenda_items(editor)).values_list("pk", flat=True))
    own_items = set(
        AgendaItem.objects.filter(meeting__body__collaboration=own.cluster).values_list("pk", flat=True)
    )
    others_public = set(
        AgendaItem.objects.filter(meeting__body__collaboration=other.cluster, is_public=True).values_list(
            "pk", flat=True
        )
    )
    assert seen == own_items | others_public
