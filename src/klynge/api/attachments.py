"""The API of attachments (bilag): list and read what the caller may see, download the file, and, as an
editor, upload (multipart), rename, reorder and remove. The same commands as the pages
(`klynge.attachments.commands`): a file is judged by its bytes, and a closed item's attachments are
"not found" to those who may not read the item."""

from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS, WRITE_ERRORS
from klynge.api.pagination import Pages
from klynge.api.schemas import STRIPPED, Id, Input
from klynge.attachments import commands
from klynge.attachments.download import file_response
from klynge.attachments.files import KINDS, max_bytes
from klynge.attachments.models import Attachment
from klynge.attachments.selectors import attachment_for_user, attachments_listed
from klynge.attachments.services import file_too_large_message
from klynge.kernel.commands import refuse
from klynge.kernel.inputs import control_character_problem

router = Router(tags=["Attachments"])

Title = Annotated[str, Field(max_length=300), STRIPPED]


class AttachmentOut(Schema):
    id: int
    meeting_id: int
    agenda_item_id: int | None
    proposal_id: int | None
    title: str
    original_name: str
    content_type: str = Field(description="Found from the file's bytes, not from what the upload claimed.")
    size: int
    sha256: str
    position: int
    is_public: bool = Field(
        description="For the meeting's own attachments; an item's follows the item, a proposal's is closed."
    )
    uploaded_at: Any
    download_url: str

    @staticmethod
    def resolve_download_url(obj: Attachment) -> str:
        return f"/api/v1/attachments/{obj.pk}/file"


class AttachmentFilters(Input):
    meeting: Id | None = None
    agenda_item: Id | None = None


class AttachmentChange(Input):
    title: Title
    is_public: bool | None = Field(None, description="Only for the meeting's own attachments.")


class AttachmentMove(Input):
    direction: Literal["up", "down"]


def _attachment(request: HttpRequest, pk: int) -> Attachment:
    attachment = attachment_for_user(pk=pk, user=request.user)
    if attachment is None:
        raise Http404
    return attachment


@router.get("/attachments", response={200: list[AttachmentOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_attachments(request: HttpRequest, filters: Query[AttachmentFilters]) -> Any:
    """Attachments the caller may read, by meeting and item, in their order."""
    return attachments_listed(
        user=request.user, meeting_id=filters.meeting, agenda_item_id=filters.agenda_item
    )


@router.get("/attachments/{attachment_id}", response={200: AttachmentOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_attachment(request: HttpRequest, attachment_id: Id) -> Any:
    return _attachment(request, attachment_id)


@router.get(
    "/attachments/{attachment_id}/file",
    response={200: None, **DETAIL_ERRORS},
    auth=READ_AUTH,
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as a download, with the content type found from its bytes.",
                "content": {
                    content_type: {"schema": {"type": "string", "format": "binary"}}
                    for content_type, _, _ in KINDS.values()
                },
            }
        }
    },
)
def download_attachment(request: HttpRequest, attachment_id: Id) -> HttpResponseBase:
    """The file itself, as a download (Content-Disposition: attachment), never sniffed or rendered."""
    return file_response(_attachment(request, attachment_id))


@router.post(
    "/meetings/{meeting_id}/attachments", response={201: AttachmentOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def upload_attachment(
    request: HttpRequest,
    meeting_id: Id,
    file: File[UploadedFile],
    title: Form[str] = "",
    agenda_item: Form[Id | None] = None,
    proposal: Form[Id | None] = None,
    is_public: Form[bool] = True,
) -> Any:
    """Upload a file (multipart/form-data) to the meeting itself, one of its items (`agenda_item`) or a
    proposal (`proposal`). Allowed: PDF, Word (.docx), Excel (.xlsx), PNG, JPEG, judged by content."""
    if file.size is not None and file.size > max_bytes():
        refuse("file", file_too_large_message(max_bytes()))
    if len(title) > 300:
        refuse("title", "Titlen må højst være 300 tegn.")
    if problem := control_character_problem(title):
        refuse("title", f"The title {problem}.")
    command = commands.AttachmentUpload(
        meeting_id=meeting_id,
        agenda_item_id=agenda_item,
        proposal_id=proposal,
        content=file.read(),
        file_name=file.name or "",
        title=title.strip(),
        is_public=is_public,
    )
    attachment = commands.attachment_upload(actor=request.user, command=command)
    return Status(201, _attachment(request, attachment.pk))


@router.patch("/attachments/{attachment_id}", response={200: AttachmentOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_attachment(request: HttpRequest, attachment_id: Id, payload: AttachmentChange) -> Any:
    command = commands.AttachmentChange(
        attachment_id=attachment_id, title=payload.title, is_public=payload.is_public
    )
    commands.attachment_update(actor=request.user, command=command)
    return _attachment(request, attachment_id)


@router.post(
    "/attachments/{attachment_id}/move", response={200: AttachmentOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def move_attachment(request: HttpRequest, attachment_id: Id, payload: AttachmentMove) -> Any:
    """Swap the attachment with its neighbour above or below."""
    command = commands.AttachmentMove(attachment_id=attachment_id, direction=payload.direction)
    commands.attachment_move(actor=request.user, command=command)
    return _attachment(request, attachment_id)


@router.delete("/attachments/{attachment_id}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def remove_attachment(request: HttpRequest, attachment_id: Id) -> Any:
    commands.attachment_remove(
        actor=request.user, command=commands.AttachmentRemove(attachment_id=attachment_id)
    )
    return HttpResponse(status=204)
