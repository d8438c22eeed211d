"""Writing counts of temporary places: importing a whole file, all or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction

from klynge.kernel.csvfiles import ImportRefused
from klynge.kernel.records import create_validated, unique_slug
from klynge.meetings.models import Meeting
from klynge.organisation.models import Party, PartyKind
from klynge.provenance.models import Source, SourceKind
from klynge.provenance.services import source_create
from klynge.temporaryplaces.importing import Problem, read_place_count, refused
from klynge.temporaryplaces.models import PlaceCapacity, PlaceCount, PlaceTrade


def place_count_import(
    *,
    name: str,
    region: Party,
    content: bytes,
    file_name: str = "",
    is_example: bool = False,
    description: str = "",
    meeting: Meeting | None = None,
    source: Source | None = None,
    source_note: str = "",
) -> PlaceCount:
    """Import a count of temporary places from a CSV file (see importing.py for its columns).

    Every row is checked first; if any is wrong, ImportRefused lists every problem with its line and
    nothing is saved. Without a source, the file itself becomes the count's source (an example file's
    source is marked as example data)."""
    name = name.strip()
    problems: list[Problem] = []
    if not name:
        problems.append(Problem(None, "The count needs a name.", "Opgørelsen skal have et navn."))
    elif PlaceCount.objects.filter(name__iexact=name).exists():
        problems.append(
            Problem(
                None,
                f"A count named '{name}' already exists; choose another name.",
                f"Der findes allerede en opgørelse med navnet »{name}«; vælg et andet navn.",
            )
        )
    if region.kind != PartyKind.REGION:
        problems.append(Problem(None, f"{region.name} is not a region.", f"{region.name} er ikke en region."))
        raise refused(problems)
    try:
        rows = read_place_count(content, region=region)
    except ImportRefused as file_refusal:
        raise refused([*problems, *file_refusal.problems]) from None
    if problems:
        raise refused(problems)

    with transaction.atomic():
        if source is None:
            source = source_create(
                key=unique_slug(Source, f"midlertidige-pladser-{name}", field="key"),
                kind=SourceKind.EXAMPLE if is_example else SourceKind.USER,
                title=f"Importeret fil: {file_name or name}",
                description=(
                    f"Opgørelsen »{name}« af midlertidige pladser, importeret i Klynge"
                    + (" (eksempeldata – ikke rigtige tal)." if is_example else ".")
                ),
            )
        count = create_validated(
            PlaceCount,
            name=name,
            slug=_slug(name),
            region=region,
            is_example=is_example,
            description=description,
            meeting=meeting,
            file_name=file_name,
            source=source,
            source_note=source_note,
        )
        saved: list[Problem] = []
        for capacity in rows.capacities:
            _save(
                saved,
                capacity.line,
                PlaceCapacity,
                count=count,
                municipality=capacity.municipality,
                period_start=capacity.period.start,
                period_end=capacity.period.end,
                places=capacity.places,
                place_days_used=capacity.place_days_used,
            )
        for trade in rows.trades:
            _save(
                saved,
                trade.line,
                PlaceTrade,
                count=count,
                buyer=trade.buyer,
                seller=trade.seller,
                period_start=trade.period.start,
                period_end=trade.period.end,
                place_days=trade.place_days,
                price_per_day=trade.price_per_day,
            )
        if saved:  # a rule of the models the file check missed: the whole file is refused all the same
            raise refused(saved)
    return count


def _save(
    problems: list[Problem], line: int, model: type[PlaceCapacity] | type[PlaceTrade], **fields: object
) -> None:
    try:
        create_validated(model, **fields)  # type: ignore[arg-type]
    except ValidationError as error:
        for message in error.messages:
            problems.append(Problem(line, message, message))


def _slug(name: str) -> str:
    slug = unique_slug(PlaceCount, name)
    # /midlertidige-pladser/import/ is the import page, not a count.
    return unique_slug(PlaceCount, f"{name} opgoerelse") if slug == "import" else slug
