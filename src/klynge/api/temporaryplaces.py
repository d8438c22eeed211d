"""The API of temporary places (midlertidige pladser): the counts, and one count's settlement in a period.

The same numbers as the pages (/midlertidige-pladser/ and /midlertidige-pladser/<slug>/), from the same
selectors and settlement module: per municipality its places, use, purchases and sales, the balances,
what each pair of municipalities owes each other, the transfers that settle it all, and the 2027
projection (70 % of the places move to the region). Every answer says whether a count is example data
(`is_example`), so a program never takes invented figures for real ones.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.http import urlencode
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS
from klynge.api.pagination import Pages
from klynge.api.provenance import SourceRef
from klynge.api.schemas import Id, Input, SlugRef
from klynge.temporaryplaces.models import PlaceCount
from klynge.temporaryplaces.periods import PERIOD_FORMATS_EN, Period, PeriodKind, parse_period
from klynge.temporaryplaces.reform import REFORM_DATE, REFORM_SHARE
from klynge.temporaryplaces.selectors import (
    place_count_list,
    place_count_periods,
    place_count_settlement,
    reform_source,
)
from klynge.temporaryplaces.settlement import MunicipalityBalance

router = Router(tags=["Temporary places"])


def _count_url(count: PlaceCount, period: Period | None = None) -> str:
    url = count.get_absolute_url()
    return f"{url}?{urlencode({'periode': period.token})}" if period is not None else url


class PlaceCountOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    is_example: bool = Field(description="Invented figures, not a real count.")
    region: SlugRef
    meeting_id: int | None = Field(description="The meeting the count was discussed at.")
    source: SourceRef | None
    source_note: str
    file_name: str
    first_day: datetime.date | None
    last_day: datetime.date | None
    municipality_count: int
    trade_count: int
    url: str

    @staticmethod
    def resolve_first_day(obj: PlaceCount) -> datetime.date | None:
        return getattr(obj, "first_day", None)

    @staticmethod
    def resolve_last_day(obj: PlaceCount) -> datetime.date | None:
        return getattr(obj, "last_day", None)

    @staticmethod
    def resolve_municipality_count(obj: PlaceCount) -> int:
        return getattr(obj, "municipality_count", 0)

    @staticmethod
    def resolve_trade_count(obj: PlaceCount) -> int:
        return getattr(obj, "trade_count", 0)

    @staticmethod
    def resolve_url(obj: PlaceCount) -> str:
        return _count_url(obj)


class PeriodOut(Schema):
    token: str = Field(description="How to ask for the period: 2023-10, 2023-K4 or 2023.")
    kind: PeriodKind
    start: datetime.date
    end: datetime.date
    days: int
    label: str = Field(description="The period in Danish, as on the page.")


class BalanceOut(Schema):
    municipality: SlugRef | None = Field(description="Empty in the region's total.")
    places: int
    available_days: int = Field(description="Places × days in the period.")
    used_days: int = Field(description="Occupied place-days, including those sold to other municipalities.")
    utilisation_percent: Decimal | None
    bought_days: int
    sold_days: int
    own_use_days: int = Field(description="Used by the municipality's own citizens: used − sold + bought.")
    net_days: int = Field(description="Sold − bought.")
    amount_owed: Decimal = Field(description="For place-days bought, where priced (kr.).")
    amount_received: Decimal = Field(description="For place-days sold, where priced (kr.).")
    net_amount: Decimal = Field(description="Received − owed: positive for a municipality to be paid.")
    amount_to_pay: Decimal
    unpriced_trades: int
    places_to_region: Decimal = Field(description="The reform's share of the places (from 2027).")
    places_kept: Decimal


class PairOut(Schema):
    payer: SlugRef
    payee: SlugRef
    days_payer_bought: int
    days_payee_bought: int
    amount: Decimal


class TransferOut(Schema):
    payer: SlugRef
    payee: SlugRef
    amount: Decimal


class ProjectionOut(Schema):
    reform_date: datetime.date
    share_to_region: Decimal = Field(description="The share of the places that moves to the region (0.7).")
    places_to_region: Decimal = Field(description="The region's total, as on the page.")
    places_kept: Decimal
    source: SourceRef | None


class SettlementOut(Schema):
    days: int
    balances: list[BalanceOut]
    total: BalanceOut
    has_prices: bool
    unpriced_trades: int
    pairs: list[PairOut]
    transfers: list[TransferOut] = Field(description="Transfers that settle every balance (at most n − 1).")


class PlaceCountDetailOut(Schema):
    count: PlaceCountOut
    is_example: bool = Field(description="The count's figures are invented examples, not real numbers.")
    periods: list[PeriodOut] = Field(description="The periods the count has figures for, earliest first.")
    period: PeriodOut | None = Field(description="The period shown; empty when the count has none.")
    settlement: SettlementOut | None
    projection: ProjectionOut | None
    url: str = Field(description="The count's page for the period.")


PeriodToken = Annotated[str, Field(max_length=20, description=f"The period: {PERIOD_FORMATS_EN}.")]


class PeriodQuery(Input):
    period: PeriodToken | None = Field(None, description=f"{PERIOD_FORMATS_EN}; the latest if left out.")


@router.get("/temporary-places/counts", response={200: list[PlaceCountOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_counts(request: HttpRequest) -> Any:
    """The counts of temporary places among a region's municipalities, example counts marked as such."""
    return place_count_list()


