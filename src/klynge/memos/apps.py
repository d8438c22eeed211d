from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate

# The case-number kinds every installation starts with; more can be added in the admin.
DEFAULT_CASE_NUMBER_KINDS = [("edoc", "Edoc-sagsnummer", 1), ("f2", "F2 sagsnummer", 2)]


def ensure_default_case_number_kinds(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Run after every migrate and flush (like Django's own content types), so the kinds always exist."""
    from klynge.memos.models import CaseNumberKind

    for code, label, position in DEFAULT_CASE_NUMBER_KINDS:
        CaseNumberKind.objects.using(using).get_or_create(
            code=code, defaults={"label": label, "position": position}
        )


class MemosConfig(AppConfig):
    name = "klynge.memos"
    verbose_name = "Notater"

    def ready(self) -> None:
        post_migrate.connect(ensure_default_case_number_kinds, sender=self)
