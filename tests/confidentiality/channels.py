"""What the confidentiality tests read through: a viewer's API client, what a response says in any
format, and which secrets a viewer finds in which channel."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.test import Client

from klynge.api.services import token_create
from tests.clients import content_of
from tests.memos.extract import docx_text, pdf_text


def api_token_client(client: Client) -> Client:
    """The same account, calling the API with a personal token."""
    token = token_create(user=get_user_model().objects.get(pk=client.session["_auth_user_id"]))[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def readable_text(response: object) -> str:
    """What a reader gets out of a response, whatever its format (Word and PDF as text)."""
    content = content_of(response)
    kind = response["Content-Type"]  # type: ignore[index]
    if "wordprocessingml" in kind:
        return docx_text(content)
    if "pdf" in kind:
        return pdf_text(content)
    if "spreadsheetml" in kind:
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(content))
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode("utf-8", errors="replace")


def leaks(client: Client, urls: Iterable[str], secrets: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Each URL that answers the client 200 with one of the secrets in it, with those it shows; no URL
    may fail (5xx)."""
    wanted = tuple(secrets)
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code != 200:
            continue
        text = readable_text(response)
        shown = [secret for secret in wanted if secret in text]
        if shown:
            found.append((url, shown))
    return found
