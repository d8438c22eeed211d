"""Proposals for a meeting's agenda on pages: a party's editor proposes, withdraws; the secretariat sees
the meeting's proposals and accepts or rejects them. Never shown to the public or to the other parties."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from klynge.accounts.access import editor_party_id, is_administrator
from klynge.attachments.selectors import attachments_of_proposal
from klynge.kernel.formatting import danish_datetime, meeting_label
from klynge.meetings import commands
from klynge.meetings.access import (
    NOT_SECRETARIAT,
    access_meeting_secretariat,
    access_proposal_edit,
    access_proposal_withdraw,
    ensure_proposal_create,
    ensure_proposal_view,
    visible_proposals,
)
from klynge.meetings.models import AgendaItemProposal, Meeting
from klynge.meetings.selectors import meeting_for_edit, proposal_detail, proposals_of_meeting
from klynge.organisation.models import Party
from klynge.site.editing import command_page
from klynge.site.forms import add_service_errors
from klynge.site.meetings.forms import ProposalDecisionForm, ProposalForm, proposal_initial

MAX_PK = 2**63 - 1


def _meeting(pk: int) -> Meeting:
    meeting = meeting_for_edit(pk=pk) if pk <= MAX_PK else None
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    return meeting


def _proposal(request: HttpRequest, pk: int) -> AgendaItemProposal:
    proposal = proposal_detail(pk=pk, visible=visible_proposals(request.user)) if pk <= MAX_PK else None
    if proposal is None:
        raise Http404("Forslaget findes ikke.")
    return proposal


def _crumbs(meeting: Meeting) -> tuple[str, ...]:
    return (
        "Møder",
        "meetings:meeting_list",
        meeting_label(meeting),
        meeting.get_absolute_url(),
        "Forslag til dagsordenen",
        f"/moeder/{meeting.pk}/forslag/",
    )


@login_required
def proposal_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's proposals the user may see: all of them for the secretariat, else their party's."""
    meeting = _meeting(pk)
    ensure_proposal_view(request.user, meeting)
    proposals = list(proposals_of_meeting(meeting=meeting, visible=visible_proposals(request.user)))
    return render(
        request,
        "meetings/proposal_list.html",
        {
            "meeting": meeting,
            "proposals": proposals,
            "is_secretariat": access_meeting_secretariat(request.user, meeting),
            "can_propose": meeting.is_open_for_proposals,
        },
    )


@login_required
def proposal_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    ensure_proposal_create(request.user, meeting)
    parties = None
    if is_administrator(request.user) and editor_party_id(request.user) is None:
        parties = (
            Party.objects.filter(collaborations=meeting.body.collaboration_id).distinct().order_by("name")
        )
    form = ProposalForm(request.POST or None, parties=parties)
    intro = (
        "Sekretariatet beslutter, om punktet optages på dagsordenen. Bilag lægges op, når forslaget er gemt."
    )
    if meeting.submission_deadline:
        intro = f"Fristen for punkter er {danish_datetime(meeting.submission_deadline)}. {intro}"
    return command_page(
        request,
        form,
        lambda: commands.proposal_create(actor=request.user, command=form.create_command(meeting)),
        success="Forslaget er sendt til sekretariatet.",
        done=lambda proposal: proposal.get_absolute_url(),
        heading="Foreslå et punkt",
        subheading=meeting_label(meeting),
        cancel_url=meeting.get_absolute_url(),
        crumbs=_crumbs(meeting)[:4],
        submit="Send forslaget",
        intro=intro,
    )


def _detail_context(request: HttpRequest, proposal: AgendaItemProposal) -> dict[str, object]:
    return {
        "proposal": proposal,
        "meeting": proposal.meeting,
        "attachments": attachments_of_proposal(proposal=proposal),
        "can_edit": access_proposal_edit(request.user, proposal),
        "can_withdraw": access_proposal_withdraw(request.user, proposal),
        "can_decide": proposal.is_open and access_meeting_secretariat(request.user, proposal.meeting),
    }


@login_required
def proposal_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    context = _detail_context(request, proposal)
    context["decision_form"] = ProposalDecisionForm()
    return render(request, "meetings/proposal_detail.html", context)


@login_required
def proposal_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    if not access_proposal_edit(request.user, proposal):
        raise PermissionDenied("Du kan ikke ændre dette forslag.")
    form = ProposalForm(request.POST or None, initial=proposal_initial(proposal))
    return command_page(
        request,
        form,
        lambda: commands.proposal_update(actor=request.user, command=form.change_command(proposal)),
        success="Forslaget er gemt.",
        done=lambda _saved: proposal.get_absolute_url(),
        heading="Redigér forslaget",
        subheading=meeting_label(proposal.meeting),
        cancel_url=proposal.get_absolute_url(),
        crumbs=_crumbs(proposal.meeting),
    )


@login_required
@require_POST
def proposal_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or reject (the secretariat). With HTMX, only the proposal's decision block is replaced."""
    proposal = _proposal(request, pk)
    form = ProposalDecisionForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            decided = commands.proposal_decide(actor=request.user, command=form.decide_command(proposal))
        except ValidationError as error:
            add_service_errors(form, error)
            status = 422
        else:
            if decided.agenda_item is not None:
                messages.success(request, f"Forslaget »{decided.title}« er optaget på dagsordenen.")
                if not request.headers.get("HX-Request"):
                    return redirect(decided.agenda_item.get_absolute_url())
            else:
                messages.success(request, f"Forslaget »{decided.title}« er afvist.")
                if not request.headers.get("HX-Request"):
                    return redirect(decided.get_absolute_url())
            proposal = _proposal(request, pk)
            form = ProposalDecisionForm()
    else:
        status = 422
        if not access_meeting_secretariat(request.user, proposal.meeting):
            raise PermissionDenied(NOT_SECRETARIAT)
    context = _detail_context(request, proposal)
    context["decision_form"] = form
    return render(request, "meetings/proposal_detail.html", context, status=status)


@login_required
@require_POST
def proposal_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    try:
        commands.proposal_withdraw(actor=request.user, command=commands.ProposalWithdraw(proposal_id=pk))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Forslaget »{proposal.title}« er trukket tilbage.")
    return redirect(proposal.get_absolute_url())
