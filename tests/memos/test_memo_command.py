from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.memos.models import Memo
from tests.factories import ClusterWorld
from tests.memos.extract import docx_text


def test_unknown_committee_is_a_clear_error(world: ClusterWorld) -> None:
    with pytest.raises(CommandError, match=r"Unknown committee 'XYZ'. Known committees: SUTEST\."):
        call_command("memo", "status", "--committee", "XYZ", "--meeting-date", "2023-12-14")


def test_status_memo_needs_a_meeting_date(world: ClusterWorld) -> None:
    with pytest.raises(CommandError, match="needs --meeting-date"):
        call_command("memo", "status", "--committee", "sutest")


def test_binary_formats_need_an_output_file(world: ClusterWorld) -> None:
    with pytest.raises(CommandError, match="needs --output"):
        call_command(
            "memo", "status", "--committee", "SUTEST", "--meeting-date", "2023-12-14", "--format", "pdf"
        )


def test_bad_date_is_a_clear_error(world: ClusterWorld) -> None:
    with pytest.raises(CommandError, match="not a date in the form YYYY-MM-DD"):
        call_command("memo", "status", "--committee", "SUTEST", "--meeting-date", "14-12-2023")


def test_writes_the_file_and_leaves_no_draft_unless_asked(world: ClusterWorld, tmp_path: Path) -> None:
    out = tmp_path / "notat.docx"
    call_command(
        "memo", "status", "--committee", "SUTEST", "--meeting-date", "2023-12-14", "--format", "docx",
        "--output", str(out), "--case-number", "edoc=2023-0476658", "--case-handler", "Melissa Holmes",
    )  # fmt: skip
    text = docx_text(out.read_bytes())
    assert "Møde i Sundhedsklynge Test den 28. november" in text
    assert "2023-0476658" in text and "Melissa Holmes" in text
    assert Memo.objects.count() == 0
    call_command(
        "memo",
        "orientation",
        "--committee",
        "SUTEST",
        "--format",
        "md",
        "--output",
        str(tmp_path / "o.md"),
        "--save",
    )
    assert Memo.objects.count() == 1


def test_unwritable_output_is_a_clear_error(world: ClusterWorld, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot write"):
        call_command(
            "memo",
            "orientation",
            "--committee",
            "SUTEST",
            "--format",
            "md",
            "--output",
            str(tmp_path / "no" / "x.md"),
        )


def test_a_closed_memo_is_marked_and_said_to_be_closed(
    world: ClusterWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda_item_create(
        meeting=world.meeting, title="Fortroligt udbud", kind=AgendaItemKind.DISCUSSION, is_public=False
    )
    out = tmp_path / "notat.docx"
    call_command(
        "memo", "status", "--committee", "SUTEST", "--meeting-date", "2023-12-14", "--format", "docx",
        "--output", str(out),
    )  # fmt: skip
    text = docx_text(out.read_bytes())
    assert "Notat – Lukket notat" in text and "Lukket punkt" in text and "Fortroligt udbud" in text
    assert "This is a closed memo: it draws on 1 closed agenda item(s)" in capsys.readouterr().out
