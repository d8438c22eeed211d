"""Attachments on the pages: uploaded by those who prepare the meeting, listed in order under their item
or the meeting, downloaded only by those who may read them — as a download, never rendered as a page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import conditional_escape

from klynge.attachments.models import Attachment
from klynge.attachments.services import attachment_create
from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.services import agenda_item_create
from tests.attachments.files import HTML_BYTES, PNG_BYTES, docx_bytes, pdf_bytes
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import queries_for


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/html")  # the claim is never believed


@pytest.fixture
def closed_item(world: ClusterWorld) -> AgendaItem:
    return agenda_item_create(
        meeting=world.meeting, title="Lukket punkt om budget", kind=AgendaItemKind.DECISION, is_public=False
    )


def test_an_editor_uploads_to_an_item_and_everyone_downloads_it(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    response = editor.post(
        f"/punkter/{world.agenda_item.pk}/bilag/ny/",
        {"file": upload("Notat om forebyggelse.docx", docx_bytes("Notat om forebyggelse")), "title": ""},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.agenda_item) == ("Notat om forebyggelse", world.agenda_item)
    assert "wordprocessingml" in attachment.content_type
    page = Client().get(world.meeting.get_absolute_url()).content.decode()
    assert "Notat om forebyggelse" in page and f"/bilag/{attachment.pk}/" in page
    download = Client().get(f"/bilag/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == attachment.content_type
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Notat%20om%20forebyggelse.docx" in download["Content-Disposition"] or (
        "Notat om forebyggelse.docx" in download["Content-Disposition"]
    )
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(download.streaming_content).startswith(b"PK")  # type: ignore[attr-defined]


def test_html_is_refused_with_a_danish_message_and_nothing_kept(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    response = editor.post(
        f"/moeder/{world.meeting.pk}/bilag/ny/", {"file": upload("dagsorden.pdf", HTML_BYTES)}
    )
    assert response.status_code == 422
    assert "Filtypen er ikke tilladt" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_pdf_may_be_shown_inline_on_request_an_image_too(world: ClusterWorld) -> None:
    pdf = attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="dagsorden")
    shown = Client().get(f"/bilag/{pdf.pk}/?vis=1")
    assert (
        shown["Content-Disposition"].startswith("inline;")
        and 'filename="dagsorden.pdf"' in shown["Content-Disposition"]
    )
    image = attachment_create(meeting=world.meeting, content=PNG_BYTES, original_name="kort.png")
    assert Client().get(f"/bilag/{image.pk}/")["Content-Disposition"].startswith("attachment;")


def test_a_closed_items_attachment_is_not_there_for_those_who_may_not_read_it(
    world: ClusterWorld, closed_item: AgendaItem
) -> None:
    attachment = attachment_create(
        meeting=world.meeting, agenda_item=closed_item, content=pdf_bytes(), original_name="budget.pdf"
    )
    other = build_cluster("Anden")
    for client in (Client(), editor_of(other.municipality), member_as(other.mayor)):
        assert client.get(f"/bilag/{attachment.pk}/").status_code == 404
        assert "budget.pdf" not in client.get(world.meeting.get_absolute_url()).content.decode()
    for client in (editor_of(world.municipality), member_as(world.mayor)):
        assert client.get(f"/bilag/{attachment.pk}/").status_code == 200
        assert "budget.pdf" in client.get(world.meeting.get_absolute_url()).content.decode()


def test_a_meetings_own_closed_attachment_follows_the_meetings_closed_items(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    editor.post(
        f"/moeder/{world.meeting.pk}/bilag/ny/",
        {"file": upload("referat.pdf", pdf_bytes()), "title": "Lukket referat"},
    )  # is_public unticked: closed
    attachment = Attachment.objects.get()
    assert not attachment.is_public
    assert Client().get(f"/bilag/{attachment.pk}/").status_code == 404
    assert member_as(world.mayor).get(f"/bilag/{attachment.pk}/")["Cache-Control"] == "private, no-store"


def test_reorder_rename_and_remove(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    first = attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="a.pdf")
    second = attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="b.pdf")
    assert editor.post(f"/bilag/{second.pk}/flyt/", {"retning": "op"}).status_code == 302
    assert list(Attachment.objects.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]
    assert (
        editor.post(f"/bilag/{first.pk}/rediger/", {"title": "Bilag A", "is_public": "on"}).status_code == 302
    )
    assert Attachment.objects.get(pk=first.pk).title == "Bilag A"
    assert member_as(world.mayor).post(f"/bilag/{first.pk}/fjern/").status_code == 403
    assert editor.post(f"/bilag/{first.pk}/fjern/").status_code == 302
    assert list(Attachment.objects.values_list("pk", flat=True)) == [second.pk]


def test_the_meeting_page_costs_the_same_with_more_attachments(
    world: ClusterWorld, closed_item: AgendaItem
) -> None:
    attachment_create(
        meeting=world.meeting, agenda_item=world.agenda_item, content=pdf_bytes(), original_name="a.pdf"
    )
    url = world.meeting.get_absolute_url()
    editor, public = editor_of(world.municipality), Client()
    before = (queries_for(editor, url), queries_for(public, url))
    for i in range(10):
        attachment_create(
            meeting=world.meeting,
            agenda_item=world.agenda_item,
            content=pdf_bytes(),
            original_name=f"{i}.pdf",
        )
        attachment_create(
            meeting=world.meeting, agenda_item=closed_item, content=pdf_bytes(), original_name=f"l{i}.pdf"
        )
        attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name=f"m{i}.pdf")
    assert (queries_for(editor, url), queries_for(public, url)) == before


def test_the_meeting_page_lists_each_attachment_only_to_those_who_may_read_it(
    world: ClusterWorld, closed_item: AgendaItem
) -> None:
    """The page keeps its items' attachments by the agenda the viewer sees (an item's attachment is as
    closed as its item) and the meeting's own by their condition: each title reaches exactly its readers,
    escaped."""
    titles = {
        "public item": "Åbent <script>alert(\"bilag\")</script> & 'citat'",
        "closed item": 'Lukket <script>alert("punkt")</script> & "tilbud"',
        "public own": "Mødets åbne bilag & <b>plan</b>",
        "closed own": "Mødets lukkede bilag & <i>notat</i>",
    }
    for name, item, is_public in (
        ("public item", world.agenda_item, True),
        ("closed item", closed_item, True),  # ticked public, yet on a closed item: closed
        ("public own", None, True),
        ("closed own", None, False),
    ):
        attachment_create(
            meeting=world.meeting,
            agenda_item=item,
            content=pdf_bytes(),
            original_name=f"{name}.pdf",
            title=titles[name],
            is_public=is_public,
        )
    other = build_cluster("Anden")
    readers = {"public item", "public own"}
    for client, sees in (
        (Client(), readers),
        (editor_of(other.municipality), readers),
        (member_as(other.mayor), readers),
        (editor_of(world.municipality), set(titles)),
        (member_as(world.mayor), set(titles)),
    ):
        page = client.get(world.meeting.get_absolute_url()).content.decode()
        for name, title in titles.items():
            escaped = conditional_escape(title)
            assert (escaped in page) == (name in sees), (name, client)
            assert title not in page  # never unescaped
