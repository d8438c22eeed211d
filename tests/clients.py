"""Logged-in test clients for each role, made through the account service."""

from django.contrib.auth import get_user_model
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.organisation.models import Party, Person


def logged_in(**account: object) -> Client:
    """A client logged in with a new account (email, role, party/person as account_create takes them)."""
    user, _ = account_create(password="x", **account)  # type: ignore[arg-type]
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user.pk))
    return client


def editor_of(party: Party, email: str = "") -> Client:
    return logged_in(email=email or f"editor-{party.slug}@test.dk", role=Role.EDITOR, party=party)


def member_as(person: Person, email: str = "") -> Client:
    return logged_in(email=email or f"member-{person.slug}@test.dk", role=Role.MEMBER, person=person)


def administrator(email: str = "admin@test.dk") -> Client:
    return logged_in(email=email, role=Role.ADMIN)


def content_of(response: object) -> bytes:
    """The response's body, whether it was written at once or streamed (the public data dump)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    content: bytes = response.content  # type: ignore[attr-defined]
    return content
