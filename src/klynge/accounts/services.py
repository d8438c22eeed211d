import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from klynge.accounts.models import Account, CalendarToken, Role
from klynge.accounts.roles import GROUP_NAMES
from klynge.organisation.models import Party, Person


def account_create(
    *,
    email: str,
    role: Role,
    party: Party | None = None,
    person: Person | None = None,
    password: str | None = None,
) -> tuple[AbstractUser, str]:
    """Create a user with a role; returns the user and the password (generated if none was given)."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": "Angiv en gyldig e-mailadresse."}) from error
    user_model = get_user_model()
    if user_model.objects.filter(username=email).exists():
        raise ValidationError({"email": "Der findes allerede en konto med denne e-mailadresse."})
    password = password or secrets.token_urlsafe(12)
    with transaction.atomic():
        user = user_model.objects.create_user(
            username=email,
            email=email,
            password=password,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        account = Account(user=user, role=role, party=party, person=person)
        account.full_clean()
        account.save()
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user, password


# ---- Personal calendar links ------------------------------------------------------------------------------

CALENDAR_TOKEN_PREFIX = "kal_"


def _calendar_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def calendar_token_issue(*, user: Any) -> str:
    """A new secret for the user's personal calendar link; the one before stops working. Only its digest
    is kept: the secret is returned once, to be shown once."""
    secret = CALENDAR_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=user.pk))
        CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        CalendarToken.objects.create(user=user, digest=_calendar_digest(secret))
    return secret


def calendar_token_revoke(*, user: Any) -> int:
    """Stop the user's calendar link from working (how many were revoked: 0 or 1)."""
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def calendar_token_owner(*, secret: str) -> Any:
    """The active user whose calendar link this secret is, or None (unknown, revoked, or inactive user)."""
    if not secret.startswith(CALENDAR_TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        CalendarToken.objects.filter(digest=_calendar_digest(secret), revoked_at__isnull=True)
        .select_related("user", "user__account")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user


def calendar_token_active(*, user: Any) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()
