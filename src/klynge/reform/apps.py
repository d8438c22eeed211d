from django.apps import AppConfig


class ReformConfig(AppConfig):
    name = "klynge.reform"
    verbose_name = "Sundhedsreformen 2027"
