"""Meetings: the list (filtered by body and year), each meeting with its agenda, and preparing them:
meetings, agenda items (added, changed, reordered) and the decisions made."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from klynge.attachments.selectors import attachments_of_meeting
from klynge.attendance.selectors import meeting_attendance
from klynge.bodies.access import access_any_edit, access_collaboration_edit
from klynge.kernel.formatting import meeting_label
from klynge.meetings import commands
from klynge.meetings.access import (
    access_meeting_proposals,
    access_proposal_create,
    ensure_meeting_create,
    ensure_meeting_edit,
    visible_agenda_items,
)
from klynge.meetings.models import AgendaItem, Meeting
from klynge.meetings.selectors import agenda_item_for_edit as select_agenda_item_for_edit
from klynge.meetings.selectors import decision_for_edit as select_decision_for_edit
from klynge.meetings.selectors import meeting_agenda as select_meeting_agenda
from klynge.meetings.selectors import meeting_body_choices, meeting_years, number_of, open_proposal_count
from klynge.meetings.selectors import meeting_for_edit as select_meeting_for_edit
from klynge.meetings.selectors import meeting_list as select_meetings
from klynge.site.editing import command_page
from klynge.site.meetings.forms import (
    AgendaItemForm,
    DecisionForm,
    MeetingFilterForm,
    MeetingForm,
    agenda_item_initial,
    decision_initial,
    meeting_initial,
)
from klynge.site.memos.referrals import meeting_referrals
from klynge.site.pagination import other_parameters, page_of
from klynge.work import commands as work_commands
from klynge.work.selectors import agenda_with_links

MAX_PK = 2**63 - 1


def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET)
    bodies = list(meeting_body_choices())
    context = {
        "form": form,
        "bodies": bodies,
        "years": meeting_years(),
        "page": None,
        "can_add": access_any_edit(request.user),
    }
    if not form.is_valid():
        return render(request, "meetings/meeting_list.html", context, status=400)
    body = None
    organ = form.cleaned_data["organ"]
    if organ:
        body = next((b for b in bodies if b.slug == organ), None)
        if body is None:
            form.add_error("organ", "Organet findes ikke.")
            return render(request, "meetings/meeting_list.html", context, status=400)
    year = form.cleaned_data["aar"]
    page = page_of(request, select_meetings(body=body, year=year, visible=visible_agenda_items(request.user)))
    context.update(
        {"page": page, "page_query": other_parameters(request), "selected_body": body, "selected_year": year}
    )
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = (
        select_meeting_agenda(pk=pk, visible=visible_agenda_items(request.user)) if pk <= MAX_PK else None
    )
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    items: list[AgendaItem] = meeting.agenda  # type: ignore[attr-defined]
    agenda_with_links(items)  # what its items concern and its decisions did, in work
    # The agenda was read as the viewer may see it: its items' attachments and referrals are the ones shown.
    own_attachments, item_attachments = attachments_of_meeting(
        meeting=meeting, user=request.user, agenda=items
    )
    meeting_referrals(request, meeting, agenda=items)  # kept for the request: {% item_referrals %} reads it
    for item in items:
        item.visible_attachments = item_attachments.get(item.pk, [])  # type: ignore[attr-defined]
    can_see_proposals = request.user.is_authenticated and access_meeting_proposals(request.user, meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "attendance": meeting_attendance(meeting=meeting, agenda_items=items),
            "can_edit": access_collaboration_edit(request.user, meeting.body.collaboration),
            "meeting_attachments": own_attachments,
            "can_propose": access_proposal_create(request.user, meeting) and meeting.is_open_for_proposals,
            "can_see_proposals": can_see_proposals,
            "open_proposals": open_proposal_count(meeting=meeting, user=request.user)
            if can_see_proposals
            else 0,
        },
    )


def _meeting_or_404(pk: int) -> Meeting:
    meeting = select_meeting_for_edit(pk=pk) if pk <= MAX_PK else None
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    return meeting


def _agenda_item_or_404(request: HttpRequest, pk: int) -> AgendaItem:
    """An item the user may see (a closed item is 'not found' to those who may not see it)."""
    visible = visible_agenda_items(request.user)
    item = select_agenda_item_for_edit(pk=pk, visible=visible) if pk <= MAX_PK else None
    if item is None:
        raise Http404("Dagsordenspunktet findes ikke.")
    return item


def _meeting_crumbs(meeting: Meeting) -> tuple[str, ...]:
    return ("Møder", "meetings:meeting_list", meeting_label(meeting), meeting_url(meeting))


def meeting_url(meeting: Meeting, anchor: str = "") -> str:
    return meeting.get_absolute_url() + (f"#{anchor}" if anchor else "")


@login_required
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    """Add a meeting to a body of a collaboration the editor's party takes part in."""
    bodies = ensure_meeting_create(request.user)
    initial = {"body": bodies.filter(slug=request.GET.get("organ", "")).first()}
    form = MeetingForm(request.POST or None, initial=initial, bodies=bodies)
    return command_page(
        request,
        form,
        lambda: commands.meeting_create(actor=request.user, command=form.create_command()),
        success="Mødet er oprettet.",
        done=lambda meeting: meeting_url(meeting),
        heading="Nyt møde",
        cancel_url=reverse("meetings:meeting_list"),
        crumbs=("Møder", "meetings:meeting_list"),
    )


