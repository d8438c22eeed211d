"""`klynge dumpdata`: Django's dumpdata, made a backup that `klynge loaddata` restores into a new database.

What differs from Django's defaults, so that nobody has to know it:
- natural keys for the rows `migrate` creates itself (content types, permissions, role groups; see
  klynge.backup.formats), every other row with its id;
- left out: the content types and permissions (a new database has them after `klynge migrate`), the
  search index (`klynge loaddata` rebuilds it from the records) and the page cache's data version.
Naming one of them (`klynge dumpdata contenttypes`, `auth.Permission`) dumps it all the same.
"""

from typing import Any

from django.core.management.commands import dumpdata

# What a backup leaves out: migrate creates it, or it is built from the records.
# (The page cache's data version belongs to the database it counts the writes of, not to the records.)
LEFT_OUT = ("contenttypes", "auth.permission", "search", "pagecache")


class Command(dumpdata.Command):
    help = (
        "Write the database as a fixture for `klynge loaddata`: a backup (without the search index, "
        "content types and permissions, which a new database gets from `klynge migrate`)."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.set_defaults(use_natural_foreign_keys=True, use_natural_primary_keys=True)

    def handle(self, *app_labels: str, **options: Any) -> None:
        named = {label.lower() for label in app_labels}
        options["exclude"] = [
            *options["exclude"],
            *(label for label in LEFT_OUT if label not in named),
        ]
        super().handle(*app_labels, **options)
