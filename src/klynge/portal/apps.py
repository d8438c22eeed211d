from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "klynge.portal"
    verbose_name = "Følg klyngerne"
