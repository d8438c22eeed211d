"""Attachments through the API: multipart upload, list, metadata and download by the same rules as the
pages; a closed item's attachments are "not found" to those who may not read the item."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.attachments.models import Attachment
from klynge.attachments.services import attachment_create
from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from tests.api.conftest import TokenClient, token_for
from tests.attachments.files import HTML_BYTES, pdf_bytes, xlsx_bytes
from tests.factories import ClusterWorld
from tests.site.querycount import forget_cached_pages


def editor(world: ClusterWorld) -> TokenClient:
    return TokenClient(token_for(email="sek@test.dk", role=Role.EDITOR, party=world.municipality))


def test_upload_list_and_download(world: ClusterWorld) -> None:
    api = editor(world)
    content = xlsx_bytes("Aktivitetstal 2023")
    response = api.post(
        f"/api/v1/meetings/{world.meeting.pk}/attachments",
        {
            "file": SimpleUploadedFile("tal.xlsx", content, content_type="application/pdf"),
            "title": "Aktivitetstal",
            "agenda_item": world.agenda_item.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"].endswith("spreadsheetml.sheet")
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert (body["agenda_item_id"], body["size"], body["position"]) == (world.agenda_item.pk, len(content), 1)
    listed = Client().get(f"/api/v1/attachments?meeting={world.meeting.pk}").json()
    assert [a["title"] for a in listed["items"]] == ["Aktivitetstal"]
    download = Client().get(body["download_url"])
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content  # type: ignore[attr-defined]


def test_refusals(world: ClusterWorld) -> None:
    api = editor(world)
    refused = api.post(
        f"/api/v1/meetings/{world.meeting.pk}/attachments",
        {"file": SimpleUploadedFile("x.pdf", HTML_BYTES)},
    )
    assert refused.status_code == 422 and "Filtypen er ikke tilladt" in refused.json()["errors"]["file"][0]
    member = TokenClient(token_for(email="m@test.dk", role=Role.MEMBER, person=world.mayor))
    forbidden = member.post(
        f"/api/v1/meetings/{world.meeting.pk}/attachments", {"file": SimpleUploadedFile("x.pdf", pdf_bytes())}
    )
    assert forbidden.status_code == 403
    assert not Attachment.objects.exists()


def test_closed_items_attachments_are_not_found(world: ClusterWorld) -> None:
    closed = agenda_item_create(
        meeting=world.meeting, title="Lukket", kind=AgendaItemKind.DECISION, is_public=False
    )
    attachment = attachment_create(
        meeting=world.meeting, agenda_item=closed, content=pdf_bytes(), original_name="l.pdf"
    )
    public = Client()
    assert public.get(f"/api/v1/attachments/{attachment.pk}").status_code == 404
    assert public.get(f"/api/v1/attachments/{attachment.pk}/file").status_code == 404
    assert public.get(f"/api/v1/attachments?meeting={world.meeting.pk}").json()["count"] == 0
    assert editor(world).get(f"/api/v1/attachments/{attachment.pk}").status_code == 200


def test_rename_move_delete(world: ClusterWorld) -> None:
    api = editor(world)
    first = attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="a.pdf")
    second = attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="b.pdf")
    moved = api.post(
        f"/api/v1/attachments/{second.pk}/move", {"direction": "up"}, content_type="application/json"
    )
    assert moved.json()["position"] == 1
    renamed = api.patch(
        f"/api/v1/attachments/{first.pk}",
        {"title": "Bilag A", "is_public": False},
        content_type="application/json",
    )
    assert (renamed.json()["title"], renamed.json()["is_public"]) == ("Bilag A", False)
    assert api.delete(f"/api/v1/attachments/{first.pk}").status_code == 204
    assert list(Attachment.objects.values_list("pk", flat=True)) == [second.pk]


def test_the_list_costs_the_same_for_more_attachments(world: ClusterWorld) -> None:
    attachment_create(meeting=world.meeting, content=pdf_bytes(), original_name="a.pdf")
    client = Client()
    url = f"/api/v1/attachments?meeting={world.meeting.pk}"
    client.get(url)
    forget_cached_pages()  # count the list's own queries, not an anonymous cache hit
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(10):
        attachment_create(
            meeting=world.meeting,
            agenda_item=world.agenda_item,
            content=pdf_bytes(),
            original_name=f"{i}.pdf",
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).json()["count"] == 11
    assert len(many.captured_queries) == len(one.captured_queries)
