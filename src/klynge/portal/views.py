"""The public portal: anonymous visitors follow what the collaborations do (like Decidim's accountability
pages). Whoever is logged in, these pages show only what the public may see."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from klynge.portal.forms import InitiativeFilterForm
from klynge.portal.selectors import (
    funds_with_public_allocations,
    initiative_tree,
    latest_public_decisions,
    portal_collaboration,
    portal_overview,
    topic_choices,
    upcoming_meetings,
)


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(request, "portal/overview.html", {"overview": portal_overview(day=today), "today": today})


@require_GET
def collaboration(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    summary = portal_collaboration(slug=slug, day=today)
    if summary is None:
        raise Http404("Samarbejdet findes ikke.")
    collaboration = summary.collaboration
    form = InitiativeFilterForm(request.GET, topics=topic_choices(collaboration=collaboration))
    valid = form.is_valid()
    status, topic = form.selected_status, form.selected_topic
    return render(
        request,
        "portal/collaboration.html",
        {
            "summary": summary,
            "collaboration": collaboration,
            "form": form,
            "selected_status": status,
            "selected_topic": topic,
            "branches": initiative_tree(collaboration=collaboration, status=status, topic=topic),
            "decisions": latest_public_decisions(collaboration=collaboration),
            "upcoming": upcoming_meetings(collaboration=collaboration, day=today),
            "funds": funds_with_public_allocations(collaboration=collaboration),
            "today": today,
        },
        status=200 if valid else 400,
    )
