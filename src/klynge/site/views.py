"""The front page and the structure page."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import render
from django.utils import timezone

from klynge.bodies.selectors import cluster_list, structure_overview
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.selectors import decisions_latest, meetings_recent, meetings_upcoming
from klynge.organisation.selectors import authority_area_list, committee_overview
from klynge.reform.selectors import municipalities_in_several_clusters
from klynge.site.pagination import NoSuchPage


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
            "committees": committee_overview(),
            "authority_areas": authority_area_list(),
        },
    )


def decision_support(request: HttpRequest) -> HttpResponse:
    """The numbers the clusters work from, and the move to health councils: one page leading to each."""
    return render(
        request, "web/decision_support.html", {"municipalities": municipalities_in_several_clusters()}
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page; for a page number that is not a page of a list, it says so and links to the first."""
    context = {}
    if isinstance(exception, NoSuchPage):
        context = {"list_url": exception.list_url, "list_pages": exception.pages}
    return HttpResponseNotFound(render(request, "404.html", context).content)
