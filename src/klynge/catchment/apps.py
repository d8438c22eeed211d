from django.apps import AppConfig


class CatchmentConfig(AppConfig):
    name = "klynge.catchment"
    verbose_name = "Optageområder"
