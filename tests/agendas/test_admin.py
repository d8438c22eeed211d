"""The admin publishes agendas and drafts and publishes minutes through the same commands as the agenda
page (the same refusals), and changes no published version and no approved minutes."""

import datetime
from html import unescape

from klynge.agendas.models import AgendaVersion, ApprovalKind, Minutes, MinutesStatus
from klynge.agendas.services import minutes_approve
from klynge.meetings.models import Meeting
from tests.agendas.helpers import PUBLIC, pdf_text, prepared_meeting
from tests.clients import administrator
from tests.factories import ClusterWorld


def test_the_admin_publishes_an_agenda_through_the_command(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    admin = administrator()
    post = {
        "meeting": str(meeting.pk),
        "kind": "ordinary",
        "publish_at_0": "",
        "publish_at_1": "",
        "change_note": "",
    }
    response = admin.post("/admin/agendas/agendaversion/add/", post)
    assert response.status_code == 302, unescape(response.content.decode())[:3000]
    version = AgendaVersion.objects.get(meeting=meeting)
    assert version.number == 1 and version.published_at is not None
    assert PUBLIC in pdf_text(version.public_pdf.read())
    assert Meeting.objects.get(pk=meeting.pk).agenda_published_at is not None
    history = version.history.all()  # type: ignore[attr-defined]
    assert history and {row.history_user.username for row in history} == {"admin@test.dk"}

    # The page's refusal: a supplementary agenda must add items.
    again = admin.post("/admin/agendas/agendaversion/add/", {**post, "kind": "supplementary"})
    assert again.status_code == 200
    assert "En tillægsdagsorden skal tilføje mindst ét punkt siden sidste version." in unescape(
        again.content.decode()
    )
    assert AgendaVersion.objects.filter(meeting=meeting).count() == 1

    # A published version is shown, never changed or deleted.
    page = admin.get(f"/admin/agendas/agendaversion/{version.pk}/change/")
    assert page.status_code == 200 and 'name="change_note"' not in page.content.decode()
    changed = admin.post(f"/admin/agendas/agendaversion/{version.pk}/change/", {**post, "change_note": "x"})
    assert changed.status_code == 403
    deleted = admin.post(f"/admin/agendas/agendaversion/{version.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403 and AgendaVersion.objects.filter(pk=version.pk).exists()


def test_the_admin_drafts_changes_and_publishes_minutes_through_the_commands(world: ClusterWorld) -> None:
    admin = administrator()
    planned = prepared_meeting(world)
    refused = admin.post("/admin/agendas/minutes/add/", {"meeting": str(planned.pk)})
    assert refused.status_code == 200
    assert "Der kan kun skrives referat af et afholdt møde." in unescape(refused.content.decode())

    response = admin.post("/admin/agendas/minutes/add/", {"meeting": str(world.meeting.pk)})
    assert response.status_code == 302, unescape(response.content.decode())[:3000]
    minutes = Minutes.objects.get(meeting=world.meeting)
    assert minutes.entries.get().text == "Klyngen godkendte indsatsen."  # drafted from the decision

    change = {
        "attendance": "Alle var til stede.",
        "closing_note": "Intet.",
        "entries-TOTAL_FORMS": "1",
        "entries-INITIAL_FORMS": "1",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "entries-0-id": str(minutes.entries.get().pk),
        "entries-0-minutes": str(minutes.pk),
    }
    response = admin.post(f"/admin/agendas/minutes/{minutes.pk}/change/", change)
    assert response.status_code == 302, unescape(response.content.decode())[:3000]
    minutes.refresh_from_db()
    assert (minutes.attendance, minutes.closing_note) == ("Alle var til stede.", "Intet.")

    # Publishing waits for the approval; then the action publishes.
    action = {"action": "publish_selected", "_selected_action": [str(minutes.pk)]}
    admin.post("/admin/agendas/minutes/", action)
    assert Minutes.objects.get(pk=minutes.pk).status == MinutesStatus.DRAFT
    minutes_approve(
        minutes=minutes, kind=ApprovalKind.WRITTEN, on=world.meeting.date + datetime.timedelta(days=7)
    )
    admin.post("/admin/agendas/minutes/", action)
    published = Minutes.objects.get(pk=minutes.pk)
    assert published.status == MinutesStatus.PUBLISHED and published.published_at is not None
    assert admin.post(f"/admin/agendas/minutes/{minutes.pk}/change/", change).status_code == 403
