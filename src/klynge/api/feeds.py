"""Calendar feeds (iCalendar) of meetings: all meetings, or one body's.

Subscribe in a calendar program. A feed holds the meetings of the last 365 days and every planned one;
`?since=YYYY-MM-DD` reaches further back (or less far). The agenda in each event holds the items the caller may see: a feed
fetched without a token is the public's. Calendar programs cannot send headers, so a personal token
(`klynge token create EMAIL`) may also be given as `?token=…`.
"""

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from ninja import Field, Query, Router

from klynge.api.auth import FEED_AUTH
from klynge.api.errors import error_responses
from klynge.api.schemas import Date, Id, Input
from klynge.bodies.models import Body
from klynge.feeds.calendar import meetings_calendar
from klynge.feeds.selectors import DAYS_BACK, body_for_feed, feed_start, meetings_for_feed
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import Meeting

router = Router(tags=["Calendar feeds"])

CONTENT_TYPE = "text/calendar; charset=utf-8"
ALL_MEETINGS_NAME = "Klynge – alle møder"


class FeedWindow(Input):
    since: Date | None = Field(
        None,
        description=(
            f"The first day of meetings in the feed. Default: {DAYS_BACK} days before today; every planned "
            "meeting is always included. Give an earlier date for older meetings."
        ),
    )


def _calendar_response(description: str) -> dict[str, Any]:
    """The 200 of a feed in the OpenAPI description: an iCalendar document, not JSON."""
    return {
        "responses": {
            200: {
                "description": description,
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    }


def _feed(
    request: HttpRequest, *, name: str, filename: str, body: Body | None, since: datetime.date | None
) -> HttpResponse:
    start = feed_start(today=timezone.localdate(), since=since)
    meetings = meetings_for_feed(visible=visible_agenda_items(request.user), start=start, body=body)

    def meeting_url(meeting: Meeting) -> str:
        return request.build_absolute_uri(meeting.get_absolute_url())

    content = meetings_calendar(name=name, meetings=meetings, meeting_url=meeting_url, now=timezone.now())
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename) or "inline"
    if request.user.is_authenticated:
        # It may hold closed items: never let a shared cache hand it to someone else. Private, as the
        # meeting pages that show the same items are: so the logged-in reader's own response cache keeps
        # it too (klynge.pagecache), which `no-store` forbade. A calendar program's token link is never
        # kept by the app (the key does not cover a token).
        response["Cache-Control"] = "private"
    response["Vary"] = "Authorization, Cookie"
    return response


@router.get(
    "/meetings.ics",
    response={200: None, **error_responses(401, 422)},
    auth=FEED_AUTH,
    url_name="meetings_feed",
    openapi_extra=_calendar_response(
        "The meetings with a known day since `since` (default: the last 365 days) and every planned one, "
        "as an iCalendar feed."
    ),
)
def meetings_feed(request: HttpRequest, window: Query[FeedWindow]) -> Any:
    """The meetings with a known day from `since` on, with the agenda items the caller may see."""
    return _feed(request, name=ALL_MEETINGS_NAME, filename="moeder.ics", body=None, since=window.since)


@router.get(
    "/bodies/{int:body_id}.ics",
    response={200: None, **error_responses(401, 404, 422)},
    auth=FEED_AUTH,
    url_name="body_feed",
    openapi_extra=_calendar_response(
        "The body's meetings with a known day since `since` (default: the last 365 days) and every planned "
        "one, as an iCalendar feed."
    ),
)
def body_feed(request: HttpRequest, body_id: Id, window: Query[FeedWindow]) -> Any:
    """One body's meetings with a known day from `since` on, with the agenda items the caller may see."""
    body = body_for_feed(pk=body_id)
    if body is None:
        raise Http404
    return _feed(
        request, name=f"{body.name} – møder", filename=f"{body.slug}.ics", body=body, since=window.since
    )
