"""The settlement, checked against figures computed by hand (see tests/temporaryplaces/helpers.py)."""

from decimal import Decimal

import pytest

from klynge.temporaryplaces.settlement import (
    CapacityFigures,
    TradeFigures,
    UnbalancedSettlement,
    minimal_transfers,
    settle,
)

DAYS = 92  # 4th quarter 2023


def hand_settlement():  # type: ignore[no-untyped-def]
    return settle(
        days=DAYS,
        capacities=[
            CapacityFigures("A", 10, 828),
            CapacityFigures("B", 5, 414),
            CapacityFigures("C", 2, 92),
        ],
        trades=[
            TradeFigures("B", "A", 100, Decimal(2000)),
            TradeFigures("C", "A", 50, Decimal(1500)),
            TradeFigures("A", "B", 30, Decimal(1000)),
            TradeFigures("C", "B", 20),
        ],
    )


def test_each_municipality_by_hand() -> None:
    a, b, c = hand_settlement().balances
    # A: 10 places × 92 days = 920; occupied 828 = 90 %; sold 100 + 50, bought 30.
    assert (a.available_days, a.used_days, a.utilisation) == (920, 828, Decimal("90.0"))
    assert (a.bought_days, a.sold_days, a.net_days, a.own_use_days) == (30, 150, 120, 828 - 150 + 30)
    assert (a.amount_owed, a.amount_received, a.net_amount) == (30_000, 275_000, 245_000)
    # B: bought 100 of A, sold 30 to A and 20 (unpriced) to C.
    assert (b.available_days, b.utilisation, b.bought_days, b.sold_days, b.net_days) == (
        460,
        90,
        100,
        50,
        -50,
    )
    assert (b.amount_owed, b.amount_received, b.net_amount, b.amount_to_pay) == (
        200_000,
        30_000,
        -170_000,
        170_000,
    )
    assert b.own_use_days == 414 - 50 + 100
    # C: 2 places, half occupied; bought 50 of A and 20 of B.
    assert (c.available_days, c.utilisation, c.bought_days, c.sold_days, c.net_days) == (184, 50, 70, 0, -70)
    assert (c.amount_owed, c.net_amount, c.own_use_days) == (75_000, -75_000, 162)
    assert (a.unpriced_trades, b.unpriced_trades, c.unpriced_trades) == (0, 1, 1)


def test_the_region_balances() -> None:
    settlement = hand_settlement()
    total = settlement.total
    assert total.net_days == 0 and total.net_amount == 0
    assert (total.places, total.available_days, total.used_days) == (17, 1564, 1334)
    assert total.utilisation == Decimal("85.3")  # 1334 / 1564
    assert total.bought_days == total.sold_days == 200
    assert settlement.has_prices and settlement.unpriced_trades == 1


def test_pairwise_who_pays_whom() -> None:
    pairs = {(p.payer, p.payee): p for p in hand_settlement().pairs}
    assert set(pairs) == {("B", "A"), ("C", "A"), ("C", "B")}
    # B bought 100 of A for 200.000, A 30 of B for 30.000: B pays A the difference.
    assert (pairs["B", "A"].days_payer_bought, pairs["B", "A"].days_payee_bought) == (100, 30)
    assert pairs["B", "A"].amount == 170_000
    assert pairs["C", "A"].amount == 75_000
    # Unpriced: no amount, but the buyer is the one who would pay.
    assert (pairs["C", "B"].days_payer_bought, pairs["C", "B"].amount) == (20, 0)


def test_the_fewest_transfers_settle_every_balance() -> None:
    transfers = hand_settlement().transfers
    assert [(t.payer, t.payee, t.amount) for t in transfers] == [("B", "A", 170_000), ("C", "A", 75_000)]
    position = {k: i for i, k in enumerate("ABCD")}
    # Two pairs that cancel out: two transfers, not four.
    nets = {"A": Decimal(50), "B": Decimal(30), "C": Decimal(-50), "D": Decimal(-30)}
    assert [(t.payer, t.payee, t.amount) for t in minimal_transfers(nets, position)] == [
        ("C", "A", 50),
        ("D", "B", 30),
    ]
    # Never more than n − 1, and every balance settled.
    nets = {"A": Decimal(100), "B": Decimal(50), "C": Decimal(-80), "D": Decimal(-70)}
    transfers = minimal_transfers(nets, position)
    assert len(transfers) <= 3
    settled = dict.fromkeys(nets, Decimal(0))
    for t in transfers:
        settled[t.payer] -= t.amount
        settled[t.payee] += t.amount
    assert settled == nets


def test_the_2027_projection_is_70_percent_of_the_places() -> None:
    a, b, c = hand_settlement().balances
    assert [x.places_to_region for x in (a, b, c)] == [Decimal("7.0"), Decimal("3.5"), Decimal("1.4")]
    assert [x.places_kept for x in (a, b, c)] == [Decimal("3.0"), Decimal("1.5"), Decimal("0.6")]


def test_no_places_no_utilisation_and_an_inconsistent_total_is_caught() -> None:
    settlement = settle(days=31, capacities=[CapacityFigures("A", 0, 0)], trades=[])
    assert (
        settlement.balances[0].utilisation is None and settlement.pairs == [] and settlement.transfers == []
    )
    with pytest.raises(UnbalancedSettlement):
        minimal_transfers({"A": Decimal(10)}, {"A": 0})
