from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "klynge.notifications"
    verbose_name = "Underretninger"

    def ready(self) -> None:
        from klynge.notifications import receivers  # noqa: F401  (connects to meetings' signals)
