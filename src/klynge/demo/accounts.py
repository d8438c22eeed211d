"""One demo account per role. The passwords are fixed and printed, because this is a local demo only."""

from django.contrib.auth import get_user_model

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.organisation.models import Party, Person

DEMO_ACCOUNTS: list[tuple[str, Role, str, str]] = [
    # (e-mail, role, party or person it is tied to, password)
    ("admin@klynge.example", Role.ADMIN, "", "klynge-demo-admin"),
    ("sekretariat@kk.klynge.example", Role.EDITOR, "Københavns Kommune", "klynge-demo-redaktoer"),
    ("sisse.welling@kk.klynge.example", Role.MEMBER, "Sisse Marie Welling", "klynge-demo-medlem"),
]


def create_demo_accounts() -> None:
    for email, role, tied_to, password in DEMO_ACCOUNTS:
        if get_user_model().objects.filter(username=email).exists():
            continue
        account_create(
            email=email,
            role=role,
            party=Party.objects.get(name=tied_to) if role == Role.EDITOR else None,
            person=Person.objects.get(name=tied_to) if role == Role.MEMBER else None,
            password=password,
        )
