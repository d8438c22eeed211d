"""Writes for API tokens."""

import datetime
import secrets
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from klynge.api.models import TOKEN_PREFIX, ApiToken, token_digest
from klynge.api.selectors import token_active

# How stale "last used" may get before it is written again (one write per token per interval, not per call).
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a personal token for the user; returns the record and the secret, which is not kept."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=secret[: len(TOKEN_PREFIX) + 5],
        digest=token_digest(secret),
    )
    return token, secret


def token_revoke(*, token: ApiToken) -> ApiToken:
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
    return locked


def token_authenticate(*, token: str) -> Any | None:
    """The active user a token belongs to (None for an unknown, revoked or malformed token), noting its use."""
    found = token_active(token)
    if found is None:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
