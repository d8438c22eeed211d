"""Reads for API tokens."""

from typing import Any

from django.db.models import QuerySet

from klynge.api.models import TOKEN_PREFIX, ApiToken, token_digest


def token_active(token: str) -> ApiToken | None:
    """The active token with this secret (with its user), or None for an unknown, revoked or malformed one."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return (
        ApiToken.objects.select_related("user", "user__account")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
