"""The write of temporary places, as a command: import a count from a CSV file, all or nothing. The
import page builds it from its form; anything else (a script, a future endpoint) builds the same and
gets the same result and refusal (see `klynge.kernel.commands`).

Who may import for which region is `klynge.temporaryplaces.access`'s rule: nobody else gets a 403, and
a region the actor may not import for is refused on the field, as the page's choice refuses it.
"""

import dataclasses

from klynge.kernel.commands import Actor, record_by_id, refuse
from klynge.temporaryplaces import services
from klynge.temporaryplaces.access import ensure_place_count_import, importable_regions
from klynge.temporaryplaces.models import PlaceCount

MAX_FILE_BYTES = 2 * 1024 * 1024
FILE_TOO_BIG = "Filen er for stor (højst 2 MB)."
NOT_YOUR_REGION = "Du kan kun importere opgørelser for din egen region."


@dataclasses.dataclass(frozen=True)
class PlaceCountImport:
    """A count of temporary places: its name, the region its municipalities belong to, and the CSV file's
    bytes (its columns: `klynge.temporaryplaces.importing`)."""

    name: str
    region_id: int
    content: bytes
    file_name: str = ""
    is_example: bool = False
    description: str = ""


def place_count_import(*, actor: Actor, command: PlaceCountImport) -> PlaceCount:
    ensure_place_count_import(actor)
    region = record_by_id(
        importable_regions(actor), command.region_id, field="region", message=NOT_YOUR_REGION
    )
    assert region is not None  # an id was given
    if len(command.content) > MAX_FILE_BYTES:
        refuse("file", FILE_TOO_BIG)
    return services.place_count_import(
        name=command.name,
        region=region,
        content=command.content,
        file_name=command.file_name,
        is_example=command.is_example,
        description=command.description,
    )
