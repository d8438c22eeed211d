from django.apps import AppConfig


class MemosConfig(AppConfig):
    name = "klynge.memos"
    verbose_name = "Notater"
