"""The import of a count gives the same stored result and the same refusal by the page and by the
command the page builds (`klynge.temporaryplaces.commands`). The API is read-only for temporary places,
so the other caller here is the command itself, as a script or a future endpoint would call it."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.organisation.models import Party, PartyKind
from klynge.organisation.services import party_create
from klynge.temporaryplaces import commands
from klynge.temporaryplaces.models import PlaceCount
from tests.clients import editor_of
from tests.temporaryplaces.helpers import HAND_ROWS, Region, build_region, cap, csv_bytes, trade

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(db: None) -> Region:
    return build_region()


def editor(party: Party, email: str) -> Any:
    user, _ = account_create(email=email, role=Role.EDITOR, party=party, password="x")
    return user


def upload(client: Client, region: Party, content: bytes, name: str) -> Any:
    return client.post(
        "/midlertidige-pladser/import/",
        {
            "name": name,
            "region": region.pk,
            "file": SimpleUploadedFile("pladser.csv", content, content_type="text/csv"),
            "description": "Fra sekretariatet",
        },
    )


def command(region: Party, content: bytes, name: str) -> commands.PlaceCountImport:
    return commands.PlaceCountImport(
        name=name,
        region_id=region.pk,
        content=content,
        file_name="pladser.csv",
        description="Fra sekretariatet",
    )


def stored(count: PlaceCount) -> tuple[Any, ...]:
    return (
        count.region_id,
        count.description,
        count.is_example,
        count.file_name,
        sorted((c.municipality_id, c.period_start, c.period_end, c.places, c.place_days_used) for c in count.capacities.all()),
        sorted((t.buyer_id, t.seller_id, t.period_start, t.place_days, t.price_per_day) for t in count.trades.all()),
    )


def test_an_import_is_the_same_by_page_and_command(region: Region) -> None:
    assert upload(editor_of(region.b), region.region, csv_bytes(*HAND_ROWS), "Side").status_code == 302
    by_command = commands.place_count_import(
        actor=editor(region.b, "kommando@test.dk"),
        command=command(region.region, csv_bytes(*HAND_ROWS), "Kommando"),
    )
    assert stored(by_command) == stored(PlaceCount.objects.get(name="Side"))


BAD_FILE = csv_bytes(cap("2023-10", "Aby Kommune", -1, 5), trade("2023-10", "Aby Kommune", "Aby Kommune", 5))


@pytest.mark.parametrize("case", ["bad_file", "other_region", "taken_name"])
def test_a_refused_import_says_the_same_by_page_and_command(region: Region, case: str) -> None:
    content, target, party = BAD_FILE, region.region, region.b
    if case == "other_region":
        content, party = csv_bytes(*HAND_ROWS), region.elsewhere
    if case == "taken_name":
        content = csv_bytes(*HAND_ROWS)
        commands.place_count_import(
            actor=editor(region.b, "foer@test.dk"), command=command(target, content, "Navn")
        )
    before = PlaceCount.objects.count()

    page = upload(editor_of(party), target, content, "Navn")
    with pytest.raises(ValidationError) as refused:
        commands.place_count_import(
            actor=editor(party, "kommando@test.dk"), command=command(target, content, "Navn")
        )

    assert page.status_code == 422
    form = page.context["form"]
    page_messages = [str(m) for errors in form.errors.values() for m in errors]
    assert page_messages == refused.value.messages
    assert PlaceCount.objects.count() == before


def test_those_who_may_not_import_are_forbidden_by_page_and_command(region: Region) -> None:
    general_practice = party_create(name="PLO Prøve", kind=PartyKind.GENERAL_PRACTICE)
    content = csv_bytes(*HAND_ROWS)
    assert upload(editor_of(general_practice), region.region, content, "Navn").status_code == 403
    with pytest.raises(PermissionDenied):
        commands.place_count_import(
            actor=editor(general_practice, "plo@test.dk"), command=command(region.region, content, "Navn")
        )
    assert not PlaceCount.objects.exists()
