"""The writes on catchment, one typed command each: the import of the region's yearly revision.

The import page builds the command from the uploaded file; the function checks that the actor may import
(administrators only, 403) and calls the service, which checks the whole file (every problem with its
line, refused under "file") and writes all or nothing.
"""

from dataclasses import dataclass

from klynge.catchment import services
from klynge.catchment.access import ensure_catchment_import
from klynge.catchment.services import CatchmentImportResult
from klynge.kernel.commands import Actor


@dataclass(frozen=True)
class CatchmentRulesImport:
    content: bytes
    source_note: str


def catchment_rules_import(*, actor: Actor, command: CatchmentRulesImport) -> CatchmentImportResult:
    """Import a catchment revision (a CSV file's bytes) on behalf of an administrator."""
    ensure_catchment_import(actor)
    return services.catchment_rules_import(
        content=command.content, source_note=command.source_note, imported_by=actor
    )
