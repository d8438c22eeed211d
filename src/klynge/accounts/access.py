"""What a user's account says about them — the one place other access rules ask."""

from typing import Any

from klynge.accounts.models import Account, Role


def account_of(user: Any) -> Account | None:
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "account", None)


def is_administrator(user: Any) -> bool:
    if user is None or not user.is_authenticated:
        return False
    account = account_of(user)
    return bool(user.is_superuser or (account is not None and account.role == Role.ADMIN))


def editor_party_id(user: Any) -> int | None:
    """The party a secretariat editor acts for, or None for anyone else."""
    account = account_of(user)
    return account.party_id if account is not None and account.role == Role.EDITOR else None


def member_person_id(user: Any) -> int | None:
    """The person a member is in the bodies, or None for anyone else."""
    account = account_of(user)
    return account.person_id if account is not None and account.role == Role.MEMBER else None
