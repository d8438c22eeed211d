"""The system actor: who writes when no person does — the command line (`klynge memo … --save`,
`klynge catchment import`, `klynge gpcoverage import`, `klynge temporaryplaces import`).

Those writes go through the same command functions as the pages and the API (`<domain>/commands.py`), so
they need an actor. Whoever runs `klynge` on the server already holds the database, so the system actor
may do what an administrator may (its account's role is `admin`): draft memos to any committee and import
catchment, GP coverage and temporary places files. It cannot sign in: it has no usable password, is no
staff (no admin site), and its user name is not an e-mail address, so single sign-on, which matches
verified e-mail addresses, never finds it.

History records it by name: every write made `as_system()` is saved in the records' history
(django-simple-history) with the system user as "who" (`klynge-system`), and an import's `imported_by` is
the system user, so a record changed from the command line is told apart from one changed by a person.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction
from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from klynge.accounts.models import Account, Role
from klynge.accounts.roles import GROUP_NAMES

SYSTEM_USERNAME = "klynge-system"


def system_actor() -> AbstractUser:
    """The system user (made the first time it is needed), with an administrator's account."""
    user_model = get_user_model()
    with transaction.atomic():
        user, created = user_model.objects.get_or_create(
            username=SYSTEM_USERNAME,
            defaults={"email": "", "first_name": "Klynge", "last_name": "(system)", "is_superuser": True},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            Account.objects.create(user=user, role=Role.ADMIN)
            user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ADMIN]))
    assert isinstance(user, AbstractUser)
    return user


@contextmanager
def recorded_as(user: AbstractUser) -> Iterator[AbstractUser]:
    """Record the writes inside in the history as `user`'s. The pages' writes are recorded by the request's
    user (simple-history's middleware); a command line has no request, so this gives it one."""
    context = HistoricalRecords.context
    had_request = hasattr(context, "request")
    previous = getattr(context, "request", None)
    request = HttpRequest()
    request.user = user  # type: ignore[assignment]  # any user model
    context.request = request
    try:
        yield user
    finally:
        if had_request:
            context.request = previous
        else:
            del context.request


@contextmanager
def as_system() -> Iterator[AbstractUser]:
    """The system actor, with the writes inside recorded in the history as its own."""
    with recorded_as(system_actor()) as user:
        yield user
