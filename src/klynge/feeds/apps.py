from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "klynge.feeds"
    verbose_name = "Kalendere"
