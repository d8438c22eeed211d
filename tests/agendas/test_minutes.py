"""Minutes: drafted from the held meeting's decisions, edited, approved at the next meeting of the same
body or by written procedure, published as PDF and Word in a public and a closed edition."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from docx import Document

from klynge.agendas.models import ApprovalKind, MinutesStatus
from klynge.agendas.services import minutes_approve, minutes_draft, minutes_publish, minutes_update
from klynge.meetings.models import AgendaItem, AgendaItemKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from tests.agendas.helpers import pdf_text
from tests.clients import editor_of
from tests.factories import ClusterWorld

SECRET = "Lukket drøftelse af budgetrammen"


def test_minutes_are_drafted_approved_and_published(world: ClusterWorld) -> None:
    closed = agenda_item_create(
        meeting=world.meeting, title=SECRET, kind=AgendaItemKind.DISCUSSION, is_public=False
    )
    AgendaItem.objects.filter(pk=closed.pk).update(decision_text="Rammen holdes fortroligt.")
    minutes = minutes_draft(meeting=world.meeting)
    entries = {e.agenda_item_id: e.text for e in minutes.entries.all()}
    assert entries[world.agenda_item.pk] == world.decision.text
    minutes_update(
        minutes=minutes, attendance="Til stede: alle.", closing_note="", entries={closed.pk: "Drøftet."}
    )
    with pytest.raises(ValidationError):
        minutes_publish(minutes=minutes)
    earlier = meeting_create(body=world.political, date=datetime.date(2023, 1, 5), status=MeetingStatus.HELD)
    with pytest.raises(ValidationError):
        minutes_approve(minutes=minutes, kind=ApprovalKind.MEETING, at_meeting=earlier)
    later = meeting_create(body=world.political, date=datetime.date(2024, 1, 30), status=MeetingStatus.HELD)
    minutes = minutes_approve(minutes=minutes, kind=ApprovalKind.MEETING, at_meeting=later)
    assert minutes.approved_on == later.date
    minutes = minutes_publish(minutes=minutes)
    assert minutes.status == MinutesStatus.PUBLISHED

    public = Client().get(f"/moeder/{world.meeting.pk}/referat/offentlig.pdf")
    text = pdf_text(public.content)
    assert world.agenda_item.title in text and SECRET not in text and "30. januar 2024" in text
    assert Client().get(f"/moeder/{world.meeting.pk}/referat/lukket.pdf").status_code == 403
    editor = editor_of(world.municipality)
    closed_text = pdf_text(editor.get(f"/moeder/{world.meeting.pk}/referat/lukket.pdf").content)
    assert SECRET in closed_text and "Drøftet." in closed_text
    word = Document(io.BytesIO(Client().get(f"/moeder/{world.meeting.pk}/referat/offentlig.docx").content))
    words = "\n".join(p.text for p in word.paragraphs)
    assert world.agenda_item.title in words and SECRET not in words


def test_draft_minutes_are_not_shown_to_the_public(world: ClusterWorld) -> None:
    minutes_draft(meeting=world.meeting)
    assert Client().get(f"/moeder/{world.meeting.pk}/referat/offentlig.pdf").status_code == 404
    editor = editor_of(world.municipality)
    assert editor.get(f"/moeder/{world.meeting.pk}/referat/offentlig.pdf").status_code == 200


def test_the_page_drafts_and_approves_by_written_procedure(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    assert editor.post(f"/moeder/{world.meeting.pk}/referat/udarbejd/").status_code == 302
    response = editor.post(
        f"/moeder/{world.meeting.pk}/referat/godkend/", {"kind": "written", "on": "2023-12-05"}
    )
    assert response.status_code == 302
    page = editor.get(f"/moeder/{world.meeting.pk}/dagsorden/").content.decode()
    assert "Godkendt ved skriftlig procedure 5. december 2023" in page
    assert Client().post(f"/moeder/{world.meeting.pk}/referat/offentliggoer/").status_code == 302  # login


def test_the_agenda_page_costs_the_same_with_more_versions(
    world: ClusterWorld, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(12):
        assert Client().get(f"/moeder/{world.meeting.pk}/dagsorden/").status_code == 200


def test_a_control_character_in_the_minutes_is_refused_and_nothing_is_saved(world: ClusterWorld) -> None:
    minutes = minutes_draft(meeting=world.meeting)
    before = minutes.attendance
    editor = editor_of(world.municipality)
    response = editor.post(
        f"/moeder/{world.meeting.pk}/referat/gem/",
        {"attendance": "Til stede\x0b: alle", "closing_note": "", "punkt-1": "Godkendt\x1b."},
    )
    assert response.status_code == 302
    shown = editor.get(response["Location"]).content.decode()
    assert "usynligt styretegn (tegn nr. 10)" in shown
    minutes.refresh_from_db()
    assert minutes.attendance == before
