"""fund_update: a fund's name, amount and description change in one checked save (the fund's row locked, as
allocation_create locks it); the amount can never be lowered below what is already allocated."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from klynge.kernel.records import record_version
from klynge.work.models import Fund
from klynge.work.services import fund_create, fund_update
from tests.factories import ClusterWorld

# The world's fund is 3 mio. kr., of which 2 mio. kr. are allocated.


def stored_amount(fund: Fund) -> Decimal | None:
    return Fund.objects.get(pk=fund.pk).amount


def update(fund: Fund, **changes: Any) -> Fund:
    fields: dict[str, Any] = {
        "fund": fund,
        "seen_version": record_version(fund),
        "name": fund.name,
        "amount": fund.amount,
        "description": fund.description,
    }
    fields.update(changes)
    return fund_update(**fields)


def test_lowering_below_the_allocated_total_is_refused(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world.fund, amount=Decimal("1999999.99"))

    assert exc.value.message_dict == {
        "amount": ["Rammen kan ikke være mindre end det, der allerede er bevilget."]
    }
    assert stored_amount(world.fund) == Decimal(3_000_000)


def test_lowering_to_exactly_the_allocated_total_is_accepted(world: ClusterWorld) -> None:
    update(world.fund, amount=Decimal(2_000_000))

    assert stored_amount(world.fund) == Decimal(2_000_000)


def test_an_unknown_amount_is_accepted(world: ClusterWorld) -> None:
    update(world.fund, amount=None)

    assert stored_amount(world.fund) is None


def test_name_and_description_change(world: ClusterWorld) -> None:
    update(world.fund, name="Klyngemidler 2023 (forhøjet)", amount=4_000_000, description="Forhøjet i juni.")

    fund = Fund.objects.get(pk=world.fund.pk)
    assert (fund.name, fund.amount, fund.description) == (
        "Klyngemidler 2023 (forhøjet)",
        Decimal(4_000_000),
        "Forhøjet i juni.",
    )


def test_a_negative_amount_is_refused_on_amount(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world.fund, amount=-1)

    assert exc.value.message_dict["amount"] == ["Rammen kan ikke være negativ."]
    assert stored_amount(world.fund) == Decimal(3_000_000)


def test_a_stale_save_is_refused_and_the_newer_change_is_kept(world: ClusterWorld) -> None:
    seen = record_version(world.fund)
    update(world.fund, amount=Decimal(3_500_000))

    with pytest.raises(ValidationError) as exc:
        update(world.fund, seen_version=seen, amount=Decimal(2_500_000))

    assert "mens du redigerede" in exc.value.messages[0]
    assert "ramme (kr.)" in exc.value.messages[0]
    assert stored_amount(world.fund) == Decimal(3_500_000)


def test_a_negative_fund_is_refused_at_creation(world: ClusterWorld) -> None:
    before = Fund.objects.count()

    with pytest.raises(ValidationError) as exc:
        fund_create(body=world.political, year=2024, name="Negativ pulje", amount=-1)

    assert exc.value.messages == ["Rammen kan ikke være negativ."]
    assert Fund.objects.count() == before


def test_a_negative_fund_is_reported_on_amount(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        fund_create(body=world.political, year=2024, name="Negativ pulje", amount=-1)

    assert exc.value.message_dict["amount"] == ["Rammen kan ikke være negativ."]
