"""`klynge bench generate`: the benchmark data keep every rule the services enforce, at demo scale.

The data are generated once for the module (inside a transaction rolled back at the end), so the module
stays fast; each test only reads.
"""

from collections.abc import Iterator
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.test import Client
from pytest_django import DjangoDbBlocker

from klynge.accounts.models import Account, Role
from klynge.benchdata.generator import (
    AUTHORITY_TOPIC,
    SCALES,
    SOURCE_KEY,
    Plan,
    plan_bench_data,
    plan_fingerprint,
)
from klynge.bodies.models import BodyLevel
from klynge.meetings.models import AgendaItem, Decision, DecisionKind, Meeting, MeetingStatus
from klynge.provenance.models import Source, Sourced
from klynge.search.models import SearchEntry
from klynge.work.models import Allocation, FocusArea, Fund, Initiative, InitiativeStatus

DEMO = SCALES["demo"]


@pytest.fixture(scope="module")
def generated(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[tuple[Plan, str]]:
    """`klynge bench generate --scale demo`, once for the module; the plan it wrote, and what it printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("bench", "generate", "--scale", "demo", "--seed", "1", stdout=output)
        yield plan_bench_data(scale=DEMO, seed=1), output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def data(generated: tuple[Plan, str], db: None) -> tuple[Plan, str]:
    return generated


def test_the_same_seed_plans_the_same_records_and_another_seed_others() -> None:
    first = plan_fingerprint(plan_bench_data(scale=DEMO, seed=1))
    assert plan_fingerprint(plan_bench_data(scale=DEMO, seed=1)) == first
    assert plan_fingerprint(plan_bench_data(scale=DEMO, seed=2)) != first


def test_every_planned_record_is_written(data: tuple[Plan, str]) -> None:
    plan, output = data
    for model, rows in plan.rows():
        assert model._default_manager.count() >= len(rows), model
    assert (
        Initiative.objects.count()
        == plan.count(Initiative)
        == DEMO.initiatives_per_cluster_year * DEMO.clusters
    )
    assert Meeting.objects.count() == DEMO.clusters * 2 * (DEMO.meetings_per_body_year + 2)
    big = Meeting.objects.annotate(items=Count("agenda_items")).order_by("-items").first()
    assert big is not None and big.items == DEMO.big_meeting_items  # type: ignore[attr-defined]
    assert f"/moeder/{big.pk}/" in output
    assert AgendaItem.objects.filter(is_public=False).exists()
    assert SearchEntry.objects.count() > AgendaItem.objects.count()
    assert (
        f"search.SearchEntry {SearchEntry.objects.count():>8}".split()
        == next(line for line in output.splitlines() if line.startswith("search.SearchEntry")).split()
    )


def test_every_record_passes_its_models_own_validation(data: tuple[Plan, str]) -> None:
    """full_clean() is what the services call before each save: the bulk-written rows would pass it too."""
    plan, _ = data
    models = [model for model, _rows in plan.rows()] + [Initiative]
    for model in models:
        rows = model._default_manager.order_by("pk")
        # Every row of the small tables; every fourth of the large ones (agenda items), to stay fast.
        step = 4 if rows.count() > 500 else 1
        for row in rows[::step] if step > 1 else rows:
            row.full_clean()


def test_everything_is_labelled_as_generated(data: tuple[Plan, str]) -> None:
    plan, _ = data
    source = Source.objects.get(key=SOURCE_KEY)
    assert "ikke rigtige tal" in source.title
    for model, _rows in plan.rows():
        if issubclass(model, Sourced):
            assert not model._default_manager.exclude(source=source).exists(), model


def test_decisions_keep_the_rules(data: tuple[Plan, str]) -> None:
    assert not Decision.objects.exclude(agenda_item__meeting__status=MeetingStatus.HELD).exists()
    assert not Decision.objects.filter(kind=DecisionKind.JOINT, topic__name=AUTHORITY_TOPIC).exists()
    assert Decision.objects.filter(kind=DecisionKind.RECOMMENDATION).exists()


def test_initiatives_are_approved_by_a_political_decision_of_their_own_collaboration(
    data: tuple[Plan, str],
) -> None:
    past_proposed = Initiative.objects.exclude(
        status__in=[InitiativeStatus.PROPOSED, InitiativeStatus.STOPPED]
    )
    assert past_proposed.exists()
    assert not past_proposed.filter(approved_by__isnull=True).exists()
    approved = Initiative.objects.filter(approved_by__isnull=False)
    assert not approved.exclude(approved_by__agenda_item__meeting__body__level=BodyLevel.POLITICAL).exists()
    assert not approved.exclude(
        approved_by__agenda_item__meeting__body__collaboration=F("collaboration")
    ).exists()
    assert not approved.filter(start__lt=F("approved_by__agenda_item__meeting__date")).exists()
    assert Initiative.objects.filter(parent__parent__isnull=False).exists()  # a tree, three levels deep
    assert not Initiative.objects.exclude(
        Q(parent__isnull=True) | Q(parent__collaboration=F("collaboration"))
    ).exists()


def test_allocations_stay_within_their_fund(data: tuple[Plan, str]) -> None:
    assert Allocation.objects.exists()
    for fund in Fund.objects.annotate(allocated=Sum("allocations__amount")):
        assert (fund.allocated or Decimal(0)) <= fund.amount  # type: ignore[attr-defined]
    assert not Allocation.objects.exclude(
        decision__agenda_item__meeting__body__collaboration=F("fund__body__collaboration")
    ).exists()


def test_the_benchmark_accounts_exist(data: tuple[Plan, str]) -> None:
    assert set(Account.objects.values_list("role", flat=True)) == {Role.ADMIN, Role.EDITOR, Role.MEMBER}


def test_generating_into_a_database_with_benchmark_data_is_refused(data: tuple[Plan, str]) -> None:
    with pytest.raises(CommandError, match="allerede benchmarkdata"):
        call_command("bench", "generate", "--scale", "demo")


@pytest.mark.urls("klynge.benchdata.urls")
def test_the_bare_view_answers_through_the_whole_middleware(client: Client) -> None:
    response = client.get("/bench/bare/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_focus_areas_belong_to_a_collaboration_and_meetings_number_their_items_without_gaps(
    data: tuple[Plan, str],
) -> None:
    assert not FocusArea.objects.filter(collaborations=None).exists()
    for meeting in Meeting.objects.annotate(items=Count("agenda_items")):
        positions = list(meeting.agenda_items.order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, meeting.items + 1))  # type: ignore[attr-defined]
