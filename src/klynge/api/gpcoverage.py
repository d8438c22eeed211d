"""The API of GP coverage (lægedækning): the imported datasets and each one's forecast up to a target year.

The same numbers as the pages (/laegedaekning/ and /laegedaekning/<slug>/), from the same selectors and
forecast module; nothing is computed here. Every answer says whether a dataset is example data
(`is_example`), so a program never takes invented figures for real ones. The figures reported at
meetings are kept apart, as reported and with their sources, and only those on agenda items the caller
may see.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS
from klynge.api.pagination import Pages
from klynge.api.provenance import SourceRef
from klynge.api.schemas import Id, Input, Ref
from klynge.gpcoverage import selectors
from klynge.gpcoverage.forecast import AreaForecast, YearForecast
from klynge.gpcoverage.models import MAX_YEAR, MIN_YEAR, GpCoverageDataset
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import FigureMetric, ReportedFigure

router = Router(tags=["GP coverage"])


class CriteriaOut(Schema):
    norm: int = Field(description="Registered patients per GP capacity the need is computed from.")
    max_patients_per_capacity: int | None = Field(
        description="Threatened above this many patients per available capacity; empty: not used."
    )
    share_60_plus_threshold: Decimal | None = Field(
        description="Threatened above this share (0–1) of capacities held by GPs aged 60+; empty: not used."
    )
    closed_practices_threshold: int | None = Field(
        description="Threatened at this many practices with closed lists; empty: not used."
    )
    criteria_required: int = Field(description="How many criteria make an area threatened.")


class DatasetOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    is_example: bool = Field(description="Invented figures for trying the model: never real numbers.")
    source: SourceRef | None
    source_note: str
    file_name: str
    imported_at: datetime.datetime
    criteria: CriteriaOut
    first_year: int | None
    last_year: int | None
    url: str

    @staticmethod
    def resolve_criteria(obj: GpCoverageDataset) -> Any:
        return selectors.dataset_criteria(obj)

    @staticmethod
    def resolve_first_year(obj: GpCoverageDataset) -> int | None:
        return selectors.year_range(obj)[0]

    @staticmethod
    def resolve_last_year(obj: GpCoverageDataset) -> int | None:
        return selectors.year_range(obj)[1]

    @staticmethod
    def resolve_url(obj: GpCoverageDataset) -> str:
        return obj.get_absolute_url()


class YearOut(Schema):
    year: int
    population: int
    population_is_forecast: bool
    capacities: int | None = Field(description="As given for the year (empty in a year that gives none).")
    base_year: int | None = Field(
        description="The year whose capacities the year counts from; empty for a sum."
    )
    retirements: int
    retirements_since_base: int
    available: int = Field(description="GP capacities available in the year.")
    needed: int = Field(description="GP capacities needed: ⌈population / norm⌉.")
    to_recruit: int = Field(description="GPs to recruit: max(0, needed − available).")
    patients_per_capacity: Decimal | None
    capacities_60_plus: int | None
    closed_practices: int | None
    threatened: bool
    reasons: list[str] = Field(description="The criteria met, each with its reason (Danish, as on the page).")


class AreaForecastOut(Schema):
    area: Ref
    parent_id: int | None = Field(description="The area it lies in, if that area is in the forecast too.")
    depth: int
    is_sum_of_parts: bool = Field(description="True for an area computed as the sum of its parts.")
    parts: list[str]
    missing_years: list[int] = Field(description="Years without figures for the area (no forecast).")
    years: list[YearOut]


class ReportedGpFigureOut(Schema):
    id: int
    metric: FigureMetric
    label: str
    area: Ref | None
    value: Decimal | None
    unit: str
    year: int | None
    explanation: str
    meeting_date: datetime.date
    body: Ref
    source: SourceRef | None
    source_note: str
    url: str = Field(description="The agenda item on its meeting's page.")


class DatasetForecastOut(Schema):
    dataset: DatasetOut
    is_example: bool = Field(description="The dataset's figures are invented examples, not real numbers.")
    target_year: int | None = Field(description="Empty when the dataset has no figures.")
    years: list[int]
    areas: list[AreaForecastOut] = Field(description="Every area in tree order, each followed by its parts.")
    to_recruit_in_target_year: int = Field(
        description="GPs to recruit by the target year in the areas that lie in no other area."
    )
    threatened_in_target_year: list[Ref]
    reported_figures: list[ReportedGpFigureOut] = Field(
        description="GP coverage figures reported at meetings (as reported, with their sources; not computed "
        "from the dataset), only from agenda items you may see."
    )


class ForecastQuery(Input):
    target_year: int | None = Field(
        None,
        ge=MIN_YEAR,
        le=MAX_YEAR,
        description="Forecast up to this year (within the dataset's years); the dataset's last year if left out.",
    )


@router.get("/gp-coverage/datasets", response={200: list[DatasetOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_datasets(request: HttpRequest) -> Any:
    """The imported GP coverage datasets, real ones first, each with its norm, criteria and years."""
    return selectors.dataset_list()


def _year_out(y: YearForecast) -> dict[str, Any]:
    return {
        "year": y.year,
        "population": y.population,
        "population_is_forecast": y.population_is_forecast,
        "capacities": y.capacities,
        "base_year": y.base_year,
        "retirements": y.retirements,
        "retirements_since_base": y.retirements_since_base,
        "available": y.available,
        "needed": y.needed,
        "to_recruit": y.to_recruit,
        "patients_per_capacity": y.patients_per_capacity,
        "capacities_60_plus": y.capacities_60_plus,
        "closed_practices": y.closed_practices,
        "threatened": y.threatened,
        "reasons": list(y.reasons),
    }


def _area_out(a: AreaForecast) -> dict[str, Any]:
    return {
        "area": {"id": a.area_id, "name": a.name},
        "parent_id": a.parent_id,
        "depth": a.depth,
        "is_sum_of_parts": a.is_sum,
        "parts": list(a.parts),
        "missing_years": list(a.missing_years),
        "years": [_year_out(y) for y in a.years],
    }


def _figure_out(figure: ReportedFigure) -> dict[str, Any]:
    item = figure.agenda_item
    meeting = item.meeting
    return {
        "id": figure.pk,
        "metric": figure.metric,
        "label": figure.label,
        "area": figure.area,
        "value": figure.value,
        "unit": figure.unit,
        "year": figure.year,
        "explanation": figure.explanation,
        "meeting_date": meeting.date,
        "body": meeting.body,
        "source": figure.source,
        "source_note": figure.source_note,
        "url": item.get_absolute_url(),
    }


@router.get(
    "/gp-coverage/datasets/{dataset_id}",
    response={200: DatasetForecastOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
)
def get_dataset(request: HttpRequest, dataset_id: Id, query: Query[ForecastQuery]) -> Any:
    """A dataset's forecast per area and year up to the target year: capacities available and needed, GPs
    to recruit, and whether the area is threatened and why — the numbers of the dataset's page."""
    dataset = selectors.dataset_list().filter(pk=dataset_id).first()
    if dataset is None:
        raise Http404
    first, last = selectors.year_range(dataset)
    target_year = 0
    if first is not None and last is not None:
        target_year = last if query.target_year is None else query.target_year
        if not first <= target_year <= last:
            raise HttpError(
                422,
                f"target_year must lie within the dataset's years, {first} to {last}; it was {target_year}.",
            )
    forecast = selectors.dataset_forecast(dataset=dataset, target_year=target_year)
    reported = selectors.reported_gp_figures(visible=visible_agenda_items(request.user))
    return {
        "dataset": dataset,
        "is_example": dataset.is_example,
        "target_year": target_year or None,
        "years": list(forecast.years),
        "areas": [_area_out(a) for a in forecast.areas],
        "to_recruit_in_target_year": forecast.top_level_to_recruit,
        "threatened_in_target_year": [
            {"id": a.area_id, "name": a.name} for a in forecast.threatened_in_target_year
        ],
        "reported_figures": [_figure_out(f) for f in reported],
    }
