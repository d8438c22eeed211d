"""Personal API tokens: the secret is shown once, only its SHA-256 digest is kept."""

import hashlib

from django.conf import settings
from django.db import models

# A token's secret starts with this, so a leaked one is recognisable (secret scanners, logs).
TOKEN_PREFIX = "klynge_"


def token_digest(token: str) -> str:
    """What is kept of a token's secret: its SHA-256, never the secret itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="bruger", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("navn", max_length=100, blank=True)
    # The first characters of the token, so its owner can tell their tokens apart; not secret.
    prefix = models.CharField("begyndelse", max_length=12, db_index=True)
    digest = models.CharField("SHA-256", max_length=64, unique=True)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    last_used_at = models.DateTimeField("sidst brugt", null=True, blank=True)
    revoked_at = models.DateTimeField("tilbagekaldt", null=True, blank=True)

    class Meta:
        verbose_name = "API-nøgle"
        verbose_name_plural = "API-nøgler"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or 'uden navn'})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
