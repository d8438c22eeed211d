"""Editing the clusters' work in the app: focus areas, initiatives, trial actions, follow-up research and
funds — by editors of the participating parties only, with Danish errors next to the fields, nothing saved
on bad input, stale saves refused, and a fixed number of queries on every page."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from klynge.kernel.records import record_version
from klynge.work.models import (
    FocusArea,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    Initiative,
    InitiativeStatus,
    TrialAction,
)
from klynge.work.services import (
    focus_area_update,
    follow_up_research_create,
    fund_update,
    initiative_create,
    trial_action_create,
)
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import queries_for

STALE = "mens du redigerede"


def page(response: Any) -> str:
    return str(response.content.decode())


def error_next_to(html: str, field: str, message: str) -> bool:
    """The message is shown in the field's own form group (before the field itself)."""
    field_at = html.find(f'name="{field}"')
    group_start = html.rfind('<div class="form-group form-error">', 0, field_at)
    later_group = html.rfind('<div class="form-group">', 0, field_at)
    return field_at != -1 and group_start > later_group and message in html[group_start:field_at]


@pytest.fixture
def editor(world: ClusterWorld) -> Client:
    return editor_of(world.municipality)


@pytest.fixture
def research(world: ClusterWorld) -> FollowUpResearch:
    return follow_up_research_create(
        title="Mulighed for følgeforskning",
        status=FollowUpResearchStatus.CONSIDERED,
        focus_area=world.focus_area,
    )


def first_trial_action(world: ClusterWorld) -> TrialAction:
    return TrialAction.objects.get(focus_area=world.focus_area, position=1)


# ---------------------------------------------------------------------------------------------
# Focus areas


def focus_area_data(world: ClusterWorld, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Forebyggelse og sundhedsfremme",
        "description": "Fælles forebyggelse.",
        "collaborations": [world.cluster.pk],
        "topics": [world.prevention_topic.pk],
        "status": "adopted",
        "period_start": "2024-01-01",
        "period_end": "2025-12-31",
        "health_agreement": "",
        "decided_at": world.agenda_item.pk,
        "seen_version": record_version(world.focus_area),
    }
    data.update(changes)
    return data


def test_an_editor_creates_a_focus_area(world: ClusterWorld, editor: Client) -> None:
    assert "Opret fokusområde" in page(editor.get("/fokusomraader/"))
    assert "Opret fokusområde" not in page(Client().get("/fokusomraader/"))

    response = editor.post("/fokusomraader/ny/", focus_area_data(world, name="Børn og unge", seen_version=""))

    created = FocusArea.objects.get(name="Børn og unge")
    assert response.status_code == 302 and response["Location"] == f"/fokusomraader/{created.slug}/"
    assert list(created.collaborations.all()) == [world.cluster]
    assert created.decided_at == world.agenda_item
    assert created.period_start == datetime.date(2024, 1, 1)


def test_a_focus_area_is_offered_only_the_editors_own_collaborations(
    world: ClusterWorld, editor: Client
) -> None:
    other = build_cluster("Anden")
    form = page(editor.get("/fokusomraader/ny/"))
    assert "Sundhedsklynge Test" in form and "Sundhedsklynge Anden" not in form
    assert "Forebyggelse i Anden" not in form  # nor the other cluster's agenda items
    before = FocusArea.objects.count()

    response = editor.post(
        "/fokusomraader/ny/", focus_area_data(world, name="Smuglet", collaborations=[other.cluster.pk])
    )

    assert response.status_code == 422
    assert error_next_to(page(response), "collaborations", "Vælg samarbejder fra listen.")
    assert FocusArea.objects.count() == before


def test_an_editor_changes_a_focus_area(world: ClusterWorld, editor: Client) -> None:
    detail = page(editor.get(f"/fokusomraader/{world.focus_area.slug}/"))
    assert f"/fokusomraader/{world.focus_area.slug}/rediger/" in detail

    response = editor.post(f"/fokusomraader/{world.focus_area.slug}/rediger/", focus_area_data(world))

    assert response.status_code == 302
    focus_area = FocusArea.objects.get(pk=world.focus_area.pk)
    assert (focus_area.name, focus_area.period_end) == (
        "Forebyggelse og sundhedsfremme",
        datetime.date(2025, 12, 31),
    )


