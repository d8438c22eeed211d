"""`klynge demo`: migrate, load the demo data once, print a summary and serve the site."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klynge.demo.accounts import DEMO_ACCOUNTS, create_demo_accounts
from klynge.demo.loader import demo_summary, is_demo_loaded, load_demo
from klynge.demo.notifications import create_demo_subscriptions
from klynge.reference.importing import ReferenceDataError
from klynge.reference.services import reference_import


class Command(BaseCommand):
    help = (
        "Migrér databasen, indlæs demodata (én gang) og start udviklingsserveren. "
        "Migrate, load the demo data (once) and run the development server."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Start ikke serveren / do not run the server."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Tøm databasen før indlæsning / flush the database before loading.",
        )
        parser.add_argument(
            "--national",
            action="store_true",
            help=(
                "Indlæs også hele landet fra referencedataene / also load the whole country from the national "
                "reference data (klynge reference import)."
            ),
        )
        parser.add_argument(
            "--addrport",
            default="127.0.0.1:8000",
            help="Adresse og port for serveren / address and port to serve on (default 127.0.0.1:8000).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = int(options["verbosity"])
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=max(verbosity - 1, 0))
            self.stdout.write("Databasen er tømt (database flushed).")
        if is_demo_loaded():
            self.stdout.write(
                "Demodata er allerede indlæst (demo data already loaded); brug --reset for at indlæse forfra."
            )
        else:
            load_demo()
            self.stdout.write(self.style.SUCCESS("Demodata indlæst (demo data loaded)."))
        if options["national"]:
            try:
                result = reference_import()
            except ReferenceDataError as error:
                raise CommandError(f"Reference data not imported. {error}") from None
            self.stdout.write(
                self.style.SUCCESS(
                    f"Nationale referencedata version {result.version} indlæst (national reference data loaded)."
                )
            )
        create_demo_accounts()
        create_demo_subscriptions()
        self.stdout.write("Indhold (contents):")
        for name, count in demo_summary():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write("Demokonti (demo accounts; log in at /log-ind/):")
        for email, role, tied_to, password in DEMO_ACCOUNTS:
            scope = f" – {tied_to}" if tied_to else ""
            self.stdout.write(f"  {role.label}{scope}: {email} / {password}")
        if not options["no_serve"]:
            call_command("runserver", options["addrport"], use_reloader=False)
