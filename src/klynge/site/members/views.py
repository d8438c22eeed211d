"""A member's own page ("Min side"): their bodies and roles, coming meetings with the agendas they may see,
the closed items they may read, where they are a substitute, and their personal calendar link.

What a member may read is decided in `meetings/access.py` alone; this page only asks it. The calendar link
carries a secret (`accounts.CalendarToken`, kept as a digest) that opens the owner's calendar and nothing
else, showing what the owner may see at the moment it is fetched.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from klynge.accounts.access import member_person_id
from klynge.accounts.services import (
    calendar_token_active,
    calendar_token_issue,
    calendar_token_owner,
    calendar_token_revoke,
)
from klynge.bodies.selectors import member_bodies, member_memberships, member_substitutions
from klynge.feeds.calendar import meetings_calendar
from klynge.feeds.selectors import feed_start, meetings_for_feed
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import Meeting
from klynge.meetings.selectors import (
    closed_items_readable,
    closed_items_readable_count,
    meetings_of_bodies_upcoming,
)
from klynge.organisation.models import Person

CALENDAR_NAME = "Klynge – mine møder"


def _context(request: HttpRequest, *, new_feed_url: str = "") -> dict[str, Any]:
    person_id = member_person_id(request.user)
    if person_id is None:
        return {"person": None}
    today = timezone.localdate()
    visible = visible_agenda_items(request.user)
    bodies = member_bodies(person_id=person_id)
    return {
        "person": Person.objects.select_related("party").get(pk=person_id),
        "today": today,
        "memberships": list(member_memberships(person_id=person_id, day=today)),
        "substitutions": list(member_substitutions(person_id=person_id, day=today)),
        "meetings": meetings_of_bodies_upcoming(bodies=bodies, day=today, visible=visible),
        "closed_items": closed_items_readable(bodies=bodies, visible=visible),
        "closed_items_count": closed_items_readable_count(bodies=bodies, visible=visible),
        "calendar_token": calendar_token_active(user=request.user),
        "new_feed_url": new_feed_url,
    }


@login_required
@require_GET
def my_page(request: HttpRequest) -> HttpResponse:
    return render(request, "members/my_page.html", _context(request))


@login_required
@require_POST
def calendar_link_issue(request: HttpRequest) -> HttpResponse:
    """A new personal calendar link, shown once on the page; the one before stops working."""
    if member_person_id(request.user) is None:
        raise Http404("Kun medlemmer har en personlig kalender.")
    secret = calendar_token_issue(user=request.user)
    url = request.build_absolute_uri(reverse("members:calendar_feed", args=[secret]))
    response = render(request, "members/my_page.html", _context(request, new_feed_url=url))
    # The secret is in this page: never keep it in a cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def calendar_link_revoke(request: HttpRequest) -> HttpResponse:
    if calendar_token_revoke(user=request.user):
        messages.success(
            request, "Kalenderlinket er slået fra. Kalendere, der bruger det, får ikke flere møder."
        )
    return redirect("members:my_page")


@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The owner's meetings (the bodies they sit or sat in, as member or substitute) of the last 365 days
    and every planned one, with the agenda items the owner may see. An unknown or revoked link is a 404, as is one whose owner is no member."""
    owner = calendar_token_owner(secret=secret)
    person_id = member_person_id(owner) if owner is not None else None
    if owner is None or person_id is None:
        raise Http404("Kalenderlinket findes ikke eller er slået fra.")
    # The same window as the public feeds: the last DAYS_BACK days and every planned meeting.
    meetings = meetings_for_feed(
        visible=visible_agenda_items(owner),
        start=feed_start(today=timezone.localdate(), since=None),
        bodies=member_bodies(person_id=person_id),
    )

    def meeting_url(meeting: Meeting) -> str:
        return request.build_absolute_uri(meeting.get_absolute_url())

    content = meetings_calendar(
        name=CALENDAR_NAME, meetings=meetings, meeting_url=meeting_url, now=timezone.now()
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "mine-moeder.ics") or "inline"
    response["Cache-Control"] = "private, no-store"
    return response