@login_required
def meeting_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    ensure_meeting_edit(request.user, meeting)
    form = MeetingForm(request.POST or None, initial=meeting_initial(meeting))
    return command_page(
        request,
        form,
        lambda: commands.meeting_update(actor=request.user, command=form.change_command(meeting)),
        success="Mødet er gemt.",
        record=meeting,
        done=lambda saved: meeting_url(meeting),
        heading="Redigér mødet",
        subheading=meeting.body.name,
        cancel_url=meeting_url(meeting),
        crumbs=_meeting_crumbs(meeting),
    )


@login_required
def agenda_item_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item at the end of a meeting's agenda."""
    meeting = _meeting_or_404(pk)
    ensure_meeting_edit(request.user, meeting)
    form = AgendaItemForm(request.POST or None, meeting=meeting)
    return command_page(
        request,
        form,
        lambda: work_commands.agenda_item_create(actor=request.user, command=form.create_command(meeting)),
        success="Punktet er sat på dagsordenen.",
        done=lambda item: meeting_url(meeting, item.anchor),
        heading="Nyt dagsordenspunkt",
        subheading=meeting_label(meeting),
        cancel_url=meeting_url(meeting),
        crumbs=_meeting_crumbs(meeting),
    )


@login_required
def agenda_item_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item_or_404(request, pk)
    meeting = item.meeting
    ensure_meeting_edit(request.user, meeting)
    form = AgendaItemForm(request.POST or None, initial=agenda_item_initial(item), meeting=meeting)
    return command_page(
        request,
        form,
        lambda: work_commands.agenda_item_update(actor=request.user, command=form.change_command(item)),
        success="Punktet er gemt.",
        record=item,
        done=lambda saved: meeting_url(meeting, saved.anchor),
        heading=f"Redigér punkt {number_of(item)}",
        subheading=meeting_label(meeting),
        cancel_url=meeting_url(meeting, item.anchor),
        crumbs=_meeting_crumbs(meeting),
    )


@login_required
@require_POST
def agenda_item_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an item one place up or down the agenda (buttons on the meeting page)."""
    item = _agenda_item_or_404(request, pk)
    ensure_meeting_edit(request.user, item.meeting)
    direction = request.POST.get("retning")
    if direction not in ("op", "ned"):
        return HttpResponseBadRequest("Angiv retningen: op eller ned.")
    command = commands.AgendaItemMove(agenda_item_id=item.pk, steps=-1 if direction == "op" else 1)
    commands.agenda_item_move(actor=request.user, command=command)
    return redirect(meeting_url(item.meeting, item.anchor))


@login_required
@require_POST
def agenda_item_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item_or_404(request, pk)
    try:
        commands.agenda_item_remove(actor=request.user, command=commands.AgendaItemRemove(agenda_item_id=pk))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting_url(item.meeting, item.anchor))
    messages.success(request, f"Punktet »{item.title}« er fjernet fra dagsordenen.")
    return redirect(meeting_url(item.meeting, "dagsorden"))


@login_required
def decision_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a decision on an item, with its allocation and the initiatives it approves."""
    item = _agenda_item_or_404(request, pk)
    meeting = item.meeting
    ensure_meeting_edit(request.user, meeting)
    form = DecisionForm(request.POST or None, agenda_item=item)
    return command_page(
        request,
        form,
        lambda: work_commands.decision_record(actor=request.user, command=form.record_command()),
        success="Beslutningen er registreret.",
        done=lambda saved: meeting_url(meeting, item.anchor),
        heading="Registrér beslutning",
        subheading=f"Punkt {number_of(item)}. {item.title}",
        cancel_url=meeting_url(meeting, item.anchor),
        crumbs=_meeting_crumbs(meeting),
    )


@login_required
def decision_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = select_decision_for_edit(pk=pk) if pk <= MAX_PK else None
    if decision is None:
        raise Http404("Beslutningen findes ikke.")
    item = _agenda_item_or_404(request, decision.agenda_item_id)
    meeting = item.meeting
    ensure_meeting_edit(request.user, meeting)
    form = DecisionForm(
        request.POST or None, initial=decision_initial(decision), agenda_item=item, editing=True
    )
    return command_page(
        request,
        form,
        lambda: commands.decision_update(actor=request.user, command=form.change_command(decision)),
        success="Beslutningen er gemt.",
        record=decision,
        done=lambda saved: meeting_url(meeting, item.anchor),
        heading="Redigér beslutning",
        subheading=f"Punkt {number_of(item)}. {item.title}",
        cancel_url=meeting_url(meeting, item.anchor),
        crumbs=_meeting_crumbs(meeting),
    )
