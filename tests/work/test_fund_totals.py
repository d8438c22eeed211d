"""A fund's allocated and remaining amounts, and a collaboration's funds added up, are database aggregates
in one place (work/selectors.py): exact in kroner and øre, and counting only the allocations the viewer
may see."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import AgendaItemKind, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from klynge.work.models import Fund
from klynge.work.selectors import NO_FUNDS, fund_totals_by_collaboration, funds_with_totals
from klynge.work.services import allocation_create, fund_create
from tests.factories import ClusterWorld, build_cluster

CLOSED = Decimal("456789.01")


@pytest.fixture
def closed_allocation(world: ClusterWorld) -> None:
    item = agenda_item_create(
        meeting=world.meeting, title="Lukket punkt om midler", kind=AgendaItemKind.DECISION, is_public=False
    )
    decision = decision_create(agenda_item=item, kind=DecisionKind.COORDINATION, text="Lukket bevilling")
    allocation_create(fund=world.fund, decision=decision, amount=CLOSED, focus_area=world.focus_area)


def test_a_fund_counts_only_the_allocations_the_viewer_may_see(
    world: ClusterWorld, closed_allocation: None
) -> None:
    public = funds_with_totals(Fund.objects.filter(pk=world.fund.pk)).get()
    assert (public.allocated, public.remaining) == (Decimal(2_000_000), Decimal(1_000_000))  # type: ignore[attr-defined]
    administrator, _ = account_create(email="admin@test.dk", role=Role.ADMIN, password="x")
    seen = funds_with_totals(Fund.objects.all(), visible=visible_agenda_items(administrator))
    assert seen.get(pk=world.fund.pk).allocated == Decimal(2_000_000) + CLOSED  # type: ignore[attr-defined]
    assert world.fund.allocated_total() == Decimal(2_000_000) + CLOSED  # the rules count every allocation


def test_a_collaborations_funds_add_up_exactly_in_one_query(world: ClusterWorld) -> None:
    fund_create(body=world.political, year=2024, name="Øremærket", amount=Decimal("0.10"))
    fund_create(body=world.political, year=2025, name="Lille", amount=Decimal("0.20"))
    other = build_cluster("Anden")
    with CaptureQueriesContext(connection) as queries:
        totals = fund_totals_by_collaboration(collaboration_ids=[world.cluster.pk, other.cluster.pk, 999999])
    assert len(queries) == 1
    mine = totals[world.cluster.pk]
    assert mine.fund_count == 3 and mine.unknown_totals == 0
    assert mine.total == Decimal("3000000.30") and mine.allocated == Decimal("2000000.00")
    assert mine.remaining == Decimal("1000000.30")
    assert str(mine.remaining) == "1000000.30"  # kroner and øre, whatever the database
    assert totals[999999] == NO_FUNDS


def test_an_unknown_total_leaves_the_sum_unknown(world: ClusterWorld) -> None:
    fund_create(body=world.political, year=2024, name="Ukendt ramme")
    totals = fund_totals_by_collaboration(collaboration_ids=[world.cluster.pk])[world.cluster.pk]
    assert totals.unknown_totals == 1 and totals.total is None and totals.remaining is None
    assert totals.allocated == Decimal(2_000_000)


def test_remaining_as_read_is_what_the_database_subtracts_and_the_admin_sorts_by_it(
    world: ClusterWorld,
) -> None:
    """`remaining` is worked out as each fund is read: the amount the database's subtraction gives, in
    kroner and øre (None for an unknown total), however the funds are read; the admin, which sorts by it,
    has it from the database too."""
    from django.urls import reverse

    from klynge.work.selectors import with_remaining_in_database
    from tests.clients import administrator

    fund_create(body=world.political, year=2024, name="Øremærket", amount=Decimal("1000.05"))
    fund_create(body=world.political, year=2025, name="Ukendt ramme")
    read = funds_with_totals(Fund.objects.order_by("pk"))
    database = with_remaining_in_database(funds_with_totals(Fund.objects.order_by("pk")))
    subtracted = list(database.values_list("pk", "remaining"))
    # The same amounts (SQLite's subtraction drops the øre of a whole number: 1000000 for 1000000.00).
    assert [(f.pk, f.remaining) for f in read] == subtracted  # type: ignore[attr-defined]
    assert len(subtracted) == 3 and None in [remaining for _, remaining in subtracted]
    # As read, always in kroner and øre.
    assert {f.remaining.as_tuple().exponent for f in read if f.remaining is not None} == {-2}  # type: ignore[attr-defined]
    assert read.get(name="Ukendt ramme").remaining is None  # type: ignore[attr-defined]
    assert str(read.get(name="Øremærket").remaining) == "1000.05"  # type: ignore[attr-defined]
    assert read.filter(name="Øremærket").first().remaining == Decimal("1000.05")  # type: ignore[union-attr]
    changelist, admin = reverse("admin:work_fund_changelist"), administrator()
    for order in ("6", "-6"):  # the sixth column: "rest"
        response = admin.get(changelist, {"o": order})
        assert response.status_code == 200 and "Øremærket" in response.content.decode()
