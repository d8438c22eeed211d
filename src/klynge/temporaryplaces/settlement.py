"""The settlement of temporary places among a region's municipalities in one period.

Pure computation on plain figures (no database), so it can be checked by hand:

- available place-days = places × days in the period;
- utilisation = occupied place-days / available place-days (occupied includes the place-days sold);
- own citizens' use = occupied − sold + bought;
- net place-days = sold − bought; across the region the nets sum to zero (each trade is one
  municipality's purchase and another's sale), and so do the amounts where prices are given;
- pairwise: what each pair of municipalities owes each other, netted; and a short list of transfers that
  settles every balance (greedy: largest debtor pays largest creditor; at most n − 1 transfers).
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from klynge.temporaryplaces.reform import REFORM_SHARE

K = TypeVar("K", bound=Hashable)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class CapacityFigures(Generic[K]):
    municipality: K
    places: int
    place_days_used: int


@dataclass(frozen=True)
class TradeFigures(Generic[K]):
    buyer: K
    seller: K
    place_days: int
    price_per_day: Decimal | None = None

    @property
    def amount(self) -> Decimal | None:
        if self.price_per_day is None:
            return None
        return (self.price_per_day * self.place_days).quantize(CENT)


@dataclass
class MunicipalityBalance(Generic[K]):
    municipality: K
    places: int
    available_days: int
    used_days: int
    bought_days: int = 0
    sold_days: int = 0
    amount_owed: Decimal = Decimal(0)  # for place-days bought, where priced
    amount_received: Decimal = Decimal(0)  # for place-days sold, where priced
    unpriced_trades: int = 0

    @property
    def own_use_days(self) -> int:
        """Place-days the municipality's own citizens used, on its own and on bought places."""
        return self.used_days - self.sold_days + self.bought_days

    @property
    def net_days(self) -> int:
        """Sold − bought: positive for a municipality that sells more than it buys."""
        return self.sold_days - self.bought_days

    @property
    def net_amount(self) -> Decimal:
        """Received − owed: positive for a municipality that is to be paid."""
        return self.amount_received - self.amount_owed

    @property
    def amount_to_pay(self) -> Decimal:
        """What the municipality pays in all, net (0 for one that is to be paid)."""
        return max(Decimal(0), -self.net_amount)

    @property
    def utilisation(self) -> Decimal | None:
        """Occupied place-days in per cent of the available ones (one decimal); None without places."""
        if self.available_days == 0:
            return None
        return (Decimal(100) * self.used_days / self.available_days).quantize(Decimal("0.1"))

    @property
    def places_to_region(self) -> Decimal:
        """The reform's share of the places (70 %): what moves to the region as health and care places."""
        return (REFORM_SHARE * self.places).quantize(Decimal("0.1"))

    @property
    def places_kept(self) -> Decimal:
        return Decimal(self.places) - self.places_to_region


@dataclass(frozen=True)
class PairBalance(Generic[K]):
    """What two municipalities bought of each other, netted: `payer` owes `payee` `amount`."""

    payer: K
    payee: K
    days_payer_bought: int
    days_payee_bought: int
    amount: Decimal


@dataclass(frozen=True)
class Transfer(Generic[K]):
    payer: K
    payee: K
    amount: Decimal


@dataclass
class Settlement(Generic[K]):
    days: int
    balances: list[MunicipalityBalance[K]]
    pairs: list[PairBalance[K]] = field(default_factory=list)
    transfers: list[Transfer[K]] = field(default_factory=list)

    @property
    def total(self) -> MunicipalityBalance[None]:
        """The region's totals (the municipality is None)."""
        total: MunicipalityBalance[None] = MunicipalityBalance(None, 0, 0, 0)
        for b in self.balances:
            total.places += b.places
            total.available_days += b.available_days
            total.used_days += b.used_days
            total.bought_days += b.bought_days
            total.sold_days += b.sold_days
            total.amount_owed += b.amount_owed
            total.amount_received += b.amount_received
            total.unpriced_trades += b.unpriced_trades
        return total

    @property
    def has_prices(self) -> bool:
        return any(b.amount_owed or b.amount_received for b in self.balances)

    @property
    def unpriced_trades(self) -> int:
        return sum(b.unpriced_trades for b in self.balances) // 2


