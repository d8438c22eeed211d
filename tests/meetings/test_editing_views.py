"""Preparing meetings in the app: meetings, agenda items, reordering and decisions, by the right people."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, Meeting
from klynge.meetings.services import agenda_item_create
from klynge.work.models import Allocation
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import queries_for


def form_section(page: str, name: str) -> str:
    """The part of the page around a form field, where its error message stands."""
    start = page.index(f'name="{name}"')
    return page[max(0, start - 600) : start]


def test_an_editor_adds_a_meeting(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    assert "Nyt møde" in editor.get("/moeder/").content.decode()
    page = editor.get(f"/moeder/ny/?organ={world.political.slug}").content.decode()
    assert "Politisk sundhedsklynge Test" in page
    response = editor.post(
        "/moeder/ny/",
        {
            "body": world.political.pk,
            "date": "2026-12-10",
            "date_precision": "day",
            "start_time": "14:00",
            "status": "planned",
            "title": "Decembermøde",
            "location": "Rådhuset",
        },
    )
    meeting = Meeting.objects.get(title="Decembermøde")
    assert response.status_code == 302 and response["Location"] == f"/moeder/{meeting.pk}/"
    assert (meeting.date, meeting.start_time) == (datetime.date(2026, 12, 10), datetime.time(14, 0))


def test_bad_meeting_input_is_shown_in_danish(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    meetings = Meeting.objects.count()
    page = editor.post(
        "/moeder/ny/",
        {"body": world.political.pk, "date": "31.02.2024", "date_precision": "day", "status": "held"},
    ).content.decode()
    assert "Skriv datoen som dd.mm.åååå" in form_section(page, "date")
    page = editor.post(
        "/moeder/ny/",
        {"body": world.political.pk, "date": "10.12.2026", "date_precision": "day", "status": "held"},
    ).content.decode()
    assert "Et møde i fremtiden kan ikke være afholdt." in form_section(page, "status")
    assert Meeting.objects.count() == meetings


def test_an_editor_prepares_the_agenda(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    response = editor.post(
        f"/moeder/{world.meeting.pk}/punkter/ny/",
        {
            "title": "Lukket punkt om økonomi",
            "kind": "orientation",
            "is_tentative": "on",
            "topics": [world.prevention_topic.pk],
            "initiatives": [world.initiative.pk],
        },
    )
    item = AgendaItem.objects.get(title="Lukket punkt om økonomi")
    assert response.status_code == 302 and response["Location"].endswith(f"#dagsordenspunkt-{item.pk}")
    assert not item.is_public and item.is_tentative and list(item.initiatives.all()) == [world.initiative]
    response = editor.post(f"/punkter/{item.pk}/flyt/", {"retning": "op"})
    assert response["Location"].endswith(f"#dagsordenspunkt-{item.pk}")
    item.refresh_from_db()
    assert item.position == 1
    page = editor.get(f"/moeder/{world.meeting.pk}/").content.decode()
    assert page.index("Lukket punkt om økonomi") < page.index(world.agenda_item.title)
    assert Client().get(f"/moeder/{world.meeting.pk}/").content.decode().count("Lukket punkt om økonomi") == 0


def test_an_item_is_changed_and_a_stale_change_is_refused(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    url = f"/punkter/{world.agenda_item.pk}/rediger/"
    assert 'value="Forebyggelse i Test"' in editor.get(url).content.decode()
    seen = record_version(world.agenda_item)
    fields = {"title": "Nyt navn", "kind": "decision", "is_public": "on", "seen_version": seen}
    assert editor.post(url, fields).status_code == 302
    page = editor.post(url, {**fields, "title": "Tredje navn"}).content.decode()
    assert "mens du redigerede" in page and 'value="Tredje navn"' in page
    assert AgendaItem.objects.get(pk=world.agenda_item.pk).title == "Nyt navn"


def test_a_decision_with_an_allocation_is_recorded(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    url = f"/punkter/{world.agenda_item.pk}/beslutninger/ny/"
    assert world.fund.name in editor.get(url).content.decode()
    response = editor.post(
        url,
        {
            "kind": "joint",
            "text": "Klyngen afsætter 750.000 kr.",
            "topic": world.prevention_topic.pk,
            "fund": world.fund.pk,
            "amount": "750.000",
            "initiative": world.initiative.pk,
        },
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get(decision__text="Klyngen afsætter 750.000 kr.")
    assert (allocation.amount, allocation.initiative) == (Decimal(750_000), world.initiative)
    page = editor.get(f"/moeder/{world.meeting.pk}/").content.decode()
    assert "750.000 kr. fra Klyngemidler Test 2023" in page


def test_an_over_allocation_is_refused_next_to_the_amount(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    decisions = Decision.objects.count()
    page = editor.post(
        f"/punkter/{world.agenda_item.pk}/beslutninger/ny/",
        {
            "kind": "joint",
            "text": "For meget.",
            "topic": world.prevention_topic.pk,
            "fund": world.fund.pk,
            "amount": "1,5 mio.",
            "focus_area": world.focus_area.pk,
        },
    ).content.decode()
    assert "Beløbet overstiger puljens restbeløb på 1.000.000 kr." in form_section(page, "amount")
    assert 'value="1,5 mio."' in page and "For meget." in page  # the input is kept
    assert Decision.objects.count() == decisions


def test_the_authority_rule_is_shown_next_to_the_kind(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    page = editor.post(
        f"/punkter/{world.agenda_item.pk}/beslutninger/ny/",
        {"kind": "joint", "text": "Sygehusene skal.", "topic": world.hospitals_topic.pk},
    ).content.decode()
    assert "Registrér beslutningen som en anbefaling" in form_section(page, "kind")


def test_a_joint_decision_needs_a_topic_when_the_item_has_none(world: ClusterWorld) -> None:
    item = agenda_item_create(meeting=world.meeting, title="Uden emne", kind=AgendaItemKind.DECISION)
    page = (
        editor_of(world.municipality)
        .post(f"/punkter/{item.pk}/beslutninger/ny/", {"kind": "joint", "text": "Noget."})
        .content.decode()
    )
    assert "Angiv emnet for en fælles beslutning" in form_section(page, "topic")


def test_a_decision_is_corrected(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    url = f"/beslutninger/{world.decision.pk}/rediger/"
    assert 'name="amount"' not in editor.get(url).content.decode()  # what it allocated stays on record
    response = editor.post(
        url,
        {
            "kind": "recommendation",
            "text": "Anbefaling.",
            "recommended_to": world.region.pk,
            "topic": world.hospitals_topic.pk,
            "seen_version": record_version(world.decision),
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get(pk=world.decision.pk).recommended_to == world.region


def urls(world: ClusterWorld) -> dict[str, dict[str, object]]:
    return {
        "/moeder/ny/": {
            "body": world.political.pk,
            "date": "2026-12-10",
            "date_precision": "day",
            "status": "planned",
        },
        f"/moeder/{world.meeting.pk}/rediger/": {
            "date": "2023-11-28",
            "date_precision": "day",
            "status": "held",
            "title": "Ændret",
        },
        f"/moeder/{world.meeting.pk}/punkter/ny/": {
            "title": "Nyt punkt",
            "kind": "orientation",
            "is_public": "on",
        },
        f"/punkter/{world.agenda_item.pk}/rediger/": {
            "title": "Ændret",
            "kind": "decision",
            "is_public": "on",
        },
        f"/punkter/{world.agenda_item.pk}/beslutninger/ny/": {
            "kind": "coordination",
            "text": "Ny beslutning",
        },
        f"/beslutninger/{world.decision.pk}/rediger/": {"kind": "coordination", "text": "Ændret"},
    }


def snapshot() -> tuple[object, ...]:
    return (
        list(Meeting.objects.values_list("pk", "title", "date")),
        list(AgendaItem.objects.values_list("pk", "title", "position")),
        list(Decision.objects.values_list("pk", "text", "kind")),
    )


@pytest.mark.parametrize("who", ["other_editor", "member"])
def test_others_are_refused_and_nothing_is_saved(world: ClusterWorld, who: str) -> None:
    other = build_cluster("Anden")
    client = editor_of(other.municipality) if who == "other_editor" else member_as(world.mayor)
    before = snapshot()
    for url, data in urls(world).items():
        if url == "/moeder/ny/" and who == "other_editor":
            # They may add meetings to their own cluster's bodies, and only to those.
            page = client.post(url, data).content.decode()
            assert "Vælg et af organerne på listen." in form_section(page, "body")
            continue
        assert client.post(url, data).status_code == 403, url
        assert client.get(url).status_code == 403, url
    assert client.post(f"/punkter/{world.agenda_item.pk}/flyt/", {"retning": "op"}).status_code == 403
    assert snapshot() == before
    assert "Redigér mødet" not in client.get(f"/moeder/{world.meeting.pk}/").content.decode()


def test_anonymous_posts_change_nothing(world: ClusterWorld) -> None:
    before = snapshot()
    for url, data in {**urls(world), f"/punkter/{world.agenda_item.pk}/flyt/": {"retning": "ned"}}.items():
        response = Client().post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/log-ind/"), url
    assert snapshot() == before


def test_no_write_by_get(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    assert editor.get(f"/punkter/{world.agenda_item.pk}/flyt/?retning=ned").status_code == 405
    assert editor.post(f"/punkter/{world.agenda_item.pk}/flyt/", {"retning": "sidelæns"}).status_code == 400


def test_an_administrator_edits_every_collaboration(world: ClusterWorld) -> None:
    admin = administrator()
    for url in urls(world):
        assert admin.get(url).status_code == 200, url


def test_form_pages_make_a_fixed_number_of_queries(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    before = {url: queries_for(editor, url) for url in urls(world)}
    for i in range(5):
        build_cluster(f"Q{i}")
    for n in range(5):
        agenda_item_create(meeting=world.meeting, title=f"Punkt {n}", kind=AgendaItemKind.ORIENTATION)
    assert {url: queries_for(editor, url) for url in urls(world)} == before
