"""Collaborations (clusters, SSU, forum, secretariat, health councils) and their bodies."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from klynge.bodies.selectors import body_detail as select_body
from klynge.bodies.selectors import collaboration_detail as select_collaboration
from klynge.bodies.selectors import collaboration_list as select_collaborations
from klynge.catchment.selectors import catchment_rules_current_for_collaboration
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.selectors import meetings_for_body, meetings_for_collaboration
from klynge.work.selectors import (
    focus_areas_for_collaboration,
    funds_for_body,
    funds_for_collaboration,
    initiative_rows_for_collaboration,
)


def collaboration_list(request: HttpRequest) -> HttpResponse:
    return render(request, "bodies/collaboration_list.html", {"collaborations": select_collaborations()})


def collaboration_detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    collaboration = select_collaboration(slug=slug, day=today)
    if collaboration is None:
        raise Http404("Samarbejdet findes ikke.")
    return render(
        request,
        "bodies/collaboration_detail.html",
        {
            "collaboration": collaboration,
            "catchment_rules": catchment_rules_current_for_collaboration(
                collaboration=collaboration, day=today
            ),
            "focus_areas": focus_areas_for_collaboration(collaboration=collaboration),
            "initiative_rows": initiative_rows_for_collaboration(collaboration=collaboration),
            "funds": funds_for_collaboration(collaboration=collaboration),
            "meetings": meetings_for_collaboration(
                collaboration=collaboration, visible=visible_agenda_items(request.user)
            ),
            "today": today,
        },
    )


def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    body = select_body(slug=slug, day=today)
    if body is None:
        raise Http404("Organet findes ikke.")
    return render(
        request,
        "bodies/body_detail.html",
        {
            "body": body,
            "funds": funds_for_body(body=body),
            "meetings": meetings_for_body(body=body, visible=visible_agenda_items(request.user)),
            "today": today,
        },
    )
