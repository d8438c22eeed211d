"""Reads for GP coverage: datasets, the forecast of a dataset up to a target year, and the figures reported
at meetings (kept as reported, never mixed with the model's output). A fixed number of queries each."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, QuerySet

from klynge.catchment.models import Area, AreaKind
from klynge.gpcoverage.forecast import (
    AreaForecast,
    AreaNode,
    Criteria,
    YearFigures,
    YearForecast,
    build_forecasts,
)
from klynge.gpcoverage.models import GpCoverageDataset, GpCoverageFigure
from klynge.meetings.access import VisibleItems, restrict_to_visible
from klynge.meetings.models import FigureMetric, ReportedFigure


def dataset_list() -> QuerySet[GpCoverageDataset]:
    """Every dataset with its number of figures and areas and its first and last year (one query)."""
    return (
        GpCoverageDataset.objects.select_related("source")
        .annotate(
            figure_count=Count("figures"),
            area_count=Count("figures__area", distinct=True),
            first_year=Min("figures__year"),
            last_year=Max("figures__year"),
        )
        .order_by("is_example", "-imported_at", "name")
    )


def dataset_by_slug(*, slug: str) -> GpCoverageDataset | None:
    return (
        GpCoverageDataset.objects.select_related("source", "imported_by")
        .annotate(first_year=Min("figures__year"), last_year=Max("figures__year"))
        .filter(slug=slug)
        .first()
    )


def year_range(dataset: GpCoverageDataset) -> tuple[int | None, int | None]:
    """The first and last year of a dataset from dataset_list() or dataset_by_slug()."""
    return getattr(dataset, "first_year", None), getattr(dataset, "last_year", None)


def dataset_criteria(dataset: GpCoverageDataset) -> Criteria:
    return Criteria(
        norm=dataset.norm,
        max_patients_per_capacity=dataset.max_patients_per_capacity,
        share_60_plus_threshold=dataset.share_60_plus_threshold,
        closed_practices_threshold=dataset.closed_practices_threshold,
        criteria_required=dataset.criteria_required,
    )


@dataclass(frozen=True)
class DatasetForecast:
    dataset: GpCoverageDataset
    criteria: Criteria
    target_year: int
    years: tuple[int, ...]  # the dataset's years up to the target year
    areas: list[AreaForecast]
    target_note: str = ""  # why the target year shown is not the one asked for

    @property
    def given_areas(self) -> list[AreaForecast]:
        """The areas the file gives figures for (not the sums of parts), for the chart."""
        return [a for a in self.areas if not a.is_sum]

    @property
    def target_rows(self) -> list[tuple[AreaForecast, YearForecast | None]]:
        """Each area with its figures in the target year (None if it has none)."""
        return [(a, a.in_year(self.target_year)) for a in self.areas]

    @property
    def threatened_in_target_year(self) -> list[AreaForecast]:
        return [a for a in self.areas if (y := a.in_year(self.target_year)) is not None and y.threatened]

    @property
    def top_level_to_recruit(self) -> int:
        """The GPs to recruit by the target year in the areas that lie in no other area of the forecast."""
        return sum(
            y.to_recruit
            for a in self.areas
            if a.depth == 0 and (y := a.in_year(self.target_year)) is not None
        )


def target_year_for(dataset: GpCoverageDataset, requested: Any) -> tuple[int, str]:
    """The target year to show: the one asked for (?maal=2027) if the dataset reaches it, else its last year,
    with a note saying why."""
    first, last = year_range(dataset)
    if first is None or last is None:
        return 0, ""
    if requested in (None, ""):
        return last, ""
    try:
        year = int(str(requested).strip())
    except ValueError:
        return last, f"»{requested}« er ikke et årstal; prognosen vises til {last}, datasættets sidste år."
    if year > last:
        return last, f"Datasættet har tal til og med {last}; prognosen vises til {last}."
    if year < first:
        return first, f"Datasættet begynder i {first}; prognosen vises til {first}."
    return year, ""


def dataset_forecast(
    *, dataset: GpCoverageDataset, target_year: int, target_note: str = ""
) -> DatasetForecast:
    """The forecast of every area in the dataset, and of the areas they lie in, up to the target year.

    Two queries: the dataset's figures, and the areas (for the tree of parts and wholes)."""
    criteria = dataset_criteria(dataset)
    figures: dict[int, list[YearFigures]] = {}
    years: set[int] = set()
    rows = GpCoverageFigure.objects.filter(dataset=dataset, year__lte=target_year).order_by("year")
    for row in rows:
        years.add(row.year)
        figures.setdefault(row.area_id, []).append(
            YearFigures(
                year=row.year,
                population=row.population,
                capacities=row.capacities,
                expected_retirements=row.expected_retirements,
                capacities_60_plus=row.capacities_60_plus,
                closed_practices=row.closed_practices,
                population_is_forecast=row.population_is_forecast,
            )
        )
    areas = {
        a.pk: AreaNode(id=a.pk, name=a.name, parent_id=a.parent_id, is_region=a.kind == AreaKind.REGION)
        for a in Area.objects.only("pk", "name", "kind", "parent_id")
    }
    forecasts = build_forecasts(areas, figures, criteria, target_year=target_year)
    all_years = range(min(years), target_year + 1) if years else range(0)
    return DatasetForecast(
        dataset=dataset,
        criteria=criteria,
        target_year=target_year,
        years=tuple(all_years),
        areas=forecasts,
        target_note=target_note,
    )


GP_METRICS = (FigureMetric.GPS_NEEDED, FigureMetric.GP_THREATENED_AREA)


def reported_gp_figures(*, visible: VisibleItems | None) -> list[ReportedFigure]:
    """The GP coverage figures reported at meetings the viewer may see, with meeting, body and source
    (one query). They are kept as reported, with their source, and never computed."""
    figures = ReportedFigure.objects.filter(metric__in=GP_METRICS).select_related(
        "agenda_item__meeting__body", "area", "source"
    )
    return list(
        restrict_to_visible(figures, visible).order_by("-agenda_item__meeting__date", "agenda_item", "pk")
    )
