"""The writes on GP coverage, one typed command each: the import of a file of figures as a new dataset.

The import page builds the command from the upload and the dataset's settings; the function checks that
the actor may import (403) and calls the service, which checks the settings (per field) and the whole
file (every problem with its line, under "file") and saves all or nothing.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from klynge.gpcoverage import services
from klynge.gpcoverage.access import ensure_gp_coverage_import
from klynge.gpcoverage.models import (
    DEFAULT_CLOSED_PRACTICES,
    DEFAULT_CRITERIA_REQUIRED,
    DEFAULT_NORM,
    DEFAULT_SHARE_60_PLUS,
    GpCoverageDataset,
)
from klynge.gpcoverage.services import SAME_AS_NORM
from klynge.kernel.commands import Actor


@dataclass(frozen=True)
class GpCoverageDatasetImport:
    name: str
    content: bytes
    source_note: str
    file_name: str = ""
    description: str = ""
    is_example: bool = False
    norm: int = DEFAULT_NORM
    # "norm": the same as the norm; None: the criterion is not used.
    max_patients_per_capacity: int | Literal["norm"] | None = SAME_AS_NORM
    share_60_plus_threshold: Decimal | None = DEFAULT_SHARE_60_PLUS
    closed_practices_threshold: int | None = DEFAULT_CLOSED_PRACTICES
    criteria_required: int = DEFAULT_CRITERIA_REQUIRED


def gp_coverage_dataset_import(*, actor: Actor, command: GpCoverageDatasetImport) -> GpCoverageDataset:
    """Import a GP coverage file as a new dataset, on behalf of an editor or administrator."""
    ensure_gp_coverage_import(actor)
    return services.gp_coverage_dataset_import(
        name=command.name,
        content=command.content,
        file_name=command.file_name,
        source_note=command.source_note,
        description=command.description,
        is_example=command.is_example,
        norm=command.norm,
        max_patients_per_capacity=command.max_patients_per_capacity,
        share_60_plus_threshold=command.share_60_plus_threshold,
        closed_practices_threshold=command.closed_practices_threshold,
        criteria_required=command.criteria_required,
        imported_by=actor,
    )
