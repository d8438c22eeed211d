from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "klynge.exports"
    verbose_name = "Udtræk"
