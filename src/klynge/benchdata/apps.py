from django.apps import AppConfig


class BenchdataConfig(AppConfig):
    name = "klynge.benchdata"
    verbose_name = "Benchmarkdata"
