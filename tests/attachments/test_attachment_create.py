"""Uploading an attachment: the file is kept with its checksum, its type found from its bytes, its text
extracted; what is not allowed is refused in Danish, and nothing is kept then."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from klynge.attachments.models import Attachment
from klynge.attachments.services import attachment_create, attachment_delete, attachment_move
from tests.attachments.files import HTML_BYTES, PNG_BYTES, docx_bytes, pdf_bytes, xlsx_bytes
from tests.factories import ClusterWorld


@pytest.mark.parametrize(
    ("content", "content_type", "word"),
    [
        (pdf_bytes("Sagsfremstilling om forebyggelse"), "application/pdf", "forebyggelse"),
        (docx_bytes("Notat om sundhedsklyngen"), "wordprocessingml", "sundhedsklyngen"),
        (xlsx_bytes("Aktivitetstal"), "spreadsheetml", "Aktivitetstal"),
        (PNG_BYTES, "image/png", ""),
    ],
)
def test_upload_keeps_the_file_its_type_checksum_and_text(
    world: ClusterWorld, content: bytes, content_type: str, word: str
) -> None:
    attachment = attachment_create(
        meeting=world.meeting, agenda_item=world.agenda_item, content=content, original_name="../../bilag.bin"
    )
    attachment.refresh_from_db()
    assert content_type in attachment.content_type
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.original_name == "bilag.bin"
    assert attachment.title == "bilag"
    assert attachment.file.name.startswith("bilag/") and "bilag.bin" not in attachment.file.name
    with attachment.file.open("rb") as stored:
        assert stored.read() == content
    assert word in attachment.extracted_text


def test_html_is_refused_whatever_it_is_called(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as refused:
        attachment_create(meeting=world.meeting, content=HTML_BYTES, original_name="dagsorden.pdf")
    assert "Filtypen er ikke tilladt" in refused.value.message_dict["file"][0]
    assert not Attachment.objects.exists()


@override_settings(KLYNGE_ATTACHMENT_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as refused:
        attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="stor.pdf")
    assert refused.value.message_dict["file"] == ["Filen er for stor: højst 0 MB."]


def test_empty_file_is_refused(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError):
        attachment_create(meeting=world.meeting, content=b"", original_name="tom.pdf")


def test_attachments_are_numbered_in_order_and_move(world: ClusterWorld) -> None:
    first = attachment_create(
        meeting=world.meeting, agenda_item=world.agenda_item, content=pdf_bytes(), original_name="a.pdf"
    )
    second = attachment_create(
        meeting=world.meeting, agenda_item=world.agenda_item, content=pdf_bytes(), original_name="b.pdf"
    )
    own = attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="c.pdf")
    assert (first.position, second.position, own.position) == (1, 2, 1)
    attachment_move(attachment=second, direction="up")
    assert list(world.agenda_item.attachments.order_by("position").values_list("title", flat=True)) == [
        "b",
        "a",
    ]
    with pytest.raises(ValidationError):
        attachment_move(attachment=own, direction="down")


def test_delete_removes_the_record(world: ClusterWorld) -> None:
    attachment = attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="a.pdf")
    pk = attachment.pk
    attachment_delete(attachment=attachment)
    assert not Attachment.objects.filter(pk=pk).exists()
    assert [h.history_type for h in Attachment.history.filter(id=pk)] == ["-", "+"]  # type: ignore[attr-defined]
