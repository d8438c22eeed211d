"""`klynge reference import [path]`: load the national reference data, all or nothing."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klynge.reference.importing import DATA_DIR, ReferenceDataError
from klynge.reference.services import reference_import


class Command(BaseCommand):
    help = (
        "Import the national reference data (regions, municipalities, hospitals, clusters, health councils) "
        "from a folder of CSV files, all or nothing. Default: the files shipped with Klynge."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"], help="What to do: import.")
        parser.add_argument(
            "path", nargs="?", default=str(DATA_DIR), help=f"Folder with the files (default {DATA_DIR})."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = reference_import(path=options["path"])
        except ReferenceDataError as error:
            raise CommandError(f"Nothing imported. {error}") from None
        self.stdout.write(f"Reference data version {result.version} imported from {options['path']}.")
        kinds = sorted(set(result.created) | set(result.updated) | set(result.unchanged))
        for kind in kinds:
            self.stdout.write(
                f"  {kind}: {result.created[kind]} created, {result.updated[kind]} updated, "
                f"{result.unchanged[kind]} unchanged"
            )
        if not result.changed:
            self.stdout.write("Nothing changed.")
