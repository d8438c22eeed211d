from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "klynge.search"
    verbose_name = "Søgning"
