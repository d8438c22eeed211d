"""The GP coverage forecast: pure arithmetic, no database (the selectors feed it, the tests check it by hand).

For an area and each year from its first year in the dataset up to the target year:

- base year: the latest year up to and including the year whose row gives the capacities;
- capacities available = the base year's capacities − the expected retirements from the base year up to
  and including the year (a year without a row counts as no retirements, and gets no forecast);
- capacities needed = ⌈population / norm⌉ (rounded up: half a GP's list still needs a GP);
- GPs to recruit = max(0, needed − available);
- the criteria, each met or not, with its reason in Danish:
  patients per available capacity over the limit (a population with no capacity at all counts as over);
  the share of capacities held by GPs aged 60+ over the limit (only in years that give both counts);
  at least the given number of practices with closed lists;
  threatened when at least `criteria_required` criteria are met.

A parent area (Copenhagen of its districts) is the sum of its parts, year by year, for every figure, the
GPs to recruit included: a surplus in one district does not fill a shortage in another. A parent year is
given only when every part has it; the criteria are then read off the summed figures.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from klynge.kernel.formatting import danish_number


@dataclass(frozen=True)
class Criteria:
    norm: int
    max_patients_per_capacity: int | None
    share_60_plus_threshold: Decimal | None
    closed_practices_threshold: int | None
    criteria_required: int = 1


@dataclass(frozen=True)
class YearFigures:
    """One area's figures for one year, as imported."""

    year: int
    population: int
    capacities: int | None
    expected_retirements: int = 0
    capacities_60_plus: int | None = None
    closed_practices: int | None = None
    population_is_forecast: bool = False


