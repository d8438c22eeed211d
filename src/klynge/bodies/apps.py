from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "klynge.bodies"
    verbose_name = "Samarbejdsfora"
