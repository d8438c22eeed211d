"""klynge catchment import FILE [--source-note TEXT] | klynge catchment lookup AREA [--date D] [--specialty S]

Import a catchment revision (columns: see klynge.catchment.importing), all or nothing; every problem in
the file is reported with its line. The import goes through the same command as the import page, as the
system actor (`klynge.accounts.system`). Or look up an area's hospital and cluster on a date.

It lives with the bodies because the lookup answers with the clusters and councils (which catchment,
below the bodies, knows nothing of).
"""

import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klynge.accounts.system import as_system
from klynge.bodies.selectors import catchment_lookup
from klynge.catchment.commands import CatchmentRulesImport, catchment_rules_import
from klynge.catchment.importing import COLUMNS
from klynge.catchment.selectors import UnknownArea, UnknownSpecialty, area_by_key, specialty_by_key
from klynge.kernel.csvfiles import ImportRefused


class Command(BaseCommand):
    help = "Import catchment rules (optageområder) from a CSV file, or look up an area's hospital on a date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("import", help="import a CSV file of rules (all or nothing)")
        add.add_argument("file", help=f"CSV with the columns {', '.join(COLUMNS)}")
        add.add_argument("--source-note", default="", help="where the rules come from")
        look = sub.add_parser("lookup", help="the hospital and cluster or council of an area on a date")
        look.add_argument("area", help="the area's slug or name")
        look.add_argument("--date", default=None, help="YYYY-MM-DD (today)")
        look.add_argument("--specialty", default="", help="a specialty's slug or name (general catchment)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "lookup":
            self._lookup(options)
        else:
            self._import(options)

    def _lookup(self, options: dict[str, Any]) -> None:
        try:
            day = datetime.date.fromisoformat(options["date"]) if options["date"] else datetime.date.today()
        except ValueError:
            raise CommandError(f"'{options['date']}' is not a date; write it as YYYY-MM-DD.") from None
        try:
            area = area_by_key(key=options["area"])
            specialty = specialty_by_key(key=options["specialty"]) if options["specialty"] else None
        except UnknownArea:
            raise CommandError(f"Unknown area '{options['area']}'; use its slug or name.") from None
        except UnknownSpecialty:
            raise CommandError(f"Unknown specialty '{options['specialty']}'; use its slug or name.") from None
        answer = catchment_lookup(area=area, day=day, specialty=specialty)
        if answer.rule is None:
            raise CommandError(f"No catchment rule covers {area.name} on {day.isoformat()}.")
        clusters = ", ".join(m.collaboration.name for m in answer.collaborations) or "-"
        self.stdout.write(f"{area.name}\t{day.isoformat()}\t{answer.rule.hospital.name}\t{clusters}")

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
        try:
            command = CatchmentRulesImport(
                content=content, source_note=options["source_note"] or f"Indlæst fra filen {path.name}."
            )
            with as_system() as actor:
                result = catchment_rules_import(actor=actor, command=command)
        except ImportRefused as error:
            lines = "\n".join(error.english)
            raise CommandError(f"{path.name} was not imported; nothing was saved.\n{lines}") from error
        except ValidationError as error:
            raise CommandError(
                f"{path.name} was not imported; nothing was saved: {' '.join(error.messages)}"
            ) from error
        for rule in result.ended:
            self.stdout.write(f"Ended {rule.area.name} → {rule.hospital.name} on {rule.valid_to}.")
        self.stdout.write(f"Imported {len(result.created)} catchment rules; ended {len(result.ended)} rules.")
