"""The interactive API docs at /api/v1/docs work offline: Swagger UI comes from our own static files."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client

# Any absolute or protocol-relative address in a page.
ADDRESS = re.compile(r"""(?:https?:)?//[^\s"'<>()]+""")
# What a stylesheet makes the browser fetch: url(...) and @import.
STYLESHEET_FETCHES = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


class _References(HTMLParser):
    """The addresses a page makes the browser fetch (scripts, stylesheets, icons, images)."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.swagger_settings = ""
        self._in_settings = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.fetched.append(found["src"] or "")
        if tag == "link" and found.get("href"):
            self.fetched.append(found["href"] or "")
        if tag in ("img", "iframe") and found.get("src"):
            self.fetched.append(found["src"] or "")
        self._in_settings = tag == "script" and found.get("id") == "swagger-settings"

    def handle_data(self, data: str) -> None:
        if self._in_settings:
            self.swagger_settings += data

    def handle_endtag(self, tag: str) -> None:
        self._in_settings = False


def test_the_docs_page_fetches_nothing_from_another_host_and_its_files_are_served(db: None) -> None:
    # (An anonymous request reads the anonymous response cache's data version: the database is needed.)
    client = Client()
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert ADDRESS.findall(html) == []

    page = _References()
    page.feed(html)
    assert any(src.endswith("swagger-ui-bundle.js") for src in page.fetched), page.fetched
    assert any(href.endswith("swagger-ui.css") for href in page.fetched), page.fetched
    for address in page.fetched:
        assert urlsplit(address).netloc == "" and address.startswith("/"), address
        file = client.get(address)
        assert file.status_code == 200, address
        if address.endswith(".css"):
            content = b"".join(file.streaming_content).decode()  # type: ignore[attr-defined]
            for fetched in STYLESHEET_FETCHES.findall(content):
                target = "".join(fetched)
                assert target.startswith("data:") or not urlsplit(target).netloc, (address, target)

    settings = json.loads(page.swagger_settings)
    assert settings["url"] == "/api/v1/openapi.json"
    assert settings["validatorUrl"] is None  # Swagger UI would otherwise ask validator.swagger.io
    assert client.get(settings["url"]).status_code == 200