@dataclass(frozen=True)
class YearForecast:
    year: int
    population: int
    population_is_forecast: bool
    capacities: int | None  # as given for the year (None in a year that gives none)
    base_year: int | None  # None for a sum of parts
    base_capacities: int | None  # the capacities in the base year (None for a sum of parts)
    retirements: int  # expected in the year
    retirements_since_base: int  # from the base year up to and including the year
    available: int
    needed: int
    to_recruit: int
    capacities_60_plus: int | None
    closed_practices: int | None
    reasons: tuple[str, ...]
    threatened: bool

    @property
    def patients_per_capacity(self) -> Decimal | None:
        if self.available == 0:
            return None
        return (Decimal(self.population) / self.available).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def share_60_plus(self) -> Decimal | None:
        if self.capacities_60_plus is None or not self.capacities:
            return None
        return Decimal(self.capacities_60_plus) / self.capacities

    @property
    def share_60_plus_percent(self) -> Decimal | None:
        share = self.share_60_plus
        return None if share is None else (share * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class AreaForecast:
    area_id: int
    name: str
    parent_id: int | None
    years: tuple[YearForecast, ...]
    missing_years: tuple[int, ...]
    parts: tuple[str, ...] = field(default=())  # the names of the parts, for a sum of parts
    incomplete: tuple[tuple[int, tuple[str, ...]], ...] = field(default=())  # (year, parts lacking it)
    depth: int = 0

    @property
    def is_sum(self) -> bool:
        return bool(self.parts)

    def in_year(self, year: int) -> YearForecast | None:
        return next((y for y in self.years if y.year == year), None)


def capacities_needed(population: int, norm: int) -> int:
    """⌈population / norm⌉ in whole numbers (no floating point)."""
    if norm <= 0:
        raise ValueError("the norm must be positive")
    return -(-population // norm)


def _share_text(share: Decimal) -> str:
    return f"{danish_number((share * 100).quantize(Decimal('0.1'), ROUND_HALF_UP))} %"


def assess(
    *,
    population: int,
    available: int,
    capacities: int | None,
    capacities_60_plus: int | None,
    closed_practices: int | None,
    criteria: Criteria,
) -> tuple[tuple[str, ...], bool]:
    """The criteria met (each with its reason in Danish), and whether that makes the area threatened."""
    reasons: list[str] = []
    limit = criteria.max_patients_per_capacity
    if limit is not None and population > limit * available:
        if available == 0:
            reasons.append(f"ingen kapaciteter til rådighed til {danish_number(population)} indbyggere")
        else:
            ratio = (Decimal(population) / available).quantize(Decimal("0.1"), ROUND_HALF_UP)
            reasons.append(
                f"{danish_number(ratio)} patienter pr. kapacitet – over grænsen på {danish_number(limit)}"
            )
    threshold = criteria.share_60_plus_threshold
    if (
        threshold is not None
        and capacities
        and capacities_60_plus is not None
        and capacities_60_plus > threshold * capacities
    ):
        share = Decimal(capacities_60_plus) / capacities
        reasons.append(
            f"{_share_text(share)} af kapaciteterne hos læger på 60 år eller derover – over "
            f"grænsen på {_share_text(threshold)}"
        )
    closed_limit = criteria.closed_practices_threshold
    if closed_limit is not None and closed_practices is not None and closed_practices >= closed_limit:
        noun = "praksis" if closed_practices == 1 else "praksisser"
        reasons.append(f"{danish_number(closed_practices)} {noun} med lukket liste")
    return tuple(reasons), len(reasons) >= max(1, criteria.criteria_required)


def forecast_area(
    figures: Iterable[YearFigures], criteria: Criteria, *, target_year: int
) -> tuple[tuple[YearForecast, ...], tuple[int, ...]]:
    """The forecast for one area from its first year up to the target year, and the years without a row.

    A year before any year that gives capacities has no base and is left out as missing."""
    by_year = {f.year: f for f in figures}
    if not by_year:
        return (), ()
    results: list[YearForecast] = []
    missing: list[int] = []
    base: YearFigures | None = None
    since_base = 0
    for year in range(min(by_year), target_year + 1):
        row = by_year.get(year)
        if row is None:
            missing.append(year)
            continue
        if row.capacities is not None:
            base, since_base = row, 0
        if base is None or base.capacities is None:
            missing.append(year)
            continue
        since_base += row.expected_retirements
        available = max(0, base.capacities - since_base)
        needed = capacities_needed(row.population, criteria.norm)
        reasons, threatened = assess(
            population=row.population,
            available=available,
            capacities=row.capacities,
            capacities_60_plus=row.capacities_60_plus,
            closed_practices=row.closed_practices,
            criteria=criteria,
        )
        results.append(
            YearForecast(
                year=year,
                population=row.population,
                population_is_forecast=row.population_is_forecast,
                capacities=row.capacities,
                base_year=base.year,
                base_capacities=base.capacities,
                retirements=row.expected_retirements,
                retirements_since_base=since_base,
                available=available,
                needed=needed,
                to_recruit=max(0, needed - available),
                capacities_60_plus=row.capacities_60_plus,
                closed_practices=row.closed_practices,
                reasons=reasons,
                threatened=threatened,
            )
        )
    return tuple(results), tuple(missing)


def _sum_or_none(values: Sequence[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def sum_of_parts(
    parts: Sequence[AreaForecast], criteria: Criteria
) -> tuple[tuple[YearForecast, ...], tuple[tuple[int, tuple[str, ...]], ...]]:
    """A parent area's years as the sums of its parts' years, and the years some parts lack (with their names).

    Only years every part has are summed; the criteria are read off the sums."""
    years = sorted(
        {y.year for part in parts for y in part.years} | {m for part in parts for m in part.missing_years}
    )
    results: list[YearForecast] = []
    incomplete: list[tuple[int, tuple[str, ...]]] = []
    for year in years:
        found = [(part, part.in_year(year)) for part in parts]
        lacking = tuple(part.name for part, y in found if y is None)
        if lacking:
            incomplete.append((year, lacking))
            continue
        rows = [y for _, y in found if y is not None]
        population = sum(r.population for r in rows)
        available = sum(r.available for r in rows)
        capacities = _sum_or_none([r.capacities for r in rows])
        capacities_60_plus = _sum_or_none([r.capacities_60_plus for r in rows])
        closed = _sum_or_none([r.closed_practices for r in rows])
        reasons, threatened = assess(
            population=population,
            available=available,
            capacities=capacities,
            capacities_60_plus=capacities_60_plus,
            closed_practices=closed,
            criteria=criteria,
        )
        results.append(
            YearForecast(
                year=year,
                population=population,
                population_is_forecast=any(r.population_is_forecast for r in rows),
                capacities=capacities,
                base_year=None,
                base_capacities=None,
                retirements=sum(r.retirements for r in rows),
                retirements_since_base=sum(r.retirements_since_base for r in rows),
                available=available,
                needed=sum(r.needed for r in rows),
                to_recruit=sum(r.to_recruit for r in rows),
                capacities_60_plus=capacities_60_plus,
                closed_practices=closed,
                reasons=reasons,
                threatened=threatened,
            )
        )
    return tuple(results), tuple(incomplete)


@dataclass(frozen=True)
class AreaNode:
    """An area's place in the tree of areas (from Klynge's areas)."""

    id: int
    name: str
    parent_id: int | None
    is_region: bool = False


def build_forecasts(
    areas: dict[int, AreaNode],
    figures: dict[int, list[YearFigures]],
    criteria: Criteria,
    *,
    target_year: int,
) -> list[AreaForecast]:
    """The forecast of every area with figures, and of the areas they lie in (as sums of their parts, up to
    but not including a region), in tree order: each area followed by its parts, by name."""
    result: dict[int, AreaForecast] = {}
    for area_id, rows in figures.items():
        node = areas[area_id]
        years, missing = forecast_area(rows, criteria, target_year=target_year)
        result[area_id] = AreaForecast(
            area_id=area_id, name=node.name, parent_id=node.parent_id, years=years, missing_years=missing
        )

    def depth(area_id: int) -> int:
        level, parent = 0, areas[area_id].parent_id
        while parent is not None and parent in areas and level < 20:
            level, parent = level + 1, areas[parent].parent_id
        return level

    to_sum: set[int] = set()
    for area_id in figures:
        parent = areas[area_id].parent_id
        while (
            parent is not None and parent in areas and not areas[parent].is_region and parent not in figures
        ):
            to_sum.add(parent)
            parent = areas[parent].parent_id
    for area_id in sorted(to_sum, key=depth, reverse=True):
        node = areas[area_id]
        parts = sorted((f for f in result.values() if f.parent_id == area_id), key=lambda f: f.name)
        years, incomplete = sum_of_parts(parts, criteria)
        result[area_id] = AreaForecast(
            area_id=area_id,
            name=node.name,
            parent_id=node.parent_id,
            years=years,
            missing_years=(),
            parts=tuple(p.name for p in parts),
            incomplete=incomplete,
        )

    ordered: list[AreaForecast] = []

    def visit(parent_id: int | None, level: int) -> None:
        children = sorted(
            (f for f in result.values() if (f.parent_id if f.parent_id in result else None) == parent_id),
            key=lambda f: f.name,
        )
        for child in children:
            ordered.append(replace(child, depth=level))
            visit(child.area_id, level + 1)

    visit(None, 0)
    return ordered
