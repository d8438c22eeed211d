"""klynge memo {status,orientation}: draft a committee memo from the records and write it to a file.

Examples:
  klynge memo status --committee SOU --meeting-date 2023-12-14 --format docx --output notat.docx
  klynge memo orientation --committee BUU --format md --output notat.md

The memo is drafted by the same command as the memo page and the API (`klynge.memos.commands.memo_draft`),
as the system actor (`klynge.accounts.system`); without --save the draft is rolled back once its file is
written, with --save it stays, recorded in its history as the system's.
"""

import argparse
import datetime
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from klynge.accounts.system import as_system
from klynge.kernel.inputs import date_range_problem
from klynge.memos.commands import MemoDraft, memo_draft
from klynge.memos.documents import FORMATS, memo_file
from klynge.memos.models import Memo, MemoKind
from klynge.memos.selectors import committee_get_by_code
from klynge.organisation.models import Committee


def iso_date(value: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from error
    if problem := date_range_problem(day):
        raise argparse.ArgumentTypeError(f"'{value}': the date {problem}")
    return day


def case_number(value: str) -> tuple[str, str]:
    code, sep, number = value.partition("=")
    if not sep or not code.strip() or not number.strip():
        raise argparse.ArgumentTypeError(f"'{value}' is not KIND=NUMBER, e.g. edoc=2023-0476658")
    return code.strip().lower(), number.strip()


class Command(BaseCommand):
    help = "Draft an orientation or status memo for a committee, as docx, pdf, html or md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["status", "orientation"])
        parser.add_argument("--committee", required=True, help="the committee's code, e.g. SOU")
        parser.add_argument("--meeting-date", type=iso_date, help="the committee meeting the memo is for")
        parser.add_argument("--memo-date", type=iso_date, help="the memo's date (default: today)")
        parser.add_argument("--period-start", type=iso_date, help="status memo: first day covered")
        parser.add_argument("--period-end", type=iso_date, help="status memo: last day covered")
        parser.add_argument("--case-handler", default="", help="the case handler (sagsbehandler)")
        parser.add_argument(
            "--case-number",
            type=case_number,
            action="append",
            default=[],
            help="KIND=NUMBER, e.g. edoc=2023-0476658",
        )
        parser.add_argument("--format", choices=sorted(FORMATS), default="md")
        parser.add_argument("--output", help="file to write (default: standard output, for md and html)")
        parser.add_argument("--save", action="store_true", help="also keep the memo as a draft in Klynge")

    def handle(self, *args: Any, **options: Any) -> None:
        committee = committee_get_by_code(code=options["committee"])
        if committee is None:
            known = ", ".join(Committee.objects.order_by("code").values_list("code", flat=True)) or "none"
            raise CommandError(f"Unknown committee '{options['committee']}'. Known committees: {known}.")
        kind = MemoKind(options["kind"])
        if kind == MemoKind.STATUS and options["meeting_date"] is None:
            raise CommandError("A status memo needs --meeting-date (the committee meeting it is for).")
        if options["format"] in ("docx", "pdf") and not options["output"]:
            raise CommandError(f"--format {options['format']} needs --output FILE.")
        try:
            with transaction.atomic(), as_system() as actor:
                command = MemoDraft(
                    committee_id=committee.pk,
                    kind=kind,
                    meeting_date=options["meeting_date"],
                    memo_date=options["memo_date"],
                    period_start=options["period_start"],
                    period_end=options["period_end"],
                    case_handler=options["case_handler"],
                    case_numbers=dict(options["case_number"]),
                )
                memo = memo_draft(actor=actor, command=command)
                memo = (
                    Memo.objects.select_related("committee")
                    .prefetch_related("case_numbers__kind")
                    .get(pk=memo.pk)
                )
                content, _, _ = memo_file(memo, options["format"])
                closed = memo.closed_items.count()
                if not options["save"]:
                    # A file-only run leaves no draft behind.
                    transaction.set_rollback(True)
        except ValidationError as error:
            messages = (
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
                if hasattr(error, "error_dict")
                else " ".join(error.messages)
            )
            raise CommandError(f"The memo could not be drafted: {messages}") from error
        if options["output"]:
            try:
                with open(options["output"], "wb") as out:
                    out.write(content)
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error.strerror}") from error
            saved = f" (saved as draft #{memo.pk})" if options["save"] else ""
            self.stdout.write(f"Wrote {options['output']}{saved}")
            if closed:
                self.stdout.write(
                    f"This is a closed memo: it draws on {closed} closed agenda item(s), marked 'Lukket punkt'. "
                    "Share it only with those who may read them; the memo page drafts its public version."
                )
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
