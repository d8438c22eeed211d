"""`klynge bench generate --scale {demo,national} [--seed N]`: fill an empty database with benchmark data."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klynge.benchdata.generator import (
    BENCH_PASSWORD,
    EDITOR_EMAIL,
    SCALES,
    SOURCE_TITLE,
    bench_data_write,
    plan_bench_data,
)


class Command(BaseCommand):
    help = "Benchmark data: generate deterministic, plainly labelled data at demo or national scale."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        generate = sub.add_parser("generate", help="Fill an empty database with generated benchmark data.")
        generate.add_argument("--scale", choices=sorted(SCALES), default="demo")
        generate.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        scale = SCALES[options["scale"]]
        began = time.perf_counter()
        plan = plan_bench_data(scale=scale, seed=options["seed"])
        planned = time.perf_counter()
        try:
            written = bench_data_write(plan)
        except ValueError as error:
            raise CommandError(str(error)) from error
        done = time.perf_counter()
        for label, count in sorted(written.counts.items()):
            self.stdout.write(f"{label:<40} {count:>8}")
        self.stdout.write(f"{'search.SearchEntry':<40} {written.search_entries:>8}")
        self.stdout.write(
            f"{SOURCE_TITLE}: scale {scale.name}, seed {options['seed']}; planned in {planned - began:.1f} s, "
            f"written in {done - planned:.1f} s. The meeting with {scale.big_meeting_items} items: "
            f"/moeder/{written.big_meeting_id}/. Editor: {EDITOR_EMAIL} / {BENCH_PASSWORD}"
        )
