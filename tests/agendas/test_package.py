"""The agenda package: the public and closed editions differ exactly by the closed items, their texts and
their attachments; attachments are merged in order with a bookmark each; pages are numbered."""

import io
import re

from pypdf import PdfReader

from klynge.agendas.package import build_package
from klynge.attachments.services import attachment_create
from klynge.meetings.models import AgendaItem
from tests.agendas.helpers import CLOSED, PUBLIC, pdf_text, prepared_meeting
from tests.attachments.files import PNG_BYTES, docx_bytes, pdf_bytes
from tests.factories import ClusterWorld


def _outline(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))

    def walk(items: list[object]) -> list[str]:
        titles: list[str] = []
        for entry in items:
            if isinstance(entry, list):
                titles += walk(entry)
            else:
                titles.append(entry.title)  # type: ignore[attr-defined]
        return titles

    return walk(reader.outline)


def _unnumbered(title: str) -> str:
    return re.sub(r"^(Bilag )?\d+(\.\d+)?[.:] ?", r"\1", title)


def test_the_editions_differ_exactly_by_the_closed_items(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    public_item = AgendaItem.objects.get(meeting=meeting, title=PUBLIC)
    closed_item = AgendaItem.objects.get(meeting=meeting, title=CLOSED)
    attachment_create(
        meeting=meeting, agenda_item=public_item, content=pdf_bytes("Offentligt bilag"), original_name="a.pdf"
    )
    attachment_create(meeting=meeting, agenda_item=public_item, content=PNG_BYTES, original_name="kort.png")
    attachment_create(
        meeting=meeting,
        agenda_item=closed_item,
        content=pdf_bytes("Fortroligt budgetbilag"),
        original_name="budget.pdf",
    )
    attachment_create(
        meeting=meeting, agenda_item=closed_item, content=docx_bytes(), original_name="notat.docx"
    )
    public = build_package(meeting, closed=False)
    closed = build_package(meeting, closed=True)

    public_marks = [_unnumbered(t) for t in _outline(public)]
    closed_marks = [_unnumbered(t) for t in _outline(closed)]
    assert public_marks == ["Dagsorden", PUBLIC, "Bilag a", "Bilag kort"]
    extra = [m for m in closed_marks if m not in public_marks]
    assert extra == [CLOSED, "Bilag budget", "Bilag notat"]

    public_text, closed_text = pdf_text(public), pdf_text(closed)
    assert "Offentligt bilag" in public_text and "Fortroligt budgetbilag" not in public_text
    assert "Fortroligt budgetbilag" in closed_text
    assert "lukket" not in public_text.lower()  # not even a closed item's existence
    pages = len(PdfReader(io.BytesIO(closed)).pages)
    assert f"Side {pages} af {pages}" in closed_text


def test_the_meetings_own_attachments_come_after_the_agenda_public_ones_in_both_editions(
    world: ClusterWorld,
) -> None:
    meeting = prepared_meeting(world)
    public_item = AgendaItem.objects.get(meeting=meeting, title=PUBLIC)
    closed_item = AgendaItem.objects.get(meeting=meeting, title=CLOSED)
    attachment_create(
        meeting=meeting, content=pdf_bytes("Mødeplan for klyngen"), original_name="plan.pdf", title="Mødeplan"
    )
    attachment_create(
        meeting=meeting,
        content=pdf_bytes("Fortrolig deltagerliste"),
        original_name="deltagere.pdf",
        title="Deltagerliste",
        is_public=False,
    )
    attachment_create(meeting=meeting, content=PNG_BYTES, original_name="kort.png", title="Kort")
    attachment_create(
        meeting=meeting, agenda_item=public_item, content=pdf_bytes("Punktets bilag"), original_name="a.pdf"
    )
    attachment_create(
        meeting=meeting,
        agenda_item=closed_item,
        content=pdf_bytes("Fortroligt budgetbilag"),
        original_name="budget.pdf",
    )
    public = build_package(meeting, closed=False)
    closed = build_package(meeting, closed=True)

    public_marks = [_unnumbered(t) for t in _outline(public)]
    closed_marks = [_unnumbered(t) for t in _outline(closed)]
    # After the agenda, before the items; the public edition leaves out the closed meeting attachment.
    assert public_marks == ["Dagsorden", "Bilag til mødet", "Mødeplan", "Kort", PUBLIC, "Bilag a"]
    assert closed_marks == [
        "Dagsorden",
        "Bilag til mødet",
        "Mødeplan",
        "Deltagerliste",
        "Kort",
        PUBLIC,
        "Bilag a",
        CLOSED,
        "Bilag budget",
    ]
    public_text, closed_text = pdf_text(public), pdf_text(closed)
    assert "Mødeplan for klyngen" in public_text and "Mødeplan for klyngen" in closed_text
    assert "Deltagerliste" not in public_text and "Fortrolig deltagerliste" not in public_text
    assert "Fortrolig deltagerliste" in closed_text
    front = PdfReader(io.BytesIO(public)).pages[0].extract_text()
    assert "Bilag til mødet" in front and "Mødeplan" in front and "Kort" in front


def test_the_editions_differ_exactly_by_the_closed_items_with_the_meetings_public_attachments(
    world: ClusterWorld,
) -> None:
    """With only public attachments on the meeting, what the closed edition has beyond the public one is
    the closed items and their attachments: nothing else."""
    meeting = prepared_meeting(world)
    closed_item = AgendaItem.objects.get(meeting=meeting, title=CLOSED)
    attachment_create(meeting=meeting, content=pdf_bytes("Mødeplan for klyngen"), original_name="plan.pdf")
    attachment_create(
        meeting=meeting, agenda_item=closed_item, content=pdf_bytes("Fortroligt"), original_name="budget.pdf"
    )
    public_marks = [_unnumbered(t) for t in _outline(build_package(meeting, closed=False))]
    closed_marks = [_unnumbered(t) for t in _outline(build_package(meeting, closed=True))]
    assert [m for m in closed_marks if m not in public_marks] == [CLOSED, "Bilag budget"]
    assert [m for m in closed_marks if m in public_marks] == public_marks
