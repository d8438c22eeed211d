"""klynge user add EMAIL --role {admin,editor,member} [--party NAME] [--person NAME] | klynge user list

The password is read from standard input when it is piped in; otherwise one is generated and printed.
"""

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klynge.accounts.models import Account, Role
from klynge.accounts.services import account_create
from klynge.organisation.models import Party, Person


def _one_by_name(model: type[Party] | type[Person], name: str, what: str) -> Any:
    matches = list(model.objects.filter(name__iexact=name.strip())) or list(
        model.objects.filter(name__icontains=name.strip())
    )
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CommandError(f"No {what} named '{name}'.")
    names = ", ".join(sorted(str(m) for m in matches))
    raise CommandError(f"'{name}' matches several {what}s: {names}. Give the full name.")


def _piped_password() -> str | None:
    """A password piped in on standard input; None at a terminal or with no readable input."""
    try:
        if sys.stdin is None or sys.stdin.isatty():
            return None
        return sys.stdin.read().strip() or None
    except (OSError, ValueError):
        return None


class Command(BaseCommand):
    help = "Add or list user accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add an account")
        add.add_argument("email")
        add.add_argument("--role", required=True, choices=[r.value for r in Role])
        add.add_argument("--party", help="the party an editor works for, e.g. 'Københavns Kommune'")
        add.add_argument("--person", help="the person a member is, e.g. 'Sisse Marie Welling'")
        sub.add_parser("list", help="list accounts")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list()
        else:
            self._add(options)

    def _list(self) -> None:
        accounts = Account.objects.select_related("user", "party", "person").order_by("user__email")
        for account in accounts:
            scope = account.party.name if account.party else account.person.name if account.person else ""
            self.stdout.write(f"{account.user.email}\t{account.role}\t{scope}")
        if not accounts:
            self.stdout.write("No accounts.")

    def _add(self, options: dict[str, Any]) -> None:
        role = Role(options["role"])
        if role == Role.EDITOR and not options["party"]:
            raise CommandError("An editor needs --party (the party whose records they edit).")
        if role == Role.MEMBER and not options["person"]:
            raise CommandError("A member needs --person (who they are in the bodies).")
        party = _one_by_name(Party, options["party"], "party") if options["party"] else None
        person = _one_by_name(Person, options["person"], "person") if options["person"] else None
        piped = _piped_password()
        try:
            user, password = account_create(
                email=options["email"], role=role, party=party, person=person, password=piped or None
            )
        except ValidationError as error:
            english = {
                "Angiv en gyldig e-mailadresse.": f"'{options['email']}' is not a valid e-mail address.",
                "Der findes allerede en konto med denne e-mailadresse.": (
                    f"An account for {options['email']} already exists."
                ),
            }
            raise CommandError(" ".join(english.get(m, m) for m in error.messages)) from error
        self.stdout.write(f"Created {role.value} account {user.email}.")
        if not piped:
            self.stdout.write(f"Password: {password}")
