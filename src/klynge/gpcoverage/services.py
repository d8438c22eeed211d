"""Writes for GP coverage: importing a dataset, all or nothing."""

from decimal import Decimal
from typing import Any, Literal

from django.db import transaction

from klynge.catchment.models import Area
from klynge.gpcoverage.importing import AreaLookup, AreaRef, parse
from klynge.gpcoverage.models import (
    DEFAULT_CLOSED_PRACTICES,
    DEFAULT_CRITERIA_REQUIRED,
    DEFAULT_NORM,
    DEFAULT_SHARE_60_PLUS,
    GpCoverageDataset,
    GpCoverageFigure,
)
from klynge.kernel.csvfiles import ImportRefused
from klynge.kernel.records import create_validated, unique_slug
from klynge.provenance.models import Source

SAME_AS_NORM: Literal["norm"] = "norm"
RESERVED_SLUGS = {"import"}  # taken by pages under /laegedaekning/
SHOWN_PROBLEMS = 100  # a file with more problems than this lists the first ones and counts the rest


def _area_lookup() -> AreaLookup:
    return AreaLookup(
        AreaRef(id=a.pk, name=a.name, slug=a.slug, kind_label=a.get_kind_display(), parent_id=a.parent_id)
        for a in Area.objects.only("pk", "name", "slug", "kind", "parent_id")
    )


def gp_coverage_dataset_import(
    *,
    name: str,
    content: bytes,
    file_name: str = "",
    description: str = "",
    is_example: bool = False,
    source: Source | None = None,
    source_note: str = "",
    imported_by: Any = None,
    norm: int = DEFAULT_NORM,
    max_patients_per_capacity: int | Literal["norm"] | None = SAME_AS_NORM,
    share_60_plus_threshold: Decimal | None = DEFAULT_SHARE_60_PLUS,
    closed_practices_threshold: int | None = DEFAULT_CLOSED_PRACTICES,
    criteria_required: int = DEFAULT_CRITERIA_REQUIRED,
) -> GpCoverageDataset:
    """Import a GP coverage file (see importing.py for its columns) as a new dataset.

    The dataset's settings are checked first (ValidationError per field), then the whole file
    (ImportRefused with every problem); only a file without any problem is saved, in one
    transaction. `max_patients_per_capacity` is the norm unless given."""
    limit = norm if max_patients_per_capacity == SAME_AS_NORM else max_patients_per_capacity
    user = (
        imported_by if imported_by is not None and getattr(imported_by, "is_authenticated", False) else None
    )
    fields: dict[str, Any] = {
        "name": name.strip(),
        "description": description,
        "is_example": is_example,
        "file_name": file_name[:255],
        "source": source,
        "source_note": source_note,
        "imported_by": user,
        "norm": norm,
        "max_patients_per_capacity": limit,
        "share_60_plus_threshold": share_60_plus_threshold,
        "closed_practices_threshold": closed_practices_threshold,
        "criteria_required": criteria_required,
    }
    GpCoverageDataset(slug="kontrol", **fields).full_clean(exclude=["slug"])
    rows, problems = parse(content, _area_lookup())
    if problems:
        raise ImportRefused(problems, shown=SHOWN_PROBLEMS)
    with transaction.atomic():
        slug = unique_slug(GpCoverageDataset, fields["name"].replace("–", "-"))
        if slug in RESERVED_SLUGS:
            slug = unique_slug(GpCoverageDataset, f"{fields['name']} datasæt")
        dataset = create_validated(GpCoverageDataset, slug=slug, **fields)
        figures = [
            GpCoverageFigure(
                dataset=dataset,
                area_id=row.area_id,
                year=row.year,
                population=row.population,
                population_is_forecast=row.population_is_forecast,
                capacities=row.capacities,
                capacities_60_plus=row.capacities_60_plus,
                expected_retirements=row.expected_retirements,
                closed_practices=row.closed_practices,
            )
            for row in rows
        ]
        for figure in figures:
            # The importer has checked every rule across lines; the database constraints stand behind it.
            figure.full_clean(exclude=["dataset", "area"], validate_unique=False, validate_constraints=False)
        GpCoverageFigure.objects.bulk_create(figures, batch_size=500)
    return dataset
