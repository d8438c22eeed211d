from django.apps import AppConfig


class TemporaryPlacesConfig(AppConfig):
    name = "klynge.temporaryplaces"
    verbose_name = "Midlertidige pladser"
