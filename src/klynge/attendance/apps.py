from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "klynge.attendance"
    verbose_name = "Deltagere og afbud"
