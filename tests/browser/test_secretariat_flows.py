"""The secretariat's main flows, end to end in Chromium: log in, prepare a meeting, record a decision
with an allocation, see an over-allocation refused, and see the change history."""

import re

import pytest
from playwright.sync_api import Page, expect

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.meetings.models import AgendaItem, Meeting
from klynge.work.models import Allocation
from tests.browser.conftest import PASSWORD, log_in
from tests.factories import ClusterWorld, build_cluster

pytestmark = pytest.mark.django_db(transaction=True)


def test_log_in_and_prepare_a_meeting(page: Page, kk: ClusterWorld) -> None:
    log_in(page)
    page.get_by_role("navigation").first.get_by_role("link", name="Møder").click()
    page.get_by_role("link", name="Nyt møde").click()
    page.get_by_label("Organ").select_option(label=f"{kk.cluster.name} – {kk.political.name}")
    page.get_by_label("Dato", exact=True).fill("2026-12-10")
    page.get_by_label("Starttidspunkt").fill("14:00")
    page.get_by_label("Titel").fill("Klyngemøde december")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klyngemøde december")
    meeting = Meeting.objects.get(title="Klyngemøde december")

    for title, public in (("Velkomst", True), ("Økonomi for klyngemidlerne", False)):
        page.get_by_role("link", name="Tilføj punkt").click()
        page.get_by_label("Overskrift").fill(title)
        page.get_by_label("Type").select_option(label="Orientering")
        if not public:
            page.get_by_label("Åbent punkt").uncheck()
        page.get_by_role("button", name="Gem").click()
        expect(page.get_by_role("heading", name=re.compile(title))).to_be_visible()
    expect(page.locator("section.agenda-item").nth(1)).to_contain_text("Lukket punkt")

    # Reorder without reloading the page (HTMX swaps the agenda in place).
    page.evaluate("window.klyngeMarker = 'samme side'")
    page.get_by_role("button", name="Flyt punkt 2 op").click()
    expect(page.locator("section.agenda-item h3").first).to_have_text("1. Økonomi for klyngemidlerne")
    assert page.evaluate("window.klyngeMarker") == "samme side"
    assert list(
        AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("title", flat=True)
    ) == ["Økonomi for klyngemidlerne", "Velkomst"]

    # The public does not see the closed item.
    anonymous = page.context.browser.new_page(base_url=page.url.split("/moeder/")[0])  # type: ignore[union-attr]
    anonymous.goto(f"/moeder/{meeting.pk}/")
    expect(anonymous.locator("body")).not_to_contain_text("Økonomi for klyngemidlerne")
    anonymous.close()


def test_record_a_decision_with_an_allocation_and_see_an_over_allocation_refused(
    page: Page, kk: ClusterWorld
) -> None:
    log_in(page)
    page.goto(f"/moeder/{kk.meeting.pk}/")
    page.get_by_role("link", name="Registrér beslutning").click()

    def fill_decision(text: str, amount: str) -> None:
        page.get_by_label("Fælles beslutning").check()
        page.get_by_label("Beslutning", exact=True).fill(text)
        page.get_by_label("Emne").select_option(label="Forebyggelse")
        page.get_by_label("Bevilling fra pulje").select_option(label=kk.fund.name)
        page.get_by_label("Beløb").fill(amount)
        # The initiative is picked by search, as many as a collaboration has (klynge.site.pickers).
        page.get_by_label("Søg efter indsats").fill(kk.initiative.name[:8])
        page.locator(f'[data-pick="{kk.initiative.pk}"]').click()
        page.get_by_role("button", name="Gem").click()

    fill_decision("Klyngen afsætter 1,5 mio. kr. til indsatsen.", "1,5 mio.")
    amount_group = page.locator(".form-group", has=page.get_by_label("Beløb"))
    expect(amount_group).to_contain_text("Beløbet overstiger puljens restbeløb på 1.000.000 kr.")
    expect(page.get_by_label("Beløb")).to_have_value("1,5 mio.")  # nothing the editor wrote is lost
    assert not Allocation.objects.filter(decision__text__startswith="Klyngen afsætter 1,5").exists()

    page.get_by_label("Beløb").fill("750.000")
    page.get_by_label("Beslutning", exact=True).fill("Klyngen afsætter 750.000 kr. til indsatsen.")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(f"#{kk.agenda_item.anchor}")).to_contain_text(
        f"750.000 kr. fra {kk.fund.name} til {kk.initiative.name}"
    )
    expect(page.locator(".alert-success")).to_contain_text("Beslutningen er registreret.")


def test_see_the_history_of_a_change(page: Page, kk: ClusterWorld) -> None:
    log_in(page)
    page.goto(f"/moeder/{kk.meeting.pk}/")
    page.get_by_role("link", name="Redigér mødet").click()
    page.get_by_label("Sted").fill("Rådhuset, Udvalgsværelse 1")
    page.get_by_role("button", name="Gem").click()
    history = page.locator(".klynge-history")
    expect(history).to_contain_text("sekretariat@kk.test")
    expect(history).to_contain_text("Rådhuset, Udvalgsværelse 1")


def test_an_editor_of_another_party_cannot_change_byens_records(page: Page, kk: ClusterWorld) -> None:
    other = build_cluster("Sjælland")
    account_create(email="anden@test.dk", password=PASSWORD, role=Role.EDITOR, party=other.municipality)
    log_in(page, "anden@test.dk")
    page.goto(f"/moeder/{kk.meeting.pk}/")
    expect(page.get_by_role("link", name="Redigér mødet")).to_have_count(0)
    response = page.goto(f"/moeder/{kk.meeting.pk}/rediger/")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("Ingen adgang")
