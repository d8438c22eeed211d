from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_sources(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from klynge.temporaryplaces.reform import ensure_reform_source

    ensure_reform_source(using=using)


class TemporaryPlacesConfig(AppConfig):
    name = "klynge.temporaryplaces"
    verbose_name = "Midlertidige pladser"

    def ready(self) -> None:
        # After every migrate and flush, so every count's 2027 projection can cite the reform's source.
        post_migrate.connect(ensure_sources, sender=self)
