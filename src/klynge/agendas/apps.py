from django.apps import AppConfig


class AgendasConfig(AppConfig):
    name = "klynge.agendas"
    verbose_name = "Dagsordener og referater"
