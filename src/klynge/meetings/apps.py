from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "klynge.meetings"
    verbose_name = "Møder"
