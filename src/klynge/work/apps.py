from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "klynge.work"
    verbose_name = "Indsatser og midler"