def test_focus_area_bad_input_is_shown_in_danish_and_nothing_is_saved(
    world: ClusterWorld, editor: Client
) -> None:
    response = editor.post(
        f"/fokusomraader/{world.focus_area.slug}/rediger/",
        focus_area_data(
            world, name="", collaborations=[], period_start="2025-01-01", period_end="2024-01-01"
        ),
    )
    html = page(response)

    assert response.status_code == 422
    assert error_next_to(html, "name", "Skriv fokusområdets navn.")
    assert error_next_to(html, "collaborations", "Vælg mindst ét samarbejde.")
    assert FocusArea.objects.get(pk=world.focus_area.pk).name == "Forebyggelse Test"

    response = editor.post(
        f"/fokusomraader/{world.focus_area.slug}/rediger/",
        focus_area_data(world, period_start="2025-01-01", period_end="2024-01-01"),
    )
    assert error_next_to(page(response), "period_end", "Slutdatoen ligger før startdatoen.")
    assert FocusArea.objects.get(pk=world.focus_area.pk).name == "Forebyggelse Test"


def test_a_collaboration_the_editor_may_not_change_stays(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    focus_area_update(
        focus_area=world.focus_area,
        seen_version=None,
        name=world.focus_area.name,
        collaborations=[world.cluster, other.cluster],
        status=world.focus_area.status,
        description="",
        topics=[],
        decided_at=None,
        health_agreement=None,
        period_start=None,
        period_end=None,
    )
    outsider = editor_of(other.municipality)
    form = page(outsider.get(f"/fokusomraader/{world.focus_area.slug}/rediger/"))
    assert "Fokusområdet hører også til Sundhedsklynge Test" in form

    data = focus_area_data(world, collaborations=[other.cluster.pk], decided_at="")
    data["seen_version"] = record_version(world.focus_area)
    response = outsider.post(f"/fokusomraader/{world.focus_area.slug}/rediger/", data)

    assert response.status_code == 302
    assert set(FocusArea.objects.get(pk=world.focus_area.pk).collaborations.all()) == {
        world.cluster,
        other.cluster,
    }


def test_a_stale_focus_area_save_is_refused_keeping_the_editors_text(
    world: ClusterWorld, editor: Client
) -> None:
    data = focus_area_data(world, name="Min udgave")
    editor.post(f"/fokusomraader/{world.focus_area.slug}/rediger/", focus_area_data(world, name="Først gemt"))

    response = editor.post(f"/fokusomraader/{world.focus_area.slug}/rediger/", data)
    html = page(response)

    assert response.status_code == 422 and STALE in html
    assert 'value="Min udgave"' in html
    assert FocusArea.objects.get(pk=world.focus_area.pk).name == "Først gemt"


# ---------------------------------------------------------------------------------------------
# Initiatives


def initiative_data(world: ClusterWorld, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Indsats Test",
        "description": "Opsporing af KOL.",
        "focus_area": world.focus_area.pk,
        "parent": "",
        "responsible_parties": [world.municipality.pk],
        "start": "2024-01-01",
        "end": "2025-06-30",
        "seen_version": record_version(world.initiative),
    }
    data.update(changes)
    return data


def test_an_editor_creates_an_initiative_as_proposed(world: ClusterWorld, editor: Client) -> None:
    assert "Opret indsats" in page(editor.get("/indsatser/"))
    data = initiative_data(
        world, name="Tidlig opsporing", collaboration=world.cluster.pk, parent=world.initiative.pk
    )

    response = editor.post("/indsatser/ny/", data)

    created = Initiative.objects.get(name="Tidlig opsporing")
    assert response.status_code == 302 and response["Location"] == f"/indsatser/{created.slug}/"
    assert (created.status, created.parent, created.collaboration) == (
        InitiativeStatus.PROPOSED,
        world.initiative,
        world.cluster,
    )
    assert created.end == datetime.date(2025, 6, 30)
    assert list(created.responsible_parties.all()) == [world.municipality]


def test_an_initiative_cannot_be_created_in_another_collaboration(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    outsider = editor_of(other.municipality)
    before = Initiative.objects.count()

    response = outsider.post(
        "/indsatser/ny/", initiative_data(world, name="Smuglet", collaboration=world.cluster.pk)
    )

    assert response.status_code == 422
    assert error_next_to(page(response), "collaboration", "Vælg samarbejde fra listen.")
    assert Initiative.objects.count() == before


def test_an_editor_changes_an_initiative(world: ClusterWorld, editor: Client) -> None:
    assert f"/indsatser/{world.initiative.slug}/rediger/" in page(
        editor.get(f"/indsatser/{world.initiative.slug}/")
    )

    response = editor.post(
        f"/indsatser/{world.initiative.slug}/rediger/", initiative_data(world, name="Nyt navn")
    )

    assert response.status_code == 302
    initiative = Initiative.objects.get(pk=world.initiative.pk)
    assert (initiative.name, initiative.start, initiative.status) == (
        "Nyt navn",
        datetime.date(2024, 1, 1),
        InitiativeStatus.APPROVED,
    )


def test_an_initiative_parent_cycle_is_refused_next_to_the_field(world: ClusterWorld, editor: Client) -> None:
    child = initiative_create(name="Delindsats", collaboration=world.cluster, parent=world.initiative)

    response = editor.post(
        f"/indsatser/{world.initiative.slug}/rediger/", initiative_data(world, parent=child.pk, name="Ændret")
    )

    assert response.status_code == 422
    assert error_next_to(page(response), "parent", "En indsats kan ikke være en del af sig selv.")
    initiative = Initiative.objects.get(pk=world.initiative.pk)
    assert (initiative.parent, initiative.name) == (None, "Indsats Test")


def test_initiative_bad_input_is_shown_in_danish(world: ClusterWorld, editor: Client) -> None:
    response = editor.post(
        f"/indsatser/{world.initiative.slug}/rediger/",
        initiative_data(world, name="", start="i morgen", end="2024-01-01"),
    )
    html = page(response)

    assert response.status_code == 422
    assert error_next_to(html, "name", "Skriv indsatsens navn.")
    assert error_next_to(html, "start", "Skriv datoen som dd.mm.åååå, fx 14.12.2023.")
    assert Initiative.objects.get(pk=world.initiative.pk).description == ""

    response = editor.post(
        f"/indsatser/{world.initiative.slug}/rediger/",
        initiative_data(world, start="2025-01-01", end="2024-01-01"),
    )
    assert error_next_to(page(response), "end", "Slutdatoen ligger før startdatoen.")
    assert Initiative.objects.get(pk=world.initiative.pk).description == ""


def test_a_stale_initiative_save_is_refused(world: ClusterWorld, editor: Client) -> None:
    data = initiative_data(world, name="Min udgave")
    editor.post(f"/indsatser/{world.initiative.slug}/rediger/", initiative_data(world, name="Først gemt"))

    response = editor.post(f"/indsatser/{world.initiative.slug}/rediger/", data)

    assert response.status_code == 422 and STALE in page(response)
    assert 'value="Min udgave"' in page(response)
    assert Initiative.objects.get(pk=world.initiative.pk).name == "Først gemt"


# ---------------------------------------------------------------------------------------------
# Trial actions


def test_an_editor_adds_a_trial_action_with_the_next_number(world: ClusterWorld, editor: Client) -> None:
    url = f"/fokusomraader/{world.focus_area.slug}/proevehandlinger/ny/"
    assert url in page(editor.get(f"/fokusomraader/{world.focus_area.slug}/"))

    response = editor.post(
        url, {"name": "Direkte henvisning", "description": "", "initiative": world.initiative.pk}
    )

    assert response.status_code == 302
    added = TrialAction.objects.get(name="Direkte henvisning")
    assert (added.focus_area, added.position, added.initiative) == (world.focus_area, 2, world.initiative)


def test_a_trial_action_without_name_is_refused_next_to_the_field(
    world: ClusterWorld, editor: Client
) -> None:
    before = TrialAction.objects.count()

    response = editor.post(
        f"/fokusomraader/{world.focus_area.slug}/proevehandlinger/ny/",
        {"name": "", "description": "Uden navn", "initiative": ""},
    )

    assert response.status_code == 422
    assert error_next_to(page(response), "name", "En navngivet prøvehandling skal have et navn.")
    assert TrialAction.objects.count() == before


def test_an_editor_changes_a_trial_action(world: ClusterWorld, editor: Client) -> None:
    trial_action = first_trial_action(world)
    url = f"/proevehandlinger/{trial_action.pk}/rediger/"
    assert url in page(editor.get(f"/fokusomraader/{world.focus_area.slug}/"))
    data = {"name": "Opsporing i praksis", "description": "Tre praksis.", "initiative": world.initiative.pk}

    response = editor.post(url, {**data, "seen_version": record_version(trial_action)})

    assert response.status_code == 302
    changed = first_trial_action(world)
    assert (changed.name, changed.initiative, changed.position) == (
        "Opsporing i praksis",
        world.initiative,
        1,
    )


def test_a_trial_action_cannot_be_linked_to_another_clusters_initiative(
    world: ClusterWorld, editor: Client
) -> None:
    other = build_cluster("Anden")
    trial_action = first_trial_action(world)

    response = editor.post(
        f"/proevehandlinger/{trial_action.pk}/rediger/",
        {"name": "X", "description": "", "initiative": other.initiative.pk},
    )

    assert response.status_code == 422
    assert error_next_to(page(response), "initiative", "Vælg indsats fra listen.")
    assert first_trial_action(world).initiative is None


def test_a_stale_trial_action_save_is_refused(world: ClusterWorld, editor: Client) -> None:
    trial_action = first_trial_action(world)
    url = f"/proevehandlinger/{trial_action.pk}/rediger/"
    seen = record_version(trial_action)
    editor.post(url, {"name": "Først gemt", "description": "", "initiative": "", "seen_version": seen})

    response = editor.post(
        url, {"name": "Min udgave", "description": "", "initiative": "", "seen_version": seen}
    )

    assert response.status_code == 422 and STALE in page(response)
    assert first_trial_action(world).name == "Først gemt"


# ---------------------------------------------------------------------------------------------
# Follow-up research


@pytest.mark.parametrize("subject", ["fokusomraader", "indsatser"])
def test_an_editor_adds_follow_up_research(world: ClusterWorld, editor: Client, subject: str) -> None:
    slug = world.focus_area.slug if subject == "fokusomraader" else world.initiative.slug
    url = f"/{subject}/{slug}/foelgeforskning/ny/"
    assert url in page(editor.get(f"/{subject}/{slug}/"))

    response = editor.post(url, {"title": "Evaluering ved SDU", "status": "planned", "description": ""})

    assert response.status_code == 302
    added = FollowUpResearch.objects.get(title="Evaluering ved SDU")
    if subject == "fokusomraader":
        assert (added.focus_area, added.initiative) == (world.focus_area, None)
    else:
        assert (added.focus_area, added.initiative) == (None, world.initiative)


def test_follow_up_research_bad_input_is_shown_in_danish(world: ClusterWorld, editor: Client) -> None:
    before = FollowUpResearch.objects.count()

    response = editor.post(
        f"/fokusomraader/{world.focus_area.slug}/foelgeforskning/ny/",
        {"title": "", "status": "glemt", "description": ""},
    )
    html = page(response)

    assert response.status_code == 422
    assert error_next_to(html, "title", "Skriv følgeforskningens titel.")
    assert error_next_to(html, "status", "Vælg en status fra listen.")
    assert FollowUpResearch.objects.count() == before


def test_an_editor_changes_follow_up_research(
    world: ClusterWorld, editor: Client, research: FollowUpResearch
) -> None:
    url = f"/foelgeforskning/{research.pk}/rediger/"
    assert url in page(editor.get(f"/fokusomraader/{world.focus_area.slug}/"))

    response = editor.post(
        url,
        {
            "title": "Ny titel",
            "status": "running",
            "description": "I gang",
            "seen_version": record_version(research),
        },
    )

    assert response.status_code == 302
    changed = FollowUpResearch.objects.get(pk=research.pk)
    assert (changed.title, changed.status) == ("Ny titel", FollowUpResearchStatus.RUNNING)


def test_a_stale_follow_up_research_save_is_refused(
    world: ClusterWorld, editor: Client, research: FollowUpResearch
) -> None:
    url = f"/foelgeforskning/{research.pk}/rediger/"
    seen = record_version(research)
    editor.post(url, {"title": "Først gemt", "status": "planned", "description": "", "seen_version": seen})

    response = editor.post(
        url, {"title": "Min udgave", "status": "running", "description": "", "seen_version": seen}
    )

    assert response.status_code == 422 and STALE in page(response)
    assert FollowUpResearch.objects.get(pk=research.pk).title == "Først gemt"


# ---------------------------------------------------------------------------------------------
# Funds


def fund_data(world: ClusterWorld, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": world.fund.name,
        "amount": "3.000.000",
        "description": "",
        "seen_version": record_version(world.fund),
    }
    data.update(changes)
    return data


def test_the_fund_pages_show_funds_and_their_allocations(world: ClusterWorld) -> None:
    listing = page(Client().get("/puljer/"))
    assert f"/puljer/{world.fund.pk}/" in listing and "Klyngemidler Test 2023" in listing
    assert "Opret pulje" not in listing

    response = Client().get(f"/puljer/{world.fund.pk}/")
    html = page(response)
    assert response.status_code == 200
    assert "<h1>Klyngemidler Test 2023</h1>" in html
    assert "3 mio. kr." in html and "2 mio. kr." in html  # the amount and what is allocated
    assert '<th scope="row">Rest</th><td>1 mio. kr.</td>' in html
    assert "Fokusområde: <a" in html and "Forebyggelse Test" in html  # the allocation
    assert "/rediger/" not in html


def test_funds_are_listed_newest_year_first(world: ClusterWorld, editor: Client) -> None:
    from klynge.work.services import fund_create

    fund_create(body=world.political, year=2025, name="Klyngemidler Test 2025", amount=1_000_000)
    html = page(Client().get("/puljer/"))
    assert html.index("Klyngemidler Test 2025") < html.index("Klyngemidler Test 2023")


@pytest.mark.parametrize("url", ["/puljer/999999/", "/puljer/999999/rediger/"])
def test_an_unknown_fund_is_404(world: ClusterWorld, editor: Client, url: str) -> None:
    assert editor.get(url).status_code == 404


def test_an_editor_creates_a_fund(world: ClusterWorld, editor: Client) -> None:
    assert "Opret pulje" in page(editor.get("/puljer/"))
    form = page(editor.get("/puljer/ny/"))
    assert "Politisk sundhedsklynge Test" in form

    response = editor.post(
        "/puljer/ny/",
        {
            "body": world.political.pk,
            "year": "2025",
            "name": "Klyngemidler 2025",
            "amount": "1.500.000,50",
            "description": "",
        },
    )

    fund = Fund.objects.get(name="Klyngemidler 2025")
    assert response.status_code == 302 and response["Location"] == f"/puljer/{fund.pk}/"
    assert (fund.body, fund.year, fund.amount) == (world.political, 2025, Decimal("1500000.50"))


def test_fund_bad_input_is_shown_in_danish_and_nothing_is_saved(world: ClusterWorld, editor: Client) -> None:
    other = build_cluster("Anden")
    before = Fund.objects.count()

    response = editor.post(
        "/puljer/ny/",
        {"body": other.political.pk, "year": "25", "name": "", "amount": "mange penge", "description": ""},
    )
    html = page(response)

    assert response.status_code == 422
    assert error_next_to(html, "body", "Vælg organ fra listen.")
    assert error_next_to(html, "year", "Skriv året som fire cifre, fx 2025.")
    assert error_next_to(html, "name", "Skriv puljens navn.")
    assert error_next_to(html, "amount", "Skriv beløbet i kroner, fx 350.000 eller 1,4 mio.")
    assert Fund.objects.count() == before

    duplicate = editor.post(
        "/puljer/ny/",
        {
            "body": world.political.pk,
            "year": "2023",
            "name": world.fund.name,
            "amount": "",
            "description": "",
        },
    )
    assert duplicate.status_code == 422 and "eksisterer allerede" in page(duplicate)
    assert Fund.objects.count() == before


def test_an_editor_changes_a_fund(world: ClusterWorld, editor: Client) -> None:
    assert f"/puljer/{world.fund.pk}/rediger/" in page(editor.get(f"/puljer/{world.fund.pk}/"))
    assert 'value="3.000.000"' in page(editor.get(f"/puljer/{world.fund.pk}/rediger/"))  # Danish form

    response = editor.post(
        f"/puljer/{world.fund.pk}/rediger/", fund_data(world, amount="4.000.000 kr.", description="Forhøjet.")
    )

    assert response.status_code == 302 and response["Location"] == f"/puljer/{world.fund.pk}/"
    fund = Fund.objects.get(pk=world.fund.pk)
    assert (fund.amount, fund.description) == (Decimal(4_000_000), "Forhøjet.")


def test_a_fund_below_what_is_allocated_is_refused_next_to_the_amount(
    world: ClusterWorld, editor: Client
) -> None:
    response = editor.post(
        f"/puljer/{world.fund.pk}/rediger/", fund_data(world, amount="1.000.000", name="Omdøbt")
    )

    assert response.status_code == 422
    assert error_next_to(
        page(response), "amount", "Rammen kan ikke være mindre end det, der allerede er bevilget."
    )
    fund = Fund.objects.get(pk=world.fund.pk)
    assert (fund.amount, fund.name) == (Decimal(3_000_000), "Klyngemidler Test 2023")


def test_a_stale_fund_save_is_refused_and_nothing_is_lost(world: ClusterWorld, editor: Client) -> None:
    data = fund_data(world, amount="2.500.000")
    fund_update(fund=world.fund, seen_version=None, name=world.fund.name, amount=3_500_000, description="")

    response = editor.post(f"/puljer/{world.fund.pk}/rediger/", data)
    html = page(response)

    assert response.status_code == 422 and STALE in html
    assert 'value="2.500.000"' in html  # the editor's input is kept
    assert Fund.objects.get(pk=world.fund.pk).amount == Decimal(3_500_000)
    # Saving again is a deliberate choice over the newer copy, and then it is accepted.
    seen = html.split('name="seen_version" value="')[1].split('"')[0]
    again = editor.post(f"/puljer/{world.fund.pk}/rediger/", {**data, "seen_version": seen})
    assert again.status_code == 302
    assert Fund.objects.get(pk=world.fund.pk).amount == Decimal(2_500_000)


# ---------------------------------------------------------------------------------------------
# Who may edit: the right editors only; others get 403 (or the login page) and nothing is saved


def snapshot() -> tuple[Any, ...]:
    return (
        list(FocusArea.objects.values_list("name", "status", "description").order_by("pk")),
        list(Initiative.objects.values_list("name", "parent", "description").order_by("pk")),
        list(TrialAction.objects.values_list("name", "position", "description").order_by("pk")),
        list(FollowUpResearch.objects.values_list("title", "status").order_by("pk")),
        list(Fund.objects.values_list("name", "amount").order_by("pk")),
    )


def world_edits(world: ClusterWorld, research: FollowUpResearch) -> list[tuple[str, dict[str, Any]]]:
    """Every editing page about the world's records, with a valid POST."""
    trial_action = first_trial_action(world)
    return [
        (f"/fokusomraader/{world.focus_area.slug}/rediger/", focus_area_data(world, seen_version="")),
        (f"/indsatser/{world.initiative.slug}/rediger/", initiative_data(world, name="X", seen_version="")),
        (
            f"/fokusomraader/{world.focus_area.slug}/proevehandlinger/ny/",
            {"name": "Ny", "description": "", "initiative": ""},
        ),
        (f"/proevehandlinger/{trial_action.pk}/rediger/", {"name": "X", "description": "", "initiative": ""}),
        (
            f"/fokusomraader/{world.focus_area.slug}/foelgeforskning/ny/",
            {"title": "Ny", "status": "planned", "description": ""},
        ),
        (
            f"/indsatser/{world.initiative.slug}/foelgeforskning/ny/",
            {"title": "Ny", "status": "planned", "description": ""},
        ),
        (f"/foelgeforskning/{research.pk}/rediger/", {"title": "X", "status": "running", "description": ""}),
        (f"/puljer/{world.fund.pk}/rediger/", fund_data(world, name="X", seen_version="")),
    ]


def test_an_editor_of_another_party_is_refused_everywhere(
    world: ClusterWorld, research: FollowUpResearch
) -> None:
    outsider = editor_of(build_cluster("Anden").municipality)
    for path in (
        f"/fokusomraader/{world.focus_area.slug}/",
        f"/indsatser/{world.initiative.slug}/",
        f"/puljer/{world.fund.pk}/",
    ):
        assert "/rediger/" not in page(outsider.get(path)) and "/ny/" not in page(outsider.get(path))
    before = snapshot()

    for url, data in world_edits(world, research):
        assert outsider.get(url).status_code == 403, url
        response = outsider.post(url, data)
        assert response.status_code == 403, url
        assert "samarbejder, din part deltager i" in page(response)

    assert snapshot() == before


def test_members_are_refused_everywhere(world: ClusterWorld, research: FollowUpResearch) -> None:
    member = member_as(world.mayor)
    before = snapshot()

    for url, data in [
        *world_edits(world, research),
        ("/fokusomraader/ny/", {}),
        ("/indsatser/ny/", {}),
        ("/puljer/ny/", {}),
    ]:
        assert member.get(url).status_code == 403, url
        assert member.post(url, data).status_code == 403, url

    assert snapshot() == before
    assert "Opret" not in page(member.get("/puljer/"))


def test_anonymous_users_are_sent_to_the_login_page(world: ClusterWorld, research: FollowUpResearch) -> None:
    anonymous = Client()
    before = snapshot()

    for url, data in [
        *world_edits(world, research),
        ("/fokusomraader/ny/", focus_area_data(world, name="Anonym")),
        ("/indsatser/ny/", initiative_data(world, name="Anonym", collaboration=world.cluster.pk)),
        ("/puljer/ny/", {"body": world.political.pk, "year": "2025", "name": "Anonym", "amount": ""}),
    ]:
        for response in (anonymous.get(url), anonymous.post(url, data)):
            assert response.status_code == 302, url
            assert response["Location"].startswith("/log-ind/"), url

    assert snapshot() == before


def test_an_administrator_may_edit_every_collaborations_records(world: ClusterWorld) -> None:
    admin = administrator()
    other = build_cluster("Anden")
    assert admin.get(f"/fokusomraader/{other.focus_area.slug}/rediger/").status_code == 200
    assert admin.get(f"/puljer/{other.fund.pk}/rediger/").status_code == 200
    assert "Sundhedsklynge Anden" in page(admin.get("/fokusomraader/ny/"))


def test_getting_a_form_changes_nothing(
    world: ClusterWorld, editor: Client, research: FollowUpResearch
) -> None:
    before = snapshot()
    for url, _ in world_edits(world, research):
        assert editor.get(url).status_code == 200, url
    for url in ("/fokusomraader/ny/", "/indsatser/ny/", "/puljer/ny/"):
        assert editor.get(url).status_code == 200, url
    assert snapshot() == before


# ---------------------------------------------------------------------------------------------
# A fixed number of queries, however much data there is


def test_the_editing_and_fund_pages_make_a_fixed_number_of_queries(world: ClusterWorld) -> None:
    research = follow_up_research_create(
        title="Følgeforskning", status=FollowUpResearchStatus.PLANNED, focus_area=world.focus_area
    )
    clients = {"editor": editor_of(world.municipality), "admin": administrator(), "anonymous": Client()}
    form_urls = [url for url, _ in world_edits(world, research)] + [
        "/fokusomraader/ny/",
        "/indsatser/ny/",
        "/puljer/ny/",
    ]
    pages = {
        "editor": [
            *form_urls,
            "/puljer/",
            f"/puljer/{world.fund.pk}/",
            f"/fokusomraader/{world.focus_area.slug}/",
        ],
        "admin": [*form_urls, "/puljer/", f"/puljer/{world.fund.pk}/"],
        "anonymous": ["/puljer/", f"/puljer/{world.fund.pk}/"],
    }

    def count() -> dict[tuple[str, str], int]:
        return {(who, url): queries_for(clients[who], url) for who, urls in pages.items() for url in urls}

    before = count()
    for i in range(10):
        build_cluster(f"X{i}")
    for n in range(3):
        initiative_create(name=f"Delindsats {n}", collaboration=world.cluster, parent=world.initiative)
        trial_action_create(focus_area=world.focus_area, name=f"Prøvehandling {n}")
    after = count()

    assert after == before
    assert max(before.values()) <= 25, before
