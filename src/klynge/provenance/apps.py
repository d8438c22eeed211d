from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "klynge.provenance"
    verbose_name = "Kilder"
