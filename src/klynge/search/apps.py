from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "klynge.search"
    verbose_name = "Søgning"

    def ready(self) -> None:
        from klynge.search import signals

        signals.connect()
