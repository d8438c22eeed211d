"""`klynge shell`: Django's shell, with every model imported, the history models too.

django-simple-history names its history models' module after the app (`klynge.meetings`), while they
live in the app's models module, so Django's own list of auto-imports found 46 of them nowhere and said
so at every start. Each is imported from where it lives instead."""

import sys

from django.apps import apps
from django.core.management.commands import shell


class Command(shell.Command):
    def get_auto_imports(self) -> list[str]:
        paths = []
        for model in reversed(apps.get_models()):
            module = model.__module__
            if getattr(sys.modules.get(module), model.__name__, None) is not model:
                models_module = model._meta.app_config.models_module
                if models_module is None or getattr(models_module, model.__name__, None) is not model:
                    continue
                module = models_module.__name__
            paths.append(f"{module}.{model.__name__}")
        return paths
