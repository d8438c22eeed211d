"""Changing a fund: its amount can never be lowered below what is already allocated.

There is no fund_update service; the generic records.update_validated is the update path."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from klynge.records import update_validated
from klynge.work.models import Fund
from klynge.work.services import fund_create
from tests.factories import ClusterWorld

# The world's fund is 3 mio. kr., of which 2 mio. kr. are allocated.


def stored_amount(fund: Fund) -> Decimal | None:
    return Fund.objects.get(pk=fund.pk).amount


def test_lowering_below_the_allocated_total_is_refused(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update_validated(world.fund, amount=Decimal("1999999.99"))

    assert exc.value.message_dict == {
        "amount": ["Rammen kan ikke være mindre end det, der allerede er bevilget."]
    }
    assert stored_amount(world.fund) == Decimal(3_000_000)


def test_lowering_to_exactly_the_allocated_total_is_accepted(world: ClusterWorld) -> None:
    update_validated(world.fund, amount=Decimal(2_000_000))

    assert stored_amount(world.fund) == Decimal(2_000_000)


def test_an_unknown_amount_is_accepted(world: ClusterWorld) -> None:
    update_validated(world.fund, amount=None)

    assert stored_amount(world.fund) is None


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
