"""Reading counts of temporary places, each in a fixed number of queries."""

from django.db.models import Count, Max, Min, QuerySet

from klynge.organisation.models import Party
from klynge.provenance.models import Source
from klynge.temporaryplaces.models import PlaceCapacity, PlaceCount, PlaceTrade
from klynge.temporaryplaces.periods import Period
from klynge.temporaryplaces.reform import REFORM_SOURCE_KEY
from klynge.temporaryplaces.settlement import CapacityFigures, Settlement, TradeFigures, settle


def place_count_list() -> QuerySet[PlaceCount]:
    """Every count with its region, first and last day, and how many municipalities and purchases (1 query)."""
    return (
        PlaceCount.objects.select_related("region", "source")
        .annotate(
            first_day=Min("capacities__period_start"),
            last_day=Max("capacities__period_end"),
            municipality_count=Count("capacities__municipality", distinct=True),
            trade_count=Count("trades", distinct=True),
        )
        .order_by("-is_example", "region__name", "name")
    )


def place_count_detail(*, slug: str) -> PlaceCount | None:
    return PlaceCount.objects.select_related("region", "source", "meeting__body").filter(slug=slug).first()


def place_count_periods(*, count: PlaceCount) -> list[Period]:
    """The periods the count has capacity rows for, earliest first (1 query)."""
    rows = (
        PlaceCapacity.objects.filter(count=count)
        .values_list("period_start", "period_end")
        .distinct()
        .order_by("period_start", "period_end")
    )
    return [Period(start, end) for start, end in rows]


def place_count_settlement(*, count: PlaceCount, period: Period) -> Settlement[Party]:
    """The settlement among the count's municipalities in one period (2 queries)."""
    capacities = list(
        PlaceCapacity.objects.filter(count=count, period_start=period.start, period_end=period.end)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    trades = PlaceTrade.objects.filter(
        count=count, period_start=period.start, period_end=period.end
    ).select_related("buyer", "seller")
    return settle(
        days=period.days,
        capacities=[CapacityFigures(c.municipality, c.places, c.place_days_used) for c in capacities],
        trades=[TradeFigures(t.buyer, t.seller, t.place_days, t.price_per_day) for t in trades],
        order=[c.municipality for c in capacities],
    )


def reform_source() -> Source | None:
    return Source.objects.filter(key=REFORM_SOURCE_KEY).first()
