"""Committee codes are letters, digits and hyphens (a quote or a line break in one broke the memo
download's header); every download's Content-Disposition is built by Django (RFC 6266), whatever the
file is called."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from klynge.memos.models import Memo, MemoKind
from klynge.memos.services import memo_draft
from klynge.organisation.models import Committee
from klynge.organisation.services import committee_create
from tests.factories import ClusterWorld
from tests.hardening.conftest import API

MESSAGE = "Koden kan kun indeholde bogstaver, tal og bindestreg"
# attachment or inline, and a plain quoted ASCII name or an RFC 5987 encoded one: never a raw quote,
# line break or non-ASCII character.
SAFE_HEADER = re.compile(r"""(attachment|inline); filename(="[-\w. ]+"|\*=utf-8''[-\w.%!~*'()]+)""", re.ASCII)


@pytest.mark.parametrize("code", ['SO"U', "SO\r\nU", "SO\tU", "S U", "SOU/2", "SOU;", ""])
def test_a_code_with_anything_else_is_refused(world: ClusterWorld, code: str) -> None:
    committees = Committee.objects.count()
    with pytest.raises(ValidationError) as refused:
        committee_create(party=world.municipality, name="Nyt udvalg", code=code)
    assert "code" in refused.value.message_dict
    assert Committee.objects.count() == committees


@pytest.mark.parametrize("code", ["SOU-2", "ÆLDRE", "buu", " SOC\n"])
def test_letters_digits_and_hyphens_are_a_code(world: ClusterWorld, code: str) -> None:
    created = committee_create(party=world.municipality, name="Nyt udvalg", code=code)
    assert created.code == code.strip().upper()


def test_the_admin_refuses_it_next_to_the_field(world: ClusterWorld, admin: Client) -> None:
    committees = Committee.objects.count()
    data = {"party": world.municipality.pk, "name": "Nyt udvalg", "code": 'SO"U', "slug": "nyt-udvalg"}
    response = admin.post(reverse("admin:organisation_committee_add"), data)
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert Committee.objects.count() == committees


def test_codes_stored_before_are_cleaned_by_the_migration(world: ClusterWorld) -> None:
    migration = importlib.import_module("klynge.organisation.migrations.0003_committee_codes_cleaned")
    first = committee_create(party=world.municipality, name="Første", code="FOERSTE")
    second = committee_create(party=world.municipality, name="Andet", code="ANDET")
    third = committee_create(party=world.municipality, name="Tredje", code="TREDJE")
    Committee.objects.filter(pk=first.pk).update(code='SO"U\r\nX')
    Committee.objects.filter(pk=second.pk).update(code="SO U X")  # cleaned, it would be the first's code
    Committee.objects.filter(pk=third.pk).update(code='""')
    # What RunPython gives the function: a schema editor, of which it uses the connection.
    migration.clean_codes(apps, SimpleNamespace(connection=connection))
    codes = {c.pk: c.code for c in Committee.objects.filter(pk__in=[first.pk, second.pk, third.pk])}
    assert codes == {first.pk: "SO-U-X", second.pk: f"SO-U-X-{second.pk}", third.pk: f"UDVALG-{third.pk}"}
    for committee in Committee.objects.all():
        committee.full_clean()


@pytest.mark.parametrize("file_format", ["docx", "pdf", "html", "md"])
def test_a_memo_download_of_a_committee_with_an_old_code(
    world: ClusterWorld, admin: Client, file_format: str
) -> None:
    committee = Committee.objects.get(party=world.municipality)
    memo = memo_draft(committee=committee, kind=MemoKind.ORIENTATION)
    Committee.objects.filter(pk=committee.pk).update(code='SO"U\r\nX-Evil: 1')
    response = admin.get(f"/notater/{memo.pk}/hent/{file_format}/")
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert SAFE_HEADER.fullmatch(header), header
    assert "X-Evil" not in response.headers


def test_a_memo_download_with_danish_letters_in_its_name(world: ClusterWorld, admin: Client) -> None:
    committee = committee_create(party=world.municipality, name="Ældreudvalget", code="ÆLDRE")
    memo = memo_draft(committee=committee, kind=MemoKind.ORIENTATION)
    Memo.objects.filter(pk=memo.pk).update(memo_date="2024-05-01")
    header = admin.get(f"/notater/{memo.pk}/hent/docx/")["Content-Disposition"]
    assert header == "attachment; filename*=utf-8''notat-%C3%A6ldre-2024-05-01-v1.docx"


DOWNLOADS = [
    f"{API}/exports/initiatives.csv",
    f"{API}/exports/initiatives.xlsx",
    f"{API}/exports/allocations.csv",
    f"{API}/exports/allocations.xlsx",
    f"{API}/exports/public.json",
    f"{API}/meetings.ics?since=2000-01-01",
    "/optageomraader/import/optageomraader-eksempel.csv",
    "/laegedaekning/eksempelfil.csv",
]


@pytest.mark.parametrize("path", DOWNLOADS)
def test_every_download_names_its_file_safely(world: ClusterWorld, admin: Client, path: str) -> None:
    response = admin.get(path)
    assert response.status_code == 200
    assert SAFE_HEADER.fullmatch(response["Content-Disposition"]), response["Content-Disposition"]


def test_the_body_feed_and_temporary_places_example_too(world: ClusterWorld, admin: Client) -> None:
    for path in (
        f"{API}/bodies/{world.political.pk}.ics?since=2000-01-01",
        reverse("temporaryplaces:example_file"),
    ):
        response = admin.get(path)
        assert response.status_code == 200
        assert SAFE_HEADER.fullmatch(response["Content-Disposition"]), response["Content-Disposition"]
