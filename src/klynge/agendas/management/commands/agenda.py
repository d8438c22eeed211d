"""klynge agenda publish-due: publish the agenda versions whose scheduled time has come.

Run it every few minutes from cron or a systemd timer, e.g.
  */5 * * * *  klynge agenda publish-due
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from klynge.agendas.services import agenda_versions_publish_due


def aware(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"'{value}' is not a time in the form YYYY-MM-DDTHH:MM") from error
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = "Agenda publication: `publish-due` publishes the scheduled agenda versions whose time has come."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["publish-due"])
        parser.add_argument("--now", help="publish as if it were this time (ISO 8601; default: now)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = aware(options["now"]) if options["now"] else timezone.now()
        published = agenda_versions_publish_due(now=now)
        for version in published:
            self.stdout.write(
                f"Published version {version.number} of the agenda of meeting {version.meeting_id}"
            )
        if not published:
            self.stdout.write("No agenda versions were due.")
