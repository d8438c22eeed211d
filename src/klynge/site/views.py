"""The front page and the structure page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from klynge.bodies.selectors import cluster_list, structure_overview
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.selectors import decisions_latest, meetings_recent, meetings_upcoming
from klynge.organisation.selectors import authority_area_list, committee_list
from klynge.reform.selectors import municipalities_in_several_clusters


def front(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    visible = visible_agenda_items(request.user)
    return render(
        request,
        "web/front.html",
        {
            "clusters": cluster_list(),
            "upcoming": meetings_upcoming(day=today, visible=visible),
            "recent": meetings_recent(day=today, visible=visible),
            "decisions": decisions_latest(visible=visible),
        },
    )


def structure(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/structure.html",
        {
            "regions": structure_overview(),
            "committees": committee_list(),
            "authority_areas": authority_area_list(),
        },
    )


def decision_support(request: HttpRequest) -> HttpResponse:
    """The numbers the clusters work from, and the move to health councils: one page leading to each."""
    return render(
        request, "web/decision_support.html", {"municipalities": municipalities_in_several_clusters()}
    )
