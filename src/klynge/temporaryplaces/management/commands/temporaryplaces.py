"""klynge temporaryplaces import FILE --name NAME [--region NAME] [--example] [--description TEXT]
klynge temporaryplaces list

Imports a count of temporary places from a CSV file, all or nothing: a refused file is reported line by
line (in English) and nothing is saved. The import goes through the same command as the import page, as
the system actor (`klynge.accounts.system`). The columns are described in klynge/temporaryplaces/importing.py
and on the page /midlertidige-pladser/import/.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from klynge.accounts.system import as_system
from klynge.kernel.csvfiles import ImportRefused
from klynge.organisation.models import Party, PartyKind
from klynge.temporaryplaces.commands import PlaceCountImport, place_count_import
from klynge.temporaryplaces.selectors import place_count_list


def _region(name: str | None) -> Party:
    regions = Party.objects.filter(kind=PartyKind.REGION)
    if name:
        text = name.strip()
        matches = list(regions.filter(Q(name__iexact=text) | Q(short_name__iexact=text) | Q(slug=text)))
        if len(matches) != 1:
            known = ", ".join(regions.values_list("name", flat=True)) or "none"
            raise CommandError(f"No region named '{name}'. Regions: {known}.")
        return matches[0]
    only = list(regions[:2])
    if len(only) != 1:
        known = ", ".join(regions.values_list("name", flat=True)) or "none"
        raise CommandError(f"Give the region with --region (regions: {known}).")
    return only[0]


class Command(BaseCommand):
    help = "Import or list counts of temporary places (midlertidige pladser)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("import", help="import a count from a CSV file, all or nothing")
        add.add_argument("file", help="the CSV file (UTF-8; ';' or ',' between fields)")
        add.add_argument("--name", required=True, help="the count's name, e.g. 'Midlertidige pladser 2023'")
        add.add_argument(
            "--region", help="the region whose municipalities the file counts (default: the only one)"
        )
        add.add_argument("--example", action="store_true", help="the figures are an example, not real data")
        add.add_argument("--description", default="", help="where the figures come from")
        sub.add_parser("list", help="list the counts")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            counts: Any = place_count_list()  # annotated with municipality_count and trade_count
            for count in counts:
                example = " (example data)" if count.is_example else ""
                self.stdout.write(
                    f"{count.slug}\t{count.region.name}\t{count.municipality_count} municipalities\t"
                    f"{count.trade_count} purchases{example}"
                )
            if not counts:
                self.stdout.write("No counts.")
            return
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        region = _region(options["region"])
        try:
            command = PlaceCountImport(
                name=options["name"],
                region_id=region.pk,
                content=content,
                file_name=path.name,
                is_example=options["example"],
                description=options["description"],
            )
            with as_system() as actor:
                count = place_count_import(actor=actor, command=command)
        except ImportRefused as refused:
            lines = "\n".join(f"  {p.english}" for p in refused.problems)
            raise CommandError(f"{path.name} was not imported; nothing was saved:\n{lines}") from None
        except ValidationError as error:
            raise CommandError(
                f"{path.name} was not imported; nothing was saved: {' '.join(error.messages)}"
            ) from None
        rows = count.capacities.count(), count.trades.count()
        self.stdout.write(
            f"Imported '{count.name}' ({rows[0]} capacity rows, {rows[1]} purchases): /midlertidige-pladser/{count.slug}/"
        )