class UnbalancedSettlement(AssertionError):
    """The region's nets do not sum to zero: the figures are inconsistent (a bug, never user input)."""


def settle(
    *,
    days: int,
    capacities: Iterable[CapacityFigures[K]],
    trades: Iterable[TradeFigures[K]],
    order: Sequence[K] | None = None,
) -> Settlement[K]:
    """Settle one period. Every trade's buyer and seller must have capacity figures for the period.

    `order` gives the municipalities' order in the result (default: as the capacities come)."""
    balances: dict[K, MunicipalityBalance[K]] = {}
    for c in capacities:
        balances[c.municipality] = MunicipalityBalance(
            municipality=c.municipality,
            places=c.places,
            available_days=c.places * days,
            used_days=c.place_days_used,
        )
    pair_days: dict[tuple[K, K], int] = defaultdict(int)
    pair_amounts: dict[tuple[K, K], Decimal] = defaultdict(Decimal)
    for t in trades:
        buyer, seller = balances[t.buyer], balances[t.seller]
        buyer.bought_days += t.place_days
        seller.sold_days += t.place_days
        pair_days[(t.buyer, t.seller)] += t.place_days
        amount = t.amount
        if amount is None:
            if t.place_days:
                buyer.unpriced_trades += 1
                seller.unpriced_trades += 1
        else:
            buyer.amount_owed += amount
            seller.amount_received += amount
            pair_amounts[(t.buyer, t.seller)] += amount

    ordered = [balances[k] for k in order if k in balances] if order is not None else list(balances.values())
    settlement = Settlement(days=days, balances=ordered)
    total = settlement.total
    if total.net_days != 0 or total.net_amount != 0:
        raise UnbalancedSettlement(f"nets do not balance: {total.net_days} days, {total.net_amount} kr.")

    position = {b.municipality: i for i, b in enumerate(ordered)}
    done: set[tuple[K, K]] = set()
    for a, b in list(pair_days):
        key = (a, b) if position[a] < position[b] else (b, a)
        if key in done:
            continue
        done.add(key)
        first, second = key
        owed = pair_amounts.get((first, second), Decimal(0)) - pair_amounts.get((second, first), Decimal(0))
        first_bought, second_bought = pair_days.get((first, second), 0), pair_days.get((second, first), 0)
        # Unpriced, the one who bought more place-days is the one who would pay.
        if owed > 0 or (owed == 0 and first_bought >= second_bought):
            pair = PairBalance(first, second, first_bought, second_bought, owed)
        else:
            pair = PairBalance(second, first, second_bought, first_bought, -owed)
        settlement.pairs.append(pair)
    settlement.pairs.sort(key=lambda p: (position[p.payer], position[p.payee]))
    settlement.transfers = minimal_transfers({b.municipality: b.net_amount for b in ordered}, position)
    return settlement


def minimal_transfers(nets: dict[K, Decimal], position: dict[K, int]) -> list[Transfer[K]]:
    """Transfers that settle every net (positive: to be paid): the largest debtor pays the largest
    creditor until all are settled. At most n − 1 transfers; ties are broken by `position`."""
    remaining = {k: amount for k, amount in nets.items() if amount != 0}
    transfers: list[Transfer[K]] = []
    while True:
        debtors = sorted(
            (k for k, v in remaining.items() if v < 0), key=lambda k: (remaining[k], position[k])
        )
        creditors = sorted(
            (k for k, v in remaining.items() if v > 0), key=lambda k: (-remaining[k], position[k])
        )
        if not debtors or not creditors:
            break
        payer, payee = debtors[0], creditors[0]
        amount = min(-remaining[payer], remaining[payee])
        transfers.append(Transfer(payer=payer, payee=payee, amount=amount))
        remaining[payer] += amount
        remaining[payee] -= amount
    if any(remaining.values()):
        raise UnbalancedSettlement("transfers do not settle every balance")
    return transfers
