"""The admin shows absences with their history; they are written in the app only (one write path)."""

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from klynge.attendance.services import absence_record
from tests.attendance.conftest import Cast, saved_rows
from tests.factories import ClusterWorld


def staff() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "hemmeligt-kodeord"))
    return client


def test_the_admin_shows_absences_and_writes_none(world: ClusterWorld, cast: Cast) -> None:
    absence = absence_record(meeting=world.meeting, membership=world.mayor_membership, substitute=cast.deputy)
    client = staff()

    for url in [
        reverse("admin:attendance_absence_changelist"),
        reverse("admin:attendance_absence_changelist") + "?q=Borgmester",
        reverse("admin:attendance_absence_change", args=[absence.pk]),
        reverse("admin:attendance_absence_history", args=[absence.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:attendance_absence_add")).status_code == 403
    response = client.post(
        reverse("admin:attendance_absence_change", args=[absence.pk]),
        {"meeting": world.meeting.pk, "membership": world.mayor_membership.pk, "note": "Ændret"},
    )
    assert response.status_code == 403
    assert client.post(reverse("admin:attendance_absence_delete", args=[absence.pk])).status_code == 403
    absence.refresh_from_db()
    assert absence.note == "" and saved_rows() == (1, 0)
