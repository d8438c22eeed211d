from django.apps import AppConfig


class GpCoverageConfig(AppConfig):
    name = "klynge.gpcoverage"
    verbose_name = "Lægedækning"
