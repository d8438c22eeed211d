"""The attendance page (public, closed items only for those who may see them) and the absence pages:
editors of a participating party record, change and withdraw absences; nobody else writes anything."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import Client

from klynge.attendance.models import Absence
from klynge.attendance.selectors import attendance_agenda_items, meeting_attendance
from klynge.attendance.services import absence_record, absence_update
from klynge.bodies.services import membership_create, seat_set, substitution_create
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItemKind, DatePrecision
from klynge.meetings.services import agenda_item_create, meeting_create
from klynge.organisation.services import person_create
from tests.attendance.conftest import Cast, saved_rows
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import CACHE_VERSION_READ, queries_for

CLOSED_TITLE = "Fortroligt punkt om budget"


def page(world: ClusterWorld) -> str:
    return f"/moeder/{world.meeting.pk}/deltagere/"


def new_url(world: ClusterWorld) -> str:
    return f"/moeder/{world.meeting.pk}/deltagere/afbud/"


def edit_url(world: ClusterWorld, absence: Absence) -> str:
    return f"/moeder/{world.meeting.pk}/deltagere/afbud/{absence.pk}/"


def withdraw_url(world: ClusterWorld, absence: Absence) -> str:
    return f"/moeder/{world.meeting.pk}/deltagere/afbud/{absence.pk}/traek-tilbage/"


@pytest.fixture
def closed_item(world: ClusterWorld) -> None:
    agenda_item_create(
        meeting=world.meeting,
        title=CLOSED_TITLE,
        kind=AgendaItemKind.DECISION,
        is_public=False,
        topics=[world.hospitals_topic],
    )


def test_the_page_shows_who_is_expected_their_substitutes_and_who_is_more_relevant(
    client: Client, world: ClusterWorld, cast: Cast
) -> None:
    absence_record(
        meeting=world.meeting, membership=cast.doctor, substitute=cast.doctor_substitute, note="Syg"
    )

    response = client.get(page(world))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Deltagere</h1>" in html
    assert "Politisk sundhedsklynge Test, 28. november 2023" in html
    assert "PLO Test" in html and "Test Kommune" in html and "(2 pladser)" in html
    assert "Borgmester Test" in html and "Læge Test" in html
    assert 'Stedfortræder Test</a> <span class="small-text">– ved forebyggelse</span>' in html
    assert "hvis det er mere relevant i forhold til dagsordenen" in html
    assert "1. Forebyggelse i Test" in html and "Mere relevant til dette punkt:" in html
    assert "Stedfortræder Test i stedet for Borgmester Test" in html
    assert "Syg" in html and "Lægestedfortræder Test" in html
    # The public sees no form and no buttons.
    assert "Meld afbud" not in html and "Træk afbud tilbage" not in html


def test_the_expected_list_follows_the_membership_dates(client: Client, world: ClusterWorld) -> None:
    seat_set(body=world.political, party=world.municipality, count=3)
    membership_create(
        person=person_create(name="Gik af før mødet"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 6, 30),
    )
    membership_create(
        person=person_create(name="Tiltræder efter mødet"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2024, 1, 1),
    )

    html = client.get(page(world)).content.decode()

    assert "Borgmester Test" in html
    assert "Gik af før mødet" not in html and "Tiltræder efter mødet" not in html


def test_a_meeting_known_by_month_says_which_day_is_counted(client: Client, world: ClusterWorld) -> None:
    meeting = meeting_create(
        body=world.political, date=datetime.date(2024, 6, 1), date_precision=DatePrecision.MONTH
    )

    html = client.get(f"/moeder/{meeting.pk}/deltagere/").content.decode()

    assert "opgjort pr. 1. juni 2024" in html and "Borgmester Test" in html


def test_a_closed_item_is_not_shown_to_the_public(
    client: Client, world: ClusterWorld, closed_item: None
) -> None:
    closed = world.meeting.agenda_items.get(title=CLOSED_TITLE)
    absence_record(meeting=world.meeting, membership=world.mayor_membership, agenda_items=[closed])

    public = client.get(page(world)).content.decode()
    editor = editor_of(world.municipality).get(page(world)).content.decode()
    member = member_as(world.mayor).get(page(world)).content.decode()

    assert CLOSED_TITLE not in public and "Lukket punkt" not in public
    # Not the absence either: it concerns only the closed item, so it would tell there is one.
    assert "Afbud</span>" not in public and "Der er ikke meldt afbud." in public
    assert CLOSED_TITLE in editor and CLOSED_TITLE in member


def test_the_summary_for_the_meeting_page(world: ClusterWorld, cast: Cast) -> None:
    absence_record(meeting=world.meeting, membership=cast.doctor, substitute=cast.doctor_substitute)
    attendance = meeting_attendance(
        meeting=world.meeting, agenda_items=attendance_agenda_items(meeting=world.meeting)
    )

    html = render_to_string("attendance/includes/meeting_attendance_summary.html", {"attendance": attendance})

    assert "Forventet til stede" in html and "Borgmester Test" in html
    assert "Læge Test" in html and "i stedet kommer Lægestedfortræder Test" in html
    assert "Punkt 1. Forebyggelse i Test: Stedfortræder Test i stedet for Borgmester Test" in html
    assert f'href="{page(world)}"' in html


def test_unknown_meeting_is_404(client: Client, world: ClusterWorld) -> None:
    assert client.get("/moeder/999999/deltagere/").status_code == 404
    assert client.get(f"/moeder/{2**63}/deltagere/").status_code == 404


def test_an_editor_records_an_absence(world: ClusterWorld, cast: Cast) -> None:
    editor = editor_of(world.municipality)
    html = editor.get(page(world)).content.decode()
    assert "Meld afbud" in html and f'action="{new_url(world)}"' in html

    response = editor.post(
        new_url(world),
        {
            "membership": world.mayor_membership.pk,
            "substitute": cast.deputy.pk,
            "agenda_items": [world.agenda_item.pk],
            "note": "Borgmesteren er bortrejst.",
        },
    )

    assert response.status_code == 302 and response["Location"] == f"{page(world)}#afbud"
    absence = Absence.objects.get()
    assert (absence.membership, absence.substitute, absence.note) == (
        world.mayor_membership,
        cast.deputy,
        "Borgmesteren er bortrejst.",
    )
    assert list(absence.agenda_items.all()) == [world.agenda_item]
    html = editor.get(page(world)).content.decode()
    assert "Afbuddet er registreret." in html
    assert "i stedet kommer Stedfortræder Test" in html and "Træk afbud tilbage" in html


def test_the_record_page_shows_the_form_and_writes_nothing_on_get(world: ClusterWorld, cast: Cast) -> None:
    response = editor_of(world.municipality).get(new_url(world))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Meld afbud</h1>" in html and 'class="form-select"' in html and 'class="form-checkbox"' in html
    assert "Stedfortræder Test (stedfortræder for Borgmester Test ved forebyggelse)" in html
    assert saved_rows() == (0, 0)


def test_a_substitute_who_is_not_the_members_is_refused_next_to_the_field(
    world: ClusterWorld, cast: Cast
) -> None:
    response = editor_of(world.municipality).post(
        new_url(world),
        {"membership": world.mayor_membership.pk, "substitute": cast.doctor_substitute.pk, "note": "x"},
    )

    assert response.status_code == 422
    html = response.content.decode()
    message = "Lægestedfortræder Test er ikke stedfortræder for Borgmester Test den 28. november 2023."
    assert html.index('for="id_substitute"') < html.index(message) < html.index('name="substitute"')
    assert saved_rows() == (0, 0)


def test_a_membership_of_another_body_cannot_be_chosen(world: ClusterWorld) -> None:
    other = build_cluster("Anden")

    response = administrator().post(new_url(world), {"membership": other.mayor_membership.pk})

    assert response.status_code == 422
    html = response.content.decode()
    assert "Vælg et af de medlemmer, der forventes til stede" in html
    assert (
        html.index('for="id_membership"')
        < html.index("Vælg et af de medlemmer")
        < html.index('name="membership"')
    )
    assert saved_rows() == (0, 0)


def test_an_editor_changes_an_absence(world: ClusterWorld, cast: Cast) -> None:
    absence = absence_record(meeting=world.meeting, membership=world.mayor_membership)
    editor = editor_of(world.municipality)
    form = editor.get(edit_url(world, absence)).content.decode()
    assert "Afbud fra Borgmester Test" in form and f'value="{record_version(absence)}"' in form

    response = editor.post(
        edit_url(world, absence),
        {
            "substitute": cast.deputy.pk,
            "note": "Stedfortræderen kommer",
            "seen_version": record_version(absence),
        },
    )

    assert response.status_code == 302
    absence.refresh_from_db()
    assert absence.substitute == cast.deputy and absence.note == "Stedfortræderen kommer"


def test_a_stale_change_is_refused_and_the_input_kept(world: ClusterWorld, cast: Cast) -> None:
    absence = absence_record(meeting=world.meeting, membership=world.mayor_membership)
    seen = record_version(absence)
    absence_update(absence=absence, seen_version=seen, substitute=cast.deputy, agenda_items=[], note="Først")

    response = editor_of(world.municipality).post(
        edit_url(world, absence), {"substitute": "", "note": "Min ændring", "seen_version": seen}
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "mens du redigerede" in html and "Min ændring" in html
    absence.refresh_from_db()
    assert absence.note == "Først" and absence.substitute == cast.deputy


def test_withdraw_by_post_only(world: ClusterWorld) -> None:
    absence = absence_record(meeting=world.meeting, membership=world.mayor_membership)
    editor = editor_of(world.municipality)

    assert editor.get(withdraw_url(world, absence)).status_code == 405
    assert Absence.objects.filter(pk=absence.pk).exists()

    response = editor.post(withdraw_url(world, absence))

    assert response.status_code == 302 and response["Location"] == f"{page(world)}#afbud"
    assert not Absence.objects.filter(pk=absence.pk).exists()
    assert "Afbuddet fra Borgmester Test er trukket tilbage" in editor.get(page(world)).content.decode()


def test_an_absence_of_another_meeting_is_404(world: ClusterWorld) -> None:
    later = meeting_create(body=world.political, date=datetime.date(2024, 3, 5))
    absence = absence_record(meeting=later, membership=world.mayor_membership)
    editor = editor_of(world.municipality)

    assert editor.get(edit_url(world, absence)).status_code == 404
    assert editor.post(withdraw_url(world, absence)).status_code == 404
    assert Absence.objects.filter(pk=absence.pk).exists()


@pytest.mark.parametrize("who", ["editor_of_another_party", "member"])
def test_others_are_refused_and_nothing_is_saved(world: ClusterWorld, cast: Cast, who: str) -> None:
    absence = absence_record(meeting=world.meeting, membership=world.mayor_membership)
    client = editor_of(build_cluster("Anden").municipality) if who != "member" else member_as(world.mayor)
    before = saved_rows()

    assert client.get(new_url(world)).status_code == 403
    assert client.post(new_url(world), {"membership": cast.doctor.pk}).status_code == 403
    assert client.get(edit_url(world, absence)).status_code == 403
    assert client.post(edit_url(world, absence), {"note": "Ændret", "seen_version": ""}).status_code == 403
    assert client.post(withdraw_url(world, absence)).status_code == 403
    assert saved_rows() == before
    absence.refresh_from_db()
    assert absence.note == ""
    assert "Meld afbud" not in client.get(page(world)).content.decode()


def test_anonymous_is_sent_to_log_in_and_nothing_is_saved(
    client: Client, world: ClusterWorld, cast: Cast
) -> None:
    absence = absence_record(meeting=world.meeting, membership=world.mayor_membership)
    before = saved_rows()

    for url, data in [
        (new_url(world), {"membership": cast.doctor.pk}),
        (edit_url(world, absence), {"note": "Ændret"}),
        (withdraw_url(world, absence), {}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/log-ind/"), url

    assert saved_rows() == before
    absence.refresh_from_db()
    assert absence.note == ""


def grow(world: ClusterWorld, cast: Cast) -> None:
    """Ten more clusters, and more members, substitutes, items and absences on this meeting. The doctor
    sends no word, so the editor's form still offers a member (and makes its queries)."""
    for i in range(10):
        build_cluster(f"X{i}")
    seat_set(body=world.political, party=world.municipality, count=5)
    for n in range(3):
        member = membership_create(
            person=person_create(name=f"Medlem {n}", party=world.municipality),
            body=world.political,
            party=world.municipality,
            start=datetime.date(2022, 7, 1),
        )
        for k in range(2):
            substitute = person_create(name=f"Stedfortræder {n}.{k}")
            substitution_create(
                principal=member,
                substitute=substitute,
                start=datetime.date(2022, 7, 1),
                topics=[world.prevention_topic, world.hospitals_topic],
            )
        item = agenda_item_create(
            meeting=world.meeting,
            title=f"Punkt {n}",
            kind=AgendaItemKind.DISCUSSION,
            topics=[world.hospitals_topic],
        )
        absence_record(meeting=world.meeting, membership=member, substitute=substitute, agenda_items=[item])


def test_a_fixed_number_of_queries(
    client: Client, world: ClusterWorld, cast: Cast, closed_item: None
) -> None:
    absence_record(meeting=world.meeting, membership=world.mayor_membership, agenda_items=[world.agenda_item])
    editor = editor_of(world.municipality)
    before = {"public": queries_for(client, page(world)), "editor": queries_for(editor, page(world))}

    grow(world, cast)

    after = {"public": queries_for(client, page(world)), "editor": queries_for(editor, page(world))}
    assert after == before
    assert before["public"] <= 10 and before["editor"] <= 16 + CACHE_VERSION_READ, before
