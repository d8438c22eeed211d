from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "klynge.organisation"
    verbose_name = "Organisation"
