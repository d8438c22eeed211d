"""allocation_create: allocations never exceed their fund, are positive, go to a focus area or an
initiative, and are decided in the collaboration that owns the fund."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from klynge.work.models import Allocation, Fund
from klynge.work.services import allocation_create, fund_create
from tests.factories import ClusterWorld, build_cluster

# The world's fund is 3 mio. kr., of which 2 mio. kr. are allocated: 1 mio. kr. remains.


def allocate(world: ClusterWorld, amount: Decimal | int, fund: Fund | None = None) -> Allocation:
    return allocation_create(
        fund=fund or world.fund, decision=world.decision, amount=amount, focus_area=world.focus_area
    )


def assert_refused(world: ClusterWorld, amount: Decimal | int, field: str, message: str) -> None:
    """Refused with a message on `field` that starts with `message`; nothing saved."""
    before = Allocation.objects.count()
    allocated = world.fund.allocated_total()

    with pytest.raises(ValidationError) as exc:
        allocate(world, amount)

    assert list(exc.value.message_dict) == [field]
    [actual] = exc.value.message_dict[field]
    assert actual.startswith(message)
    assert Allocation.objects.count() == before
    assert world.fund.allocated_total() == allocated


OVER_MESSAGE = "Beløbet overstiger puljens restbeløb på "


def test_the_exact_remainder_is_accepted(world: ClusterWorld) -> None:
    allocate(world, Decimal("1000000.00"))

    assert world.fund.allocated_total() == Decimal("3000000.00")


def test_one_oere_over_the_remainder_is_refused(world: ClusterWorld) -> None:
    assert_refused(world, Decimal("1000000.01"), "amount", OVER_MESSAGE)


def test_several_allocations_are_summed(world: ClusterWorld) -> None:
    allocate(world, 600_000)

    assert_refused(world, Decimal("400000.01"), "amount", OVER_MESSAGE + "400.000 kr.")
    allocate(world, 400_000)
    assert world.fund.allocated_total() == 3_000_000
    assert_refused(world, Decimal("0.01"), "amount", OVER_MESSAGE + "0 kr.")


def over_remainder_message(world: ClusterWorld) -> str:
    """The message when 1.970.000 kr. is asked of a 2 mio. kr. fund with 1.960.000 kr. left."""
    fund = fund_create(body=world.political, year=2024, name="Klyngemidler Test 2024", amount=2_000_000)
    allocate(world, 40_000, fund=fund)
    with pytest.raises(ValidationError) as exc:
        allocate(world, 1_970_000, fund=fund)
    [message] = exc.value.message_dict["amount"]
    return message


def test_the_over_remainder_message_ends_with_one_full_stop(world: ClusterWorld) -> None:
    assert not over_remainder_message(world).endswith("..")


def test_the_over_remainder_message_states_the_exact_remainder(world: ClusterWorld) -> None:
    assert "1.960.000" in over_remainder_message(world)


def test_a_fund_of_unknown_size_has_no_limit(world: ClusterWorld) -> None:
    fund = fund_create(body=world.political, year=2024, name="Klyngemidler Test 2024")

    allocate(world, 50_000_000, fund=fund)

    assert fund.allocated_total() == 50_000_000


@pytest.mark.parametrize("amount", [Decimal(0), Decimal("-0.01"), Decimal(-1000)])
def test_zero_or_negative_amount_is_refused(world: ClusterWorld, amount: Decimal) -> None:
    assert_refused(world, amount, "amount", "Beløbet skal være større end 0.")


def test_an_allocation_without_target_is_refused(world: ClusterWorld) -> None:
    before = Allocation.objects.count()

    with pytest.raises(ValidationError) as exc:
        allocation_create(fund=world.fund, decision=world.decision, amount=1000)

    assert exc.value.message_dict == {
        "focus_area": ["Vælg det fokusområde eller den indsats, der får midlerne."]
    }
    assert Allocation.objects.count() == before


def test_an_allocation_to_an_initiative_is_accepted(world: ClusterWorld) -> None:
    allocation = allocation_create(
        fund=world.fund, decision=world.decision, amount=1000, initiative=world.initiative
    )

    assert allocation.initiative == world.initiative


def test_a_decision_from_another_collaboration_is_refused(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    before = Allocation.objects.count()

    with pytest.raises(ValidationError) as exc:
        allocation_create(fund=world.fund, decision=other.decision, amount=1000, focus_area=world.focus_area)

    assert exc.value.message_dict == {
        "decision": ["Beslutningen er ikke truffet i det samarbejde, som ejer puljen."]
    }
    assert Allocation.objects.count() == before


def test_the_database_refuses_a_zero_amount_that_skips_clean(world: ClusterWorld) -> None:
    before = Allocation.objects.count()

    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation(
            fund=world.fund, decision=world.decision, focus_area=world.focus_area, amount=Decimal(0)
        ).save()

    assert Allocation.objects.count() == before


def test_the_database_refuses_an_allocation_without_target_that_skips_clean(world: ClusterWorld) -> None:
    before = Allocation.objects.count()

    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation(fund=world.fund, decision=world.decision, amount=Decimal(1000)).save()

    assert Allocation.objects.count() == before


def test_the_target_must_belong_to_the_funds_collaboration(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    with pytest.raises(ValidationError) as error:
        allocation_create(
            fund=world.fund, decision=world.decision, amount=Decimal(1), initiative=other.initiative
        )
    assert error.value.message_dict["initiative"] == ["Indsatsen hører til et andet samarbejde end puljen."]
    with pytest.raises(ValidationError) as error:
        allocation_create(
            fund=world.fund, decision=world.decision, amount=Decimal(1), focus_area=other.focus_area
        )
    assert error.value.message_dict["focus_area"] == ["Fokusområdet hører ikke til puljens samarbejde."]
