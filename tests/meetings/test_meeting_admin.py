"""The Django admin adds and changes meetings through the same commands as the meeting pages and the API:
the same refusal for the same input, and the history records the administrator who wrote."""

import datetime
from html import unescape

from klynge.meetings.models import Meeting
from tests.clients import administrator, editor_of
from tests.factories import ClusterWorld

HELD_UNDATED = "Et afholdt møde skal have en præcis dato."


def meeting_post(world: ClusterWorld, **fields: str) -> dict[str, str]:
    return {
        "body": str(world.political.pk),
        "date": "2025-03-10",
        "date_precision": "day",
        "start_time": "",
        "status": "planned",
        "title": "Fra administrationen",
        "location": "",
        "agenda_items-TOTAL_FORMS": "0",
        "agenda_items-INITIAL_FORMS": "0",
        **fields,
    }


def test_the_admin_gives_the_pages_refusal(world: ClusterWorld) -> None:
    meetings = Meeting.objects.count()
    held_in_a_month = {"status": "held", "date_precision": "month"}
    page_post = meeting_post(world, date="01.03.2025", **held_in_a_month)  # the page takes Danish dates
    by_page = editor_of(world.municipality).post("/moeder/ny/", page_post)
    admin_post = meeting_post(world, date="2025-03-01", **held_in_a_month)
    by_admin = administrator().post("/admin/meetings/meeting/add/", admin_post)
    assert by_page.status_code == 422 and HELD_UNDATED in unescape(by_page.content.decode())
    assert by_admin.status_code == 200 and HELD_UNDATED in unescape(by_admin.content.decode())
    assert Meeting.objects.count() == meetings


def test_the_admin_adds_and_changes_a_meeting_recorded_as_the_administrators(world: ClusterWorld) -> None:
    admin = administrator()
    response = admin.post("/admin/meetings/meeting/add/", meeting_post(world))
    meeting = Meeting.objects.get(title="Fra administrationen")
    assert response.status_code == 302
    assert (meeting.body, meeting.date) == (world.political, datetime.date(2025, 3, 10))

    changed = meeting_post(world, location="Rådhuset")
    del changed["body"]  # a meeting stays with its body
    response = admin.post(f"/admin/meetings/meeting/{meeting.pk}/change/", changed)
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).location == "Rådhuset"
    assert [row.history_user.username for row in meeting.history.order_by("history_id")] == [
        "admin@test.dk",
        "admin@test.dk",
    ]


def test_the_admin_deletes_no_meeting(world: ClusterWorld) -> None:
    response = administrator().post(f"/admin/meetings/meeting/{world.meeting.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Meeting.objects.filter(pk=world.meeting.pk).exists()
