"""The `klynge` command: every Django management command plus the project's own (demo, …)."""

import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klynge.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # The default SQLite file lives in the data folder; a fresh checkout does not have it yet.
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    except ImproperlyConfigured as error:
        # Production settings refuse to load without their secrets: say which, in one line.
        sys.exit(f"klynge: {error}")

    execute_from_command_line(["klynge", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
