"""Who is calling the API — the one place it is decided.

A personal token (`Authorization: Bearer TOKEN`, made with `klynge token create`) or the browser session
(with its CSRF token for writes). Reads also answer anonymous callers, who see what the public sees.
Whoever it is becomes `request.user`, so the app's access rules and change history apply unchanged.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, APIKeyQuery, HttpBearer
from ninja.utils import check_csrf

from klynge.api.services import token_authenticate


def _as_caller(request: HttpRequest, token: str | None) -> Any:
    if token is None:
        return None
    user = token_authenticate(token=token)
    if user is None:
        # A wrong token is an error, not a silent fall back to anonymous: the caller meant to log in.
        raise AuthenticationError(message="The token is unknown or revoked.")
    request.user = user
    return user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _as_caller(request, token.strip())


class QueryToken(APIKeyQuery):
    """`?token=…` for calendar feeds only: calendar programs cannot send headers."""

    param_name = "token"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return _as_caller(request, key)


class Session(APIKeyCookie):
    """The logged-in browser session; writes need Django's CSRF token (X-CSRFToken header)."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> str | None:
        # Anonymous callers get 401, not a CSRF complaint: check CSRF only for a real session.
        if not request.user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the csrftoken cookie's value as X-CSRFToken.")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


def anonymous(request: HttpRequest) -> Any:
    """Reads answer everyone; an anonymous caller sees what the public sees."""
    return AnonymousUser()


# Reads: a token, the session or nobody. Writes: a token or the session.
READ_AUTH = [BearerToken(), Session(), anonymous]
WRITE_AUTH = [BearerToken(), Session()]
FEED_AUTH = [BearerToken(), QueryToken(), Session(), anonymous]
