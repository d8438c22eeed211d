from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_role_groups(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from klynge.accounts.roles import sync_role_groups

    sync_role_groups(using=using)


class AccountsConfig(AppConfig):
    name = "klynge.accounts"
    verbose_name = "Konti"

    def ready(self) -> None:
        # After every migrate and flush, so the groups and their permissions always match the roles.
        post_migrate.connect(ensure_role_groups, sender=self)
