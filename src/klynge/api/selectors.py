"""Reads for API tokens."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from klynge.api.models import ApiToken
from klynge.api.services import TOKEN_PREFIX, token_digest

# How stale "last used" may get before it is written again (one write per token per interval, not per call).
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def user_for_token(token: str) -> Any | None:
    """The active user a token belongs to, or None for an unknown, revoked or malformed token."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    found = (
        ApiToken.objects.select_related("user", "user__account")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
