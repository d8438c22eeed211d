"""The command line writes through the same command functions as the pages and the API, as the system
actor (`klynge.accounts.system`): the same refusal for the same input, and the history says who wrote."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.accounts.system import SYSTEM_USERNAME, as_system, system_actor
from klynge.gpcoverage.models import GpCoverageDataset
from klynge.memos.commands import MemoDraft, memo_draft
from klynge.memos.models import Memo, MemoKind
from klynge.organisation.models import Committee
from klynge.temporaryplaces.commands import FILE_TOO_BIG, MAX_FILE_BYTES, PlaceCountImport, place_count_import
from klynge.temporaryplaces.models import PlaceCount
from tests.factories import ClusterWorld
from tests.gpcoverage.helpers import build_city, csv_file
from tests.temporaryplaces.helpers import HAND_ROWS, build_region, csv_bytes


def test_the_system_actor_is_an_administrator_who_cannot_sign_in(db: None) -> None:
    user = system_actor()
    assert system_actor() == user  # made once
    assert user.username == SYSTEM_USERNAME and user.account.role == Role.ADMIN
    assert not user.has_usable_password() and not user.is_staff and "@" not in user.username
    assert user.has_perm("memos.change_memo")


def test_a_memo_saved_from_the_command_line_is_recorded_as_the_systems(
    world: ClusterWorld, tmp_path: Path
) -> None:
    call_command(
        "memo", "orientation", "--committee", "SUTEST", "--format", "md",
        "--output", str(tmp_path / "o.md"), "--save", stdout=StringIO(),
    )  # fmt: skip
    row = Memo.objects.get().history.get()
    assert row.history_user is not None and row.history_user.username == SYSTEM_USERNAME


def test_the_memo_command_line_gives_the_commands_refusal(world: ClusterWorld, tmp_path: Path) -> None:
    too_long = "2023-" + "9" * 300
    admin, _ = account_create(email="admin@test.dk", role=Role.ADMIN)
    committee = Committee.objects.get(code="SUTEST")
    draft = MemoDraft(committee_id=committee.pk, kind=MemoKind.ORIENTATION, case_numbers={"edoc": too_long})
    with pytest.raises(ValidationError) as by_page:
        memo_draft(actor=admin, command=draft)
    message = by_page.value.message_dict["case_numbers.edoc"][0]

    with pytest.raises(CommandError) as by_cli:
        call_command(
            "memo", "orientation", "--committee", "SUTEST", "--format", "md",
            "--output", str(tmp_path / "o.md"), "--save", "--case-number", f"edoc={too_long}",
        )  # fmt: skip
    assert message in str(by_cli.value)
    assert not Memo.objects.exists()


@pytest.mark.django_db
def test_a_temporary_places_file_too_big_is_refused_alike(tmp_path: Path) -> None:
    region = build_region()
    content = csv_bytes(*HAND_ROWS) + b" " * MAX_FILE_BYTES
    with as_system() as actor, pytest.raises(ValidationError) as by_command:
        place_count_import(
            actor=actor, command=PlaceCountImport(name="Stor", region_id=region.region.pk, content=content)
        )
    assert by_command.value.message_dict == {"file": [FILE_TOO_BIG]}

    path = tmp_path / "stor.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=FILE_TOO_BIG.replace("(", r"\(").replace(")", r"\)")):
        call_command("temporaryplaces", "import", str(path), "--name", "Stor", "--region", "Region Prøve")
    assert not PlaceCount.objects.exists()


@pytest.mark.django_db
def test_imports_from_the_command_line_are_recorded_as_the_systems(tmp_path: Path) -> None:
    build_region()
    places = tmp_path / "pladser.csv"
    places.write_bytes(csv_bytes(*HAND_ROWS))
    call_command(
        "temporaryplaces",
        "import",
        str(places),
        "--name",
        "Fra CLI",
        "--region",
        "Region Prøve",
        stdout=StringIO(),
    )
    count_row = PlaceCount.objects.get().history.get()

    build_city()
    figures = tmp_path / "tal.csv"
    figures.write_bytes(csv_file("Nordby;2024;1000;nej;1;;0;", delimiter=","))
    call_command("gpcoverage", "import", str(figures), "--name", "Fra CLI", stdout=StringIO())
    dataset = GpCoverageDataset.objects.get()

    system = system_actor()
    assert count_row.history_user == system
    assert dataset.imported_by == system and dataset.history.get().history_user == system
