"""Focus areas and initiatives."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from klynge.meetings.access import visible_agenda_items
from klynge.work.selectors import focus_area_detail as select_focus_area
from klynge.work.selectors import focus_area_list as select_focus_areas
from klynge.work.selectors import initiative_detail as select_initiative
from klynge.work.selectors import initiative_family, initiative_rows_for_focus_area
from klynge.work.selectors import initiative_list as select_initiatives


def focus_area_list(request: HttpRequest) -> HttpResponse:
    return render(request, "work/focus_area_list.html", {"focus_areas": select_focus_areas()})


def focus_area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    focus_area = select_focus_area(slug=slug, visible=visible_agenda_items(request.user))
    if focus_area is None:
        raise Http404("Fokusområdet findes ikke.")
    return render(
        request,
        "work/focus_area_detail.html",
        {"focus_area": focus_area, "initiative_rows": initiative_rows_for_focus_area(focus_area=focus_area)},
    )


def initiative_list(request: HttpRequest) -> HttpResponse:
    return render(request, "work/initiative_list.html", {"groups": select_initiatives()})


def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = select_initiative(slug=slug, visible=visible_agenda_items(request.user))
    if initiative is None:
        raise Http404("Indsatsen findes ikke.")
    return render(
        request,
        "work/initiative_detail.html",
        {"initiative": initiative, "family": initiative_family(initiative=initiative)},
    )
