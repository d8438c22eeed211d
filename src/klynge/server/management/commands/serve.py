"""`klynge serve`: the production server (gunicorn) with the production settings.

Checks the settings first, so a missing secret or host name is one clear line, not a worker that fails to
boot; then replaces this process with gunicorn, so signals from a process manager or container runtime
reach gunicorn directly.
"""

import importlib
import os
import sys
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

PRODUCTION_SETTINGS = "klynge.settings.production"
DEVELOPMENT_SETTINGS = "klynge.settings"
GUNICORN_CONFIG = "klynge.server.gunicorn"


def default_settings_module() -> str:
    """The settings named in DJANGO_SETTINGS_MODULE (a deployment's own), but never the development ones."""
    named = os.environ.get("DJANGO_SETTINGS_MODULE", DEVELOPMENT_SETTINGS)
    return PRODUCTION_SETTINGS if named == DEVELOPMENT_SETTINGS else named


def default_workers() -> int:
    """Gunicorn's rule of thumb, two per core plus one, unless WEB_CONCURRENCY says otherwise."""
    configured = os.environ.get("WEB_CONCURRENCY")
    if configured:
        if not configured.isdigit():
            raise CommandError(f"WEB_CONCURRENCY must be a whole number, not {configured!r}.")
        return int(configured)
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = "Serve Klynge with gunicorn and the production settings (see README, Deployment)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("KLYNGE_BIND", "127.0.0.1:8000"),
            help="Address to listen on, HOST:PORT (default: KLYNGE_BIND or 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Worker processes (default: WEB_CONCURRENCY or 2 per core + 1).",
        )
        parser.add_argument(
            "--settings-module",
            default=default_settings_module(),
            help=f"Django settings for the server (default: DJANGO_SETTINGS_MODULE, or {PRODUCTION_SETTINGS} "
            "instead of the development settings).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        settings_module: str = options["settings_module"]
        workers: int = options["workers"] or default_workers()
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        try:
            importlib.import_module(settings_module)
            importlib.import_module(
                GUNICORN_CONFIG
            )  # its environment variables, checked before gunicorn starts
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        except ImportError as error:
            raise CommandError(f"Cannot import the settings module {settings_module!r}: {error}") from error

        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
        arguments = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            f"python:{GUNICORN_CONFIG}",
            "--bind",
            options["bind"],
            "--workers",
            str(workers),
            "klynge.wsgi:application",
        ]
        self.stdout.write(
            f"Serving Klynge on http://{options['bind']}/ with {workers} workers ({settings_module})."
        )
        self.stdout.flush()
        os.execve(sys.executable, arguments, environment)
