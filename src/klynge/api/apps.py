from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "klynge.api"
    verbose_name = "API"
