"""A meeting's attendance page, and announcing, changing and withdrawing absences (afbud)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from klynge.attendance import commands
from klynge.attendance.access import access_attendance_edit, ensure_attendance_edit
from klynge.attendance.models import Absence
from klynge.attendance.selectors import (
    MeetingAttendance,
    absence_members,
    attendance_meeting,
    attendance_seen_by,
)
from klynge.kernel.formatting import meeting_label
from klynge.meetings.models import Meeting
from klynge.site.attendance.forms import AbsenceRecordForm, AbsenceUpdateForm, absence_initial
from klynge.site.editing import command_page

MAX_PK = 2**63 - 1


def _meeting_or_404(pk: int) -> Meeting:
    meeting = attendance_meeting(pk=pk) if pk <= MAX_PK else None
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    return meeting


def _attendance(request: HttpRequest, meeting: Meeting) -> MeetingAttendance:
    return attendance_seen_by(request.user, meeting)


def _absence_or_404(meeting: Meeting, absence_pk: int) -> Absence:
    absence = (
        Absence.objects.filter(pk=absence_pk, meeting=meeting).select_related("membership__person").first()
        if absence_pk <= MAX_PK
        else None
    )
    if absence is None:
        raise Http404("Afbuddet findes ikke.")
    return absence


def _attendance_url(meeting: Meeting) -> str:
    return reverse("attendance:meeting_attendance", args=[meeting.pk])


def _crumbs(meeting: Meeting) -> tuple[str, ...]:
    return (
        "Møder",
        "meetings:meeting_list",
        meeting_label(meeting),
        meeting.get_absolute_url(),
        "Deltagere",
        _attendance_url(meeting),
    )


def meeting_attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is expected, by party; their substitutes; per agenda item the more relevant ones; absences."""
    meeting = _meeting_or_404(pk)
    attendance = _attendance(request, meeting)
    can_edit = access_attendance_edit(request.user, meeting)
    context: dict[str, Any] = {"meeting": meeting, "attendance": attendance, "can_edit": can_edit}
    if can_edit:
        context["form"] = AbsenceRecordForm(attendance=attendance)
    return render(request, "attendance/meeting_attendance.html", context)


@login_required
def absence_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    ensure_attendance_edit(request.user, meeting)
    attendance = _attendance(request, meeting)
    form = AbsenceRecordForm(request.POST or None, attendance=attendance)
    return command_page(
        request,
        form,
        lambda: commands.absence_record(actor=request.user, command=form.command(meeting)),
        success="Afbuddet er registreret.",
        done=lambda _saved: f"{_attendance_url(meeting)}#afbud",
        heading="Meld afbud",
        subheading=meeting_label(meeting),
        cancel_url=_attendance_url(meeting),
        crumbs=_crumbs(meeting),
        submit="Registrér afbud",
        intro="Vælg medlemmet og, hvis en stedfortræder kommer i stedet, hvem.",
    )


@login_required
def absence_edit(request: HttpRequest, pk: int, absence_pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    ensure_attendance_edit(request.user, meeting)
    absence = _absence_or_404(meeting, absence_pk)
    attendance = _attendance(request, meeting)
    members = absence_members(attendance, absence)
    form = AbsenceUpdateForm(
        request.POST or None, initial=absence_initial(absence), attendance=attendance, members=members
    )
    return command_page(
        request,
        form,
        lambda: commands.absence_update(actor=request.user, command=form.command(absence)),
        success="Afbuddet er ændret.",
        done=lambda _saved: f"{_attendance_url(meeting)}#afbud",
        record=absence,
        heading=f"Afbud fra {absence.membership.person.name}",
        subheading=meeting_label(meeting),
        cancel_url=_attendance_url(meeting),
        crumbs=_crumbs(meeting),
    )


@login_required
@require_POST
def absence_withdraw_view(request: HttpRequest, pk: int, absence_pk: int) -> HttpResponse:
    """The member comes after all."""
    meeting = _meeting_or_404(pk)
    ensure_attendance_edit(request.user, meeting)
    absence = _absence_or_404(meeting, absence_pk)
    name = absence.membership.person.name
    commands.absence_withdraw(actor=request.user, command=commands.AbsenceWithdraw(absence_id=absence.pk))
    messages.success(request, f"Afbuddet fra {name} er trukket tilbage: {name} forventes til stede.")
    return redirect(f"{_attendance_url(meeting)}#afbud")
