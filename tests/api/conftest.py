from typing import Any

import pytest
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from klynge.organisation.models import Party, Person
from tests.site.test_permission_matrix import module_records, records  # noqa: F401 (the matrix's records, for the API's matrix)


def token_for(*, email: str, role: Role, party: Party | None = None, person: Person | None = None) -> str:
    user, _ = account_create(email=email, role=role, party=party, person=person, password="x")
    return token_create(user=user, name="test")[1]


class TokenClient(Client):
    """A client that sends a personal token with every request, as an API caller would."""

    def __init__(self, token: str, **defaults: Any) -> None:
        super().__init__(HTTP_AUTHORIZATION=f"Bearer {token}", **defaults)


@pytest.fixture
def api_client() -> Client:
    return Client()
