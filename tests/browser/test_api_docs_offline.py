"""The interactive API docs work without the internet: in Chromium, with every other host unreachable,
Swagger UI draws the Klynge API's operations from /api/v1/openapi.json."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.browser
def test_swagger_ui_draws_the_api_with_no_other_host_reachable(page: Page) -> None:
    page.goto("/")  # the live server's address
    own_host = urlsplit(page.url).netloc
    elsewhere: list[str] = []

    def only_this_server(route: Route) -> None:
        address = urlsplit(route.request.url)
        if address.scheme in ("data", "blob") or address.netloc == own_host:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Klynge API")
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible()
    assert page.locator(".swagger-ui .opblock").count() > 50
    assert elsewhere == []
