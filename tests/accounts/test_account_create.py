import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from klynge.accounts.models import Account, Role
from klynge.accounts.services import account_create
from tests.factories import ClusterWorld
from tests.site.querycount import queries_for


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"email": "ikke-en-adresse", "role": Role.ADMIN}, "email", "Angiv en gyldig e-mailadresse."),
        ({"email": "r@test.dk", "role": Role.EDITOR}, "party", "En redaktør skal høre til en part."),
        ({"email": "m@test.dk", "role": Role.MEMBER}, "person", "Et medlem skal være knyttet til en person."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(db: None, kwargs: dict, field: str, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError) as error:
        account_create(**kwargs)
    assert error.value.message_dict[field] == [message]
    assert not get_user_model().objects.exists() and not Account.objects.exists()


def test_the_same_email_twice_is_refused_whatever_its_case(world: ClusterWorld) -> None:
    account_create(email="kk@test.dk", role=Role.EDITOR, party=world.municipality)
    with pytest.raises(ValidationError) as error:
        account_create(email=" KK@Test.dk ", role=Role.ADMIN)
    assert error.value.message_dict["email"] == ["Der findes allerede en konto med denne e-mailadresse."]
    assert get_user_model().objects.count() == 1


def test_the_login_page_makes_no_queries_whatever_the_data(client: Client, world: ClusterWorld) -> None:
    before = queries_for(client, "/log-ind/")
    for n in range(10):
        account_create(email=f"a{n}@test.dk", role=Role.ADMIN, password="x")
    # One: the anonymous response cache's read of its data version (klynge.pagecache); the page makes none
    # (and, holding a CSRF token, is never cached).
    assert queries_for(client, "/log-ind/") == before == 1
