"""The agenda and minutes page of a meeting: versions (publish now or later, supplementary agenda), the
frozen package PDFs, and the minutes (draft, edit, approve, publish; PDF and Word)."""

import datetime
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from klynge.agendas import commands
from klynge.agendas.access import (
    access_agenda_publish,
    access_closed_package,
    access_meeting_prepare,
    ensure_agenda_publish,
    ensure_minutes_edit,
)
from klynge.agendas.minutes_render import approval_line, render_minutes_docx, render_minutes_pdf
from klynge.agendas.models import AgendaVersionKind, ApprovalKind, Minutes, MinutesStatus
from klynge.agendas.selectors import agenda_version, agenda_versions, minutes_of
from klynge.meetings.models import Meeting, MeetingStatus
from klynge.site.forms import DanishForm, add_service_errors

MAX_PK = 2**31 - 1
EDITIONS = ("offentlig", "lukket")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _meeting(pk: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("body", "body__collaboration").filter(pk=pk).first()
        if pk <= MAX_PK
        else None
    )
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    return meeting


class PublishForm(DanishForm):
    kind = forms.ChoiceField(
        label="Type", choices=AgendaVersionKind.choices, initial=AgendaVersionKind.ORDINARY
    )
    publish_at = forms.DateTimeField(
        label="Offentliggøres",
        required=False,
        help_text="Tom: med det samme. Ellers dato og klokkeslæt, fx 2026-12-07 09:00.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    change_note = forms.CharField(
        label="Ændringer i forhold til sidste version",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApproveForm(DanishForm):
    kind = forms.ChoiceField(label="Godkendelse", choices=ApprovalKind.choices)
    at_meeting = forms.TypedChoiceField(label="Møde", required=False, coerce=int, empty_value=None)
    on = forms.DateField(
        label="Dato for skriftlig godkendelse", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, meeting: Meeting, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        later = Meeting.objects.filter(body=meeting.body_id, date__gt=meeting.date).order_by("date")[:20]
        self.fields["at_meeting"].choices = [("", "—"), *((m.pk, m.date.strftime("%d.%m.%Y")) for m in later)]  # type: ignore[attr-defined]


def agenda_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    prepares = access_meeting_prepare(request.user, meeting)
    secretariat = access_agenda_publish(request.user, meeting)
    closed = access_closed_package(request.user, meeting)
    minutes = minutes_of(meeting=meeting, user=request.user, closed=True)
    if minutes is not None and minutes.status != MinutesStatus.PUBLISHED and not prepares:
        minutes = None
    return render(
        request,
        "agendas/agenda_page.html",
        {
            "meeting": meeting,
            "versions": list(agenda_versions(meeting=meeting, include_scheduled=prepares)),
            "secretariat": secretariat,
            "closed": closed,
            "publish_form": PublishForm() if secretariat else None,
            "minutes": minutes,
            "minutes_entries": list(minutes.entries.all()) if minutes else [],
            "approval": approval_line(minutes) if minutes else "",
            # Its own ids: the publish form beside it has a `kind` too (one label, one field).
            "approve_form": ApproveForm(meeting=meeting, auto_id="godkend_%s")
            if secretariat and minutes
            else None,
            "can_draft": secretariat and minutes is None and meeting.status == MeetingStatus.HELD,
        },
    )


@login_required
@require_POST
def agenda_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    ensure_agenda_publish(request.user, meeting)  # before the form: a refusal tells nothing of its input
    form = PublishForm(request.POST)
    if form.is_valid():
        publish_at = form.cleaned_data["publish_at"]
        if publish_at is not None and timezone.is_naive(publish_at):
            publish_at = timezone.make_aware(publish_at)
        try:
            version = commands.agenda_version_create(
                actor=request.user,
                command=commands.AgendaVersionCreate(
                    meeting_id=meeting.pk,
                    kind=AgendaVersionKind(form.cleaned_data["kind"]),
                    publish_at=publish_at,
                    change_note=form.cleaned_data["change_note"],
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Version {version.number} er offentliggjort."
                if version.is_published
                else f"Version {version.number} offentliggøres {timezone.localtime(version.publish_at):%d.%m.%Y kl. %H.%M}.",
            )
            return redirect("agendas:agenda_page", pk=meeting.pk)
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, str(problem))
    return redirect("agendas:agenda_page", pk=meeting.pk)


def agenda_version_pdf(request: HttpRequest, pk: int, number: int, edition: str) -> FileResponse:
    if edition not in EDITIONS:
        raise Http404("Udgaven findes ikke.")
    meeting = _meeting(pk)
    version = agenda_version(meeting=meeting, number=number) if number < 2**15 else None
    if version is None:
        raise Http404("Versionen findes ikke.")
    if edition == "lukket":
        if not access_closed_package(request.user, meeting):
            raise PermissionDenied("Du har ikke adgang til de lukkede punkter.")
        stored = version.closed_pdf
    else:
        stored = version.public_pdf
    name = f"dagsorden-{meeting.date:%Y-%m-%d}-v{version.number}-{edition}.pdf"
    return FileResponse(stored.open("rb"), content_type="application/pdf", filename=name)


def _minutes_or_404(request: HttpRequest, meeting: Meeting, closed: bool) -> Minutes:
    minutes = minutes_of(meeting=meeting, user=request.user, closed=closed)
    if minutes is None or (
        minutes.status != MinutesStatus.PUBLISHED and not access_meeting_prepare(request.user, meeting)
    ):
        raise Http404("Referatet findes ikke.")
    return minutes


def minutes_file(request: HttpRequest, pk: int, edition: str, fmt: str) -> HttpResponse:
    if edition not in EDITIONS or fmt not in ("pdf", "docx"):
        raise Http404("Filen findes ikke.")
    meeting = _meeting(pk)
    closed = edition == "lukket"
    if closed and not access_closed_package(request.user, meeting):
        raise PermissionDenied("Du har ikke adgang til de lukkede punkter.")
    minutes = _minutes_or_404(request, meeting, closed)
    entries = list(minutes.entries.all())
    name = f"referat-{meeting.date:%Y-%m-%d}-{edition}"
    if fmt == "docx":
        response = HttpResponse(render_minutes_docx(minutes, entries, closed=closed), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
    response = HttpResponse(
        render_minutes_pdf(minutes, entries, closed=closed), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def _minutes_action(
    request: HttpRequest, pk: int, run: Callable[[Meeting], object], success: str
) -> HttpResponse:
    meeting = _meeting(pk)
    ensure_minutes_edit(request.user, meeting)
    try:
        run(meeting)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("agendas:agenda_page", pk=meeting.pk)


@login_required
@require_POST
def minutes_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_action(
        request,
        pk,
        lambda m: commands.minutes_draft(actor=request.user, command=commands.MinutesDraft(meeting_id=m.pk)),
        "Referatet er udarbejdet ud fra mødets beslutninger og deltagere.",
    )


@login_required
@require_POST
def minutes_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    entries: dict[int, str] = {}
    for key in request.POST:
        if key.startswith("punkt-") and key[6:].isdigit() and len(key) < 20:
            entries[int(key[6:])] = request.POST.get(key, "")
    return _minutes_action(
        request,
        pk,
        lambda m: commands.minutes_update(
            actor=request.user,
            command=commands.MinutesChange(
                meeting_id=m.pk,
                attendance=request.POST.get("attendance", ""),
                closing_note=request.POST.get("closing_note", ""),
                entries=entries,
            ),
        ),
        "Referatet er gemt.",
    )


@login_required
@require_POST
def minutes_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    ensure_minutes_edit(request.user, meeting)
    form = ApproveForm(request.POST, meeting=meeting)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
        return redirect("agendas:agenda_page", pk=meeting.pk)
    data = form.cleaned_data
    on: datetime.date | None = data["on"]
    return _minutes_action(
        request,
        pk,
        lambda m: commands.minutes_approve(
            actor=request.user,
            command=commands.MinutesApprove(
                meeting_id=m.pk, kind=ApprovalKind(data["kind"]), at_meeting_id=data["at_meeting"], on=on
            ),
        ),
        "Referatet er godkendt.",
    )


@login_required
@require_POST
def minutes_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_action(
        request,
        pk,
        lambda m: commands.minutes_publish(
            actor=request.user, command=commands.MinutesPublish(meeting_id=m.pk)
        ),
        "Referatet er offentliggjort.",
    )
