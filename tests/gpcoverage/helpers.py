"""Areas and files for the GP coverage tests."""

from dataclasses import dataclass
from typing import Any

from klynge.catchment.models import Area, AreaKind
from klynge.catchment.services import area_create
from klynge.gpcoverage.forecast import AreaForecast
from klynge.gpcoverage.models import GpCoverageDataset
from klynge.gpcoverage.selectors import dataset_by_slug, dataset_forecast, target_year_for
from klynge.gpcoverage.services import gp_coverage_dataset_import
from klynge.meetings.models import AgendaItem, FigureMetric
from klynge.meetings.services import reported_figure_create

HEADER = "område;år;indbyggere;prognose;kapaciteter;kapaciteter_60_plus;forventede_afgange;lukket_liste"


@dataclass
class City:
    region: Area
    city: Area
    north: Area
    south: Area
    other: Area  # a municipality of its own


def build_city(prefix: str = "") -> City:
    region = area_create(name=f"{prefix}Region Testland", kind=AreaKind.REGION)
    city = area_create(name=f"{prefix}Testby", kind=AreaKind.MUNICIPALITY, parent=region)
    return City(
        region=region,
        city=city,
        north=area_create(name=f"{prefix}Nordby", kind=AreaKind.DISTRICT, parent=city),
        south=area_create(name=f"{prefix}Sydby", kind=AreaKind.DISTRICT, parent=city),
        other=area_create(name=f"{prefix}Andeby", kind=AreaKind.MUNICIPALITY, parent=region),
    )


def csv_file(*lines: str, header: str = HEADER, delimiter: str = ";") -> bytes:
    text = "\n".join([header, *lines]) + "\n"
    if delimiter != ";":
        text = text.replace(";", delimiter)
    return text.encode("utf-8")


def import_lines(*lines: str, name: str = "Test", **settings: Any) -> GpCoverageDataset:
    return gp_coverage_dataset_import(name=name, content=csv_file(*lines), source_note="Testtal", **settings)


def forecast_of(dataset: GpCoverageDataset, target: int | None = None) -> dict[str, AreaForecast]:
    """The forecast read back through the selectors, by area name."""
    loaded = dataset_by_slug(slug=dataset.slug)
    assert loaded is not None
    year, note = target_year_for(loaded, target)
    return {a.name: a for a in dataset_forecast(dataset=loaded, target_year=year, target_note=note).areas}


def gp_coverage_matrix_records(area: Area, closed_item: AgendaItem) -> None:
    """For the permission matrix: a dataset called "Matrix" (/laegedaekning/matrix/), and a GP coverage
    figure reported under a closed agenda item, which the GP coverage pages must not show to those who may
    not see the item."""
    gp_coverage_dataset_import(
        name="Matrix", content=csv_file(f"{area.slug};2024;16001;nej;10;4;1;1"), source_note="Testtal"
    )
    reported_figure_create(agenda_item=closed_item, metric=FigureMetric.GPS_NEEDED, value=5, year=2027)
