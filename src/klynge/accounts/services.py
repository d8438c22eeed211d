import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from klynge.accounts.models import Account, Role
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
