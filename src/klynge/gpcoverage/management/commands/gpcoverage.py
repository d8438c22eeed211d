"""klynge gpcoverage import FILE --name NAME [--example] [--source-note TEXT] [--norm N] …
| klynge gpcoverage list

Import a GP coverage file (columns: see klynge.gpcoverage.importing) as a new dataset, all or nothing;
every problem in the file is reported with its line. The import goes through the same command as the
import page, as the system actor (`klynge.accounts.system`).
"""

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klynge.accounts.system import as_system
from klynge.gpcoverage.commands import GpCoverageDatasetImport, gp_coverage_dataset_import
from klynge.gpcoverage.importing import COLUMNS
from klynge.gpcoverage.models import (
    DEFAULT_CLOSED_PRACTICES,
    DEFAULT_CRITERIA_REQUIRED,
    DEFAULT_NORM,
    DEFAULT_SHARE_60_PLUS,
)
from klynge.gpcoverage.selectors import dataset_list, year_range
from klynge.gpcoverage.services import SAME_AS_NORM
from klynge.kernel.csvfiles import ImportRefused

OFF = "off"


def _positive_or_off(text: str) -> int | None:
    if text.strip().lower() == OFF:
        return None
    try:
        number = int(text)
    except ValueError:
        raise CommandError(f"'{text}' is not a whole number (or '{OFF}').") from None
    if number < 1:
        raise CommandError(f"'{text}' must be at least 1 (or '{OFF}').")
    return number


def _share_or_off(text: str) -> Decimal | None:
    if text.strip().lower() == OFF:
        return None
    try:
        share = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise CommandError(f"'{text}' is not a share between 0 and 1, e.g. 0.3 (or '{OFF}').") from None
    if not Decimal(0) <= share <= Decimal(1) or share != share.quantize(Decimal("0.01")):
        raise CommandError(f"'{text}' must be a share between 0 and 1 with at most two decimals, e.g. 0.3.")
    return share


class Command(BaseCommand):
    help = "Import GP coverage figures (lægedækning) from a CSV file, or list the datasets."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("import", help="import a CSV file as a new dataset (all or nothing)")
        add.add_argument("file", help=f"CSV with the columns {', '.join(COLUMNS)}")
        add.add_argument("--name", required=True, help="the dataset's name")
        add.add_argument(
            "--example", action="store_true", help="invented figures: always shown as example data"
        )
        add.add_argument("--description", default="")
        add.add_argument("--source-note", default="", help="where the figures come from")
        add.add_argument(
            "--norm", type=int, default=DEFAULT_NORM, help=f"patients per capacity ({DEFAULT_NORM})"
        )
        add.add_argument(
            "--max-patients",
            default=None,
            help=f"threatened above this many patients per capacity (the norm; '{OFF}')",
        )
        add.add_argument(
            "--share-60-plus",
            default=str(DEFAULT_SHARE_60_PLUS),
            help=f"threatened above this share of capacities held by GPs aged 60+ ({DEFAULT_SHARE_60_PLUS}; '{OFF}')",
        )
        add.add_argument(
            "--closed-practices",
            default=str(DEFAULT_CLOSED_PRACTICES),
            help=f"threatened from this many practices with closed lists ({DEFAULT_CLOSED_PRACTICES}; '{OFF}')",
        )
        add.add_argument(
            "--criteria-required",
            type=int,
            choices=[1, 2, 3],
            default=DEFAULT_CRITERIA_REQUIRED,
            help="threatened when at least this many criteria are met",
        )
        sub.add_parser("list", help="list the datasets")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list()
        else:
            self._import(options)

    def _list(self) -> None:
        datasets = list(dataset_list())
        for d in datasets:
            example = "\texample" if d.is_example else ""
            first, last = year_range(d)
            areas = getattr(d, "area_count", 0)
            self.stdout.write(f"{d.slug}\t{d.name}\t{first}-{last}\t{areas} areas{example}")
        if not datasets:
            self.stdout.write("No datasets.")

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
        if options["norm"] < 1:
            raise CommandError("--norm must be at least 1.")
        max_patients = (
            SAME_AS_NORM if options["max_patients"] is None else _positive_or_off(options["max_patients"])
        )
        try:
            command = GpCoverageDatasetImport(
                name=options["name"],
                content=content,
                file_name=path.name,
                description=options["description"],
                is_example=options["example"],
                source_note=options["source_note"],
                norm=options["norm"],
                max_patients_per_capacity=max_patients,
                share_60_plus_threshold=_share_or_off(options["share_60_plus"]),
                closed_practices_threshold=_positive_or_off(options["closed_practices"]),
                criteria_required=options["criteria_required"],
            )
            with as_system() as actor:
                dataset = gp_coverage_dataset_import(actor=actor, command=command)
        except ImportRefused as error:
            lines = "\n".join(error.english)
            raise CommandError(f"{path.name} was not imported; nothing was saved.\n{lines}") from error
        except ValidationError as error:
            raise CommandError(f"{path.name} was not imported: {' '.join(error.messages)}") from error
        count = dataset.figures.count()
        example = " as example data (not real figures)" if dataset.is_example else ""
        self.stdout.write(f"Imported {count} rows into dataset '{dataset.name}' ({dataset.slug}){example}.")
