"""Racing writes on PostgreSQL, through the API: of two changes from the same version exactly one is
saved and the other is a 409; two allocations that each fit a fund but not both never overspend it."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from klynge.accounts.models import Role
from klynge.accounts.roles import GROUP_NAMES
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind
from klynge.meetings.services import agenda_item_create
from klynge.work.models import Allocation, Fund
from tests.api.conftest import TokenClient, token_for
from tests.concurrency.racing import row_held, start, until_waiting
from tests.factories import ClusterWorld, build_cluster

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need a database server: set KLYNGE_TEST_DATABASE_URL to a PostgreSQL database",
    ),
]


@pytest.fixture
def world(transactional_db: None) -> ClusterWorld:  # committed, so the racing threads' own connections see it
    return build_cluster("Kapløb")


def editors(world: ClusterWorld, count: int = 2) -> list[TokenClient]:
    return [
        TokenClient(token_for(email=f"sek{i}@kaploeb.dk", role=Role.EDITOR, party=world.municipality))
        for i in range(count)
    ]


def patching(client: TokenClient, url: str, body: dict[str, Any]) -> Callable[[], Any]:
    return lambda: client.patch(url, body, content_type="application/json")


CHANGES: list[tuple[type[Any], str, str]] = [
    (AgendaItem, "agenda-items", "title"),
    (Decision, "decisions", "text"),
    (Fund, "funds", "name"),
]


def test_of_two_changes_from_the_same_version_one_is_saved_and_the_other_is_a_409(
    world: ClusterWorld,
) -> None:
    first, second = editors(world)
    for model, path, field in CHANGES:  # in one test: each real-transaction test costs a flush
        record: Any = {AgendaItem: world.agenda_item, Decision: world.decision, Fund: world.fund}[model]
        url = f"/api/v1/{path}/{record.pk}"
        version = first.get(url).json()["version"]
        history_before = record.history.count()

        with row_held(model, record.pk):
            finish = start(
                patching(first, url, {field: "Første", "version": version}),
                patching(second, url, {field: "Anden", "version": version}),
            )
            until_waiting(2, f"the row of {path}")
        answers = finish()

        assert sorted(answer.status_code for answer in answers) == [200, 409], [a.content for a in answers]
        saved = next(answer for answer in answers if answer.status_code == 200).json()
        refused = next(answer for answer in answers if answer.status_code == 409).json()
        assert refused["code"] == "conflict"
        record.refresh_from_db()
        assert getattr(record, field) == saved[field] and saved["version"] == record_version(record)
        assert record.history.count() == history_before + 1  # one save, not two


def test_two_allocations_that_each_fit_but_not_both_never_overspend_the_fund(world: ClusterWorld) -> None:
    # The fund has 3.000.000 kr. of which 2.000.000 kr. are allocated: 1.000.000 kr. remain.
    items = [
        agenda_item_create(meeting=world.meeting, title=f"Midler {n}", kind=AgendaItemKind.DECISION)
        for n in (1, 2)
    ]
    decisions_before = Decision.objects.count()

    def allocate(client: TokenClient, item: AgendaItem) -> Any:
        payload = {
            "kind": DecisionKind.COORDINATION,
            "text": "Klyngen bevilger 600.000 kr.",
            "allocation": {"fund": world.fund.pk, "amount": "600000", "initiative": world.initiative.pk},
        }
        return lambda: client.post(
            f"/api/v1/agenda-items/{item.pk}/decisions", payload, content_type="application/json"
        )

    # The accounts need the role groups, made again after the previous test's flush (post_migrate).
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUP_NAMES.values())
    first, second = editors(world)
    with row_held(Fund, world.fund.pk):
        finish = start(allocate(first, items[0]), allocate(second, items[1]))
        until_waiting(2, "the fund's row")
    answers = finish()

    assert sorted(answer.status_code for answer in answers) == [201, 422], [a.content for a in answers]
    refused = next(answer for answer in answers if answer.status_code == 422).json()
    messages = " ".join(message for field in refused["errors"].values() for message in field)
    assert "overstiger puljens restbeløb" in messages and "400.000" in messages
    allocated = sum(Allocation.objects.filter(fund=world.fund).values_list("amount", flat=True), Decimal(0))
    assert allocated == Decimal("2600000")
    assert Decision.objects.count() == decisions_before + 1  # the refused decision is not saved either