def _period_out(period: Period) -> dict[str, Any]:
    return {
        "token": period.token,
        "kind": period.kind,
        "start": period.start,
        "end": period.end,
        "days": period.days,
        "label": period.label,
    }


def _balance_out(b: MunicipalityBalance[Any]) -> dict[str, Any]:
    return {
        "municipality": b.municipality,
        "places": b.places,
        "available_days": b.available_days,
        "used_days": b.used_days,
        "utilisation_percent": b.utilisation,
        "bought_days": b.bought_days,
        "sold_days": b.sold_days,
        "own_use_days": b.own_use_days,
        "net_days": b.net_days,
        "amount_owed": b.amount_owed,
        "amount_received": b.amount_received,
        "net_amount": b.net_amount,
        "amount_to_pay": b.amount_to_pay,
        "unpriced_trades": b.unpriced_trades,
        "places_to_region": b.places_to_region,
        "places_kept": b.places_kept,
    }


def _chosen_period(periods: list[Period], token: str | None) -> Period | None:
    if token is None or not token.strip():
        return periods[-1] if periods else None
    try:
        period = parse_period(token)
    except ValueError:
        raise HttpError(422, f"period must be {PERIOD_FORMATS_EN}.") from None
    if period not in periods:
        known = ", ".join(p.token for p in periods) or "none"
        raise HttpError(422, f"The count has no figures for {period.token}; its periods: {known}.")
    return period


@router.get(
    "/temporary-places/counts/{count_id}",
    response={200: PlaceCountDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
)
def get_count(request: HttpRequest, count_id: Id, query: Query[PeriodQuery]) -> Any:
    """One count in one period: per municipality its places, use, purchases and sales and balance; what
    each pair owes each other; the transfers that settle it; and the 2027 projection — the page's numbers."""
    count = place_count_list().select_related("meeting").filter(pk=count_id).first()
    if count is None:
        raise Http404
    periods = place_count_periods(count=count)
    period = _chosen_period(periods, query.period)
    settlement = place_count_settlement(count=count, period=period) if period is not None else None
    settlement_out = projection = None
    if settlement is not None:
        total = settlement.total
        settlement_out = {
            "days": settlement.days,
            "balances": [_balance_out(b) for b in settlement.balances],
            "total": _balance_out(total),
            "has_prices": settlement.has_prices,
            "unpriced_trades": settlement.unpriced_trades,
            "pairs": [
                {
                    "payer": p.payer,
                    "payee": p.payee,
                    "days_payer_bought": p.days_payer_bought,
                    "days_payee_bought": p.days_payee_bought,
                    "amount": p.amount,
                }
                for p in settlement.pairs
            ],
            "transfers": [
                {"payer": t.payer, "payee": t.payee, "amount": t.amount} for t in settlement.transfers
            ],
        }
        projection = {
            "reform_date": REFORM_DATE,
            "share_to_region": REFORM_SHARE,
            "places_to_region": total.places_to_region,
            "places_kept": total.places_kept,
            "source": reform_source(),
        }
    return {
        "count": count,
        "is_example": count.is_example,
        "periods": [_period_out(p) for p in periods],
        "period": _period_out(period) if period is not None else None,
        "settlement": settlement_out,
        "projection": projection,
        "url": _count_url(count, period),
    }
