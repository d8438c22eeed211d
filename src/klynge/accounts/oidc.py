"""Single sign-on: an OpenID Connect login is accepted only for an existing account with that e-mail."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class ExistingAccountsOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        email = (claims.get("email") or "").strip().lower()
        users = get_user_model().objects.filter(username=email, is_active=True, account__isnull=False)
        return users if email and claims.get("email_verified", True) else users.none()
