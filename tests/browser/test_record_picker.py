"""Picking a record by search (klynge.site.pickers), in Chromium: the focus area's agenda item is found by
typing, chosen with the keyboard (arrow down, Enter), its number filled in and saved."""

import pytest
from playwright.sync_api import Page, expect

from klynge.work.models import FocusArea
from tests.browser.conftest import log_in
from tests.factories import ClusterWorld

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_agenda_item_is_picked_by_typing_and_the_keyboard(page: Page, kk: ClusterWorld) -> None:
    log_in(page)
    page.goto(f"/fokusomraader/{kk.focus_area.slug}/rediger/")
    page.get_by_label("Drøftet/valgt på").fill("")
    search = page.get_by_label("Søg efter dagsordenspunkt")
    search.fill(kk.agenda_item.title[:8])
    match = page.locator(f'[data-pick="{kk.agenda_item.pk}"]')
    expect(match).to_be_visible()
    search.press("ArrowDown")
    expect(match).to_be_focused()
    match.press("Enter")
    expect(page.get_by_label("Drøftet/valgt på")).to_have_value(str(kk.agenda_item.pk))
    expect(page.locator("[data-picker-chosen]").first).to_contain_text(kk.agenda_item.title)
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(lambda url: "/rediger/" not in url)
    assert FocusArea.objects.get(pk=kk.focus_area.pk).decided_at_id == kk.agenda_item.pk
