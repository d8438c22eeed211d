from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "klynge.attachments"
    verbose_name = "Bilag"

    def ready(self) -> None:
        from klynge.attachments import receivers

        receivers.connect()
