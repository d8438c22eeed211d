"""klynge notifications run-due [--every SECONDS]

The periodic jobs, in one command for cron, a systemd timer or the compose service `scheduler`: publish
the agendas whose time has come (`klynge agenda publish-due`, where the app has it), remind editors before
submission deadlines, and send the weekly digests. Each job is idempotent (the sent-log), so running it
often, or twice at once, sends nothing twice. With `--every`, it runs again every SECONDS until stopped.
"""

import time
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from klynge.notifications.sending import send_digests, send_reminders

PUBLISH_DUE = ("agenda", "publish-due")


class Command(BaseCommand):
    help = "Run the notifications' periodic jobs: due agendas, deadline reminders, weekly digests."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run-due", help="publish due agendas, send due reminders and weekly digests")
        run.add_argument(
            "--every", type=int, default=0, metavar="SECONDS", help="run again every SECONDS (a service)"
        )

    def _run_once(self) -> None:
        if PUBLISH_DUE[0] in get_commands():
            call_command(*PUBLISH_DUE, stdout=self.stdout, stderr=self.stderr)
        reminders = send_reminders()
        digests = send_digests()
        self.stdout.write(f"Sent {reminders} deadline reminders and {digests} weekly digests.")

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if every < 0:
            raise CommandError("--every takes a number of seconds above 0.")
        while True:
            self._run_once()
            if not every:
                return
            close_old_connections()
            time.sleep(every)
