"""Flagging an item "til orientering" for a committee on the meeting page, in Chromium: the block under
the item is swapped in place (HTMX), a refusal shows next to its field, and the memo screen lists it."""

import pytest
from playwright.sync_api import Page, expect

from klynge.memos.models import CommitteeReferral
from klynge.organisation.models import Committee
from tests.browser.conftest import log_in
from tests.factories import ClusterWorld

pytestmark = pytest.mark.django_db(transaction=True)


def test_flag_an_item_for_a_committee_without_reloading(page: Page, kk: ClusterWorld) -> None:
    committee = Committee.objects.get(party=kk.municipality)
    log_in(page)
    page.goto(f"/moeder/{kk.meeting.pk}/")
    page.evaluate("window.klyngeMarker = 'samme side'")
    block = page.locator(f"#orientering-{kk.agenda_item.pk}")
    block.get_by_text("Til orientering for et udvalg").click()

    # Without a committee: refused next to the field, in place.
    block.get_by_role("button", name="Sæt til orientering").click()
    expect(block).to_contain_text("Vælg det udvalg, der skal orienteres.")

    block = page.locator(f"#orientering-{kk.agenda_item.pk}")
    block.get_by_label("Til orientering for").select_option(label=committee.name)
    block.get_by_label("Bemærkning").fill("Udvalget bør kende beslutningen.")
    block.get_by_role("button", name="Sæt til orientering").click()
    expect(page.locator(f"#orientering-{kk.agenda_item.pk}")).to_contain_text("Venter på næste notat")
    assert page.evaluate("window.klyngeMarker") == "samme side"
    assert CommitteeReferral.objects.get().note == "Udvalget bør kende beslutningen."

    page.goto("/notater/")
    expect(page.locator("main")).to_contain_text(kk.agenda_item.title)
