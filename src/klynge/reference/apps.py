from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "klynge.reference"
    verbose_name = "Nationale referencedata"
