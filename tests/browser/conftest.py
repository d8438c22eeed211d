"""Browser tests: Playwright driving Debian's Chromium (`apt-get install chromium`) against a live server.

Without Chromium they are skipped with a message; `.ci/run` installs it, so CI always runs them.
Set KLYNGE_CHROMIUM to use a Chromium elsewhere than on the PATH.
"""

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from tests.factories import ClusterWorld, build_cluster

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-extensions",
    "--no-first-run",
]


def chromium_path() -> str | None:
    configured = os.environ.get("KLYNGE_CHROMIUM")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium not found: install it with `apt-get install chromium` to run the browser tests")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    # Playwright's synchronous API runs an event loop in the test thread, where the test still talks to
    # the database synchronously; Django refuses that unless told otherwise. Only while the browser runs.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with playwright_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
            yield browser
            browser.close()


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:
    context = browser.new_context(locale="da-DK", base_url=live_server.url)  # type: ignore[attr-defined]
    context.set_default_timeout(10_000)
    # Assertions wait as long as actions do: on a busy CI machine the first page that draws the whole
    # OpenAPI schema (the API docs) can take longer than Playwright's default of 5 s.
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)
    page = context.new_page()
    yield page
    context.close()


# The secretariat editor of "Byen" whom the flow tests log in as.
PASSWORD = "et-langt-kodeord-til-test"


@pytest.fixture
def kk() -> ClusterWorld:
    world = build_cluster("Byen")
    account_create(email="sekretariat@kk.test", password=PASSWORD, role=Role.EDITOR, party=world.municipality)
    return world


def log_in(page: Page, email: str = "sekretariat@kk.test") -> None:
    page.goto("/")
    page.get_by_role("link", name="Log ind").click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.locator(".username")).to_have_text(email)
