"""Catchment's one write, the import of the region's revision, is one path: the page's upload and the
command itself (as the API or any other caller builds it) store the same rules and refuse alike — the same
Danish messages under "file", 403 for anyone but an administrator.

Catchment has no write endpoint in the API (it reads only), so the command is called directly with the
same input the page sends; each way runs from the same starting point (the first is rolled back).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.catchment.commands import CatchmentRulesImport, catchment_rules_import
from klynge.catchment.models import CatchmentRule
from tests.factories import ClusterWorld

HEADER = "område;speciale;hospital;gyldig_fra;gyldig_til\n"
NOTE = "Testrevision"


@dataclass(frozen=True)
class Outcome:
    status: str  # saved, refused, forbidden
    errors: dict[str, list[str]] | None = None


def rules() -> tuple[Any, ...]:
    return tuple(
        CatchmentRule.objects.order_by("area__name", "valid_from").values_list(
            "area__name", "hospital__name", "specialty__name", "valid_from", "valid_to", "source_note"
        )
    )


def user_with(role: Role, world: ClusterWorld) -> Any:
    party = world.municipality if role == Role.EDITOR else None
    account, _ = account_create(email=f"{role}@catchment.test.dk", role=role, party=party, password="x")
    return get_user_model().objects.get(pk=account.pk)


def through_page(user: Any, content: bytes) -> Outcome:
    client = Client()
    client.force_login(user)
    response = client.post(
        "/optageomraader/import/",
        {"file": SimpleUploadedFile("revision.csv", content), "source_note": f"  {NOTE} "},
    )
    if response.status_code == 302:
        return Outcome("saved")
    if response.status_code == 403:
        return Outcome("forbidden")
    assert response.status_code == 422, response.status_code
    errors = response.context["form"].errors
    return Outcome("refused", {field: list(messages) for field, messages in errors.items()})


def through_command(user: Any, content: bytes) -> Outcome:
    # The note as the page builds it from what the user typed and the file's name.
    command = CatchmentRulesImport(content=content, source_note=f"{NOTE} (indlæst fra filen revision.csv)")
    try:
        catchment_rules_import(actor=user, command=command)
    except PermissionDenied:
        return Outcome("forbidden")
    except ValidationError as error:
        return Outcome("refused", error.message_dict)
    return Outcome("saved")


def run(send: Callable[[Any, bytes], Outcome], user: Any, content: bytes) -> tuple[Outcome, tuple[Any, ...]]:
    with transaction.atomic():
        outcome = send(user, content)
        stored = rules()
        transaction.set_rollback(True)
    return outcome, stored


CASES = {
    "a new rule ends the current one": (
        Role.ADMIN,
        HEADER + "Test Kommune;;Test Hospital;01.01.2026;\n",
        "saved",
    ),
    "an unknown area": (Role.ADMIN, HEADER + "Atlantis;;Test Hospital;2026-01-01;\n", "refused"),
    "wrong columns": (Role.ADMIN, "omraade;hospital\nTest Kommune;Test Hospital\n", "refused"),
    "an editor may not import": (
        Role.EDITOR,
        HEADER + "Test Kommune;;Test Hospital;2026-01-01;\n",
        "forbidden",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_page_and_the_command_import_and_refuse_alike(world: ClusterWorld, case: str) -> None:
    role, text, expected = CASES[case]
    user = user_with(role, world)
    before = rules()

    by_page = run(through_page, user, text.encode())
    by_command = run(through_command, user, text.encode())

    assert by_page == by_command
    assert by_page[0].status == expected
    assert (by_page[1] != before) == (expected == "saved")
    if expected == "refused":
        assert by_page[0].errors and list(by_page[0].errors) == ["file"]
