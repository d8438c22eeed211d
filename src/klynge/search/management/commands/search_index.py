"""`klynge search_index`: build the search index anew from all records."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from klynge.search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Byg søgeindekset forfra ud fra alle poster. "
        "Rebuild the search index from all records (it is otherwise kept current on every change)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        count = search_index_rebuild()
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} records in {elapsed:.1f} s."))
