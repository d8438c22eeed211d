"""`klynge loaddata`: Django's loaddata, with the search index rebuilt once at the end instead of row by row.

During a load the index follows nothing (records arrive in any order, their related records perhaps not
yet); search index rows and the page cache's data version in the fixture (a dump made with Django's own
defaults) are skipped. The index is
rebuilt from the loaded records in the load's own transaction, so a failed load leaves no trace.
"""

from collections.abc import Sequence
from typing import Any

from django.core.management.commands import loaddata

from klynge.search.services import search_index_deferred


class Command(loaddata.Command):
    def handle(self, *fixture_labels: str, **options: Any) -> None:
        # The page cache's data version (pagecache) is the restored database's own: its writes bump it.
        options["exclude"] = [*options["exclude"], "search", "pagecache"]
        super().handle(*fixture_labels, **options)

    def loaddata(self, fixture_labels: Sequence[str]) -> None:
        with search_index_deferred():
            super().loaddata(fixture_labels)
