from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "klynge.backup"
    verbose_name = "Sikkerhedskopi"
