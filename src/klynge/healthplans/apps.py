from django.apps import AppConfig


class HealthPlansConfig(AppConfig):
    name = "klynge.healthplans"
    verbose_name = "Nærsundhedsplaner"
