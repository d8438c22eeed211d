"""Attachments on pages: download (checked, never shown as a web page), upload to a meeting, an item or
a proposal, rename, reorder and remove."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from klynge.attachments import commands
from klynge.attachments.access import ensure_attachment_edit
from klynge.attachments.download import file_response
from klynge.attachments.models import Attachment
from klynge.attachments.selectors import attachment_for_user
from klynge.kernel.formatting import meeting_label
from klynge.meetings.access import access_proposal_edit, ensure_meeting_edit, visible_agenda_items
from klynge.meetings.access import visible_proposals as select_visible_proposals
from klynge.meetings.models import AgendaItem, AgendaItemProposal
from klynge.meetings.selectors import agenda_item_for_edit, meeting_for_edit
from klynge.site.attachments.forms import AttachmentForm, AttachmentUploadForm
from klynge.site.editing import command_page

logger = logging.getLogger(__name__)
MAX_PK = 2**63 - 1


def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file, to those who may read it, as a download (PDF and images may be shown with ?vis=1)."""
    attachment = attachment_for_user(pk=pk, user=request.user) if pk <= MAX_PK else None
    if attachment is None:
        raise Http404("Bilaget findes ikke.")
    return file_response(attachment, inline=request.GET.get("vis") == "1")


def _meeting_page(attachment_or_item: Attachment | AgendaItem) -> str:
    if isinstance(attachment_or_item, AgendaItem):
        return attachment_or_item.get_absolute_url()
    attachment = attachment_or_item
    if attachment.proposal_id is not None:
        return f"{attachment.proposal.get_absolute_url()}#bilag" if attachment.proposal else "/"
    if attachment.agenda_item is not None:
        return attachment.agenda_item.get_absolute_url()
    return f"{attachment.meeting.get_absolute_url()}#bilag"


def _upload_page(
    request: HttpRequest,
    *,
    meeting_id: int,
    heading: str,
    subheading: str,
    back: str,
    own: bool,
    agenda_item_id: int | None = None,
    proposal_id: int | None = None,
) -> HttpResponse:
    form = AttachmentUploadForm(request.POST or None, request.FILES or None, own=own)
    return command_page(
        request,
        form,
        lambda: commands.attachment_upload(
            actor=request.user,
            command=form.upload_command(
                meeting_id=meeting_id, agenda_item_id=agenda_item_id, proposal_id=proposal_id
            ),
        ),
        success="Bilaget er lagt op.",
        done=lambda _saved: back,
        heading=heading,
        subheading=subheading,
        cancel_url=back,
        submit="Læg bilaget op",
    )


@login_required
def meeting_attachment_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_edit(pk=pk) if pk <= MAX_PK else None
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    ensure_meeting_edit(request.user, meeting)
    return _upload_page(
        request,
        meeting_id=meeting.pk,
        heading="Nyt bilag til mødet",
        subheading=meeting_label(meeting),
        back=f"{meeting.get_absolute_url()}#bilag",
        own=True,
    )


@login_required
def item_attachment_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_for_edit(pk=pk, visible=visible_agenda_items(request.user)) if pk <= MAX_PK else None
    if item is None:
        raise Http404("Dagsordenspunktet findes ikke.")
    ensure_meeting_edit(request.user, item.meeting)
    return _upload_page(
        request,
        meeting_id=item.meeting_id,
        agenda_item_id=item.pk,
        heading="Nyt bilag til punktet",
        subheading=item.title,
        back=item.get_absolute_url(),
        own=False,
    )


@login_required
def proposal_attachment_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: AgendaItemProposal | None = (
        select_visible_proposals(request.user)
        .select_related("meeting__body__collaboration")
        .filter(pk=pk)
        .first()
        if pk <= MAX_PK
        else None
    )
    if proposal is None:
        raise Http404("Forslaget findes ikke.")
    if not access_proposal_edit(request.user, proposal):
        raise PermissionDenied(commands.NOT_ON_PROPOSAL)
    return _upload_page(
        request,
        meeting_id=proposal.meeting_id,
        proposal_id=proposal.pk,
        heading="Nyt bilag til forslaget",
        subheading=proposal.title,
        back=f"{proposal.get_absolute_url()}#bilag",
        own=False,
    )


def _editable(request: HttpRequest, pk: int) -> Attachment:
    attachment = attachment_for_user(pk=pk, user=request.user) if pk <= MAX_PK else None
    if attachment is None:
        raise Http404("Bilaget findes ikke.")
    ensure_attachment_edit(request.user, attachment)
    return attachment


@login_required
def attachment_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _editable(request, pk)
    form = AttachmentForm(
        request.POST or None,
        initial={"title": attachment.title, "is_public": attachment.is_public},
        attachment=attachment,
    )
    return command_page(
        request,
        form,
        lambda: commands.attachment_update(actor=request.user, command=form.change_command(attachment)),
        success="Bilaget er gemt.",
        done=lambda _saved: _meeting_page(attachment),
        heading="Redigér bilaget",
        subheading=attachment.original_name,
        cancel_url=_meeting_page(attachment),
    )


@login_required
@require_POST
def attachment_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _editable(request, pk)
    direction = request.POST.get("retning")
    if direction not in ("op", "ned"):
        messages.error(request, "Angiv retningen: op eller ned.")
        return redirect(_meeting_page(attachment))
    try:
        commands.attachment_move(
            actor=request.user,
            command=commands.AttachmentMove(
                attachment_id=pk, direction="up" if direction == "op" else "down"
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_meeting_page(attachment))


@login_required
@require_POST
def attachment_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _editable(request, pk)
    back = _meeting_page(attachment)
    commands.attachment_remove(actor=request.user, command=commands.AttachmentRemove(attachment_id=pk))
    messages.success(request, f"Bilaget »{attachment.title}« er fjernet.")
    return redirect(back)
