from django.apps import AppConfig


class ServerConfig(AppConfig):
    name = "klynge.server"
    verbose_name = "Server"
