"""Meetings: the list (filtered by body and year) and each meeting with its agenda."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from klynge.meetings.access import visible_agenda_items
from klynge.meetings.forms import MeetingFilterForm
from klynge.meetings.selectors import meeting_body_choices, meeting_years
from klynge.meetings.selectors import meeting_detail as select_meeting
from klynge.meetings.selectors import meeting_list as select_meetings

PAGE_SIZE = 50
MAX_PK = 2**63 - 1


def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET)
    bodies = list(meeting_body_choices())
    context = {"form": form, "bodies": bodies, "years": meeting_years(), "page": None}
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
    page = Paginator(
        select_meetings(body=body, year=year, visible=visible_agenda_items(request.user)), PAGE_SIZE
    ).get_page(form.cleaned_data["side"])
    context.update({"page": page, "selected_body": body, "selected_year": year})
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = select_meeting(pk=pk, visible=visible_agenda_items(request.user)) if pk <= MAX_PK else None
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})
