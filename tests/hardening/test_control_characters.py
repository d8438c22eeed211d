"""Control characters (U+0000–U+001F other than tab, line feed and carriage return) in any text: the pages
refuse them next to the field in Danish, keeping what was written; the API refuses them with a 422 in
English; nothing is saved. Text stored before that cannot break the Excel export or the Word memo."""

import importlib
import io
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import docx
import openpyxl
import pytest
from django import forms
from django.test import Client

import klynge
from klynge.bodies.models import Membership
from klynge.meetings.models import AgendaItem
from klynge.memos.models import Memo, MemoKind
from klynge.memos.services import memo_draft
from klynge.organisation.models import Committee
from klynge.search.models import Kind
from klynge.site.forms import DanishForm
from klynge.work.models import Fund, Initiative
from tests.factories import ClusterWorld
from tests.hardening.conftest import API, field_section, refusal, send

DANISH = "usynligt styretegn"
ENGLISH = "must not contain control characters"
# NUL, a vertical tab, an escape and the unit separator: each invisible, each refused.
CONTROL = ["Før\x00efter", "Før\x0befter", "Før\x1befter", "Før\x1fefter"]


@dataclass(frozen=True)
class PageCase:
    url: Callable[[ClusterWorld], str]
    data: Callable[[ClusterWorld], dict[str, Any]]
    field: str
    kept: str  # a pattern: what the page shows of the rest of what was written
    count: Callable[[], int]


PAGES = {
    "agenda item": PageCase(
        url=lambda w: f"/moeder/{w.meeting.pk}/punkter/ny/",
        data=lambda w: {"title": "Punkt", "kind": "orientation", "summary": "Mit resumé", "is_public": "on"},
        field="title",
        kept="Mit resumé</textarea>",
        count=AgendaItem.objects.count,
    ),
    "fund": PageCase(
        url=lambda w: "/puljer/ny/",
        data=lambda w: {
            "body": w.political.pk,
            "year": 2025,
            "name": "Min pulje",
            "amount": "100.000",
            "description": "",
        },
        field="description",
        kept='value="Min pulje"',
        count=Fund.objects.count,
    ),
    "memo": PageCase(
        url=lambda w: "/notater/nyt/",
        data=lambda w: {
            "committee": Committee.objects.get(party=w.municipality).pk,
            "kind": "orientation",
            "case_handler": "",
        },
        field="case_handler",
        kept=r'value="orientation"[^>]*checked',
        count=Memo.objects.count,
    ),
    "membership": PageCase(
        url=lambda w: f"/organer/{w.political.slug}/medlemmer/ny/",
        data=lambda w: {
            "person": w.mayor.pk,
            "party": w.municipality.pk,
            "role": "member",
            "title": "",
            "start": "2024-01-01",
        },
        field="title",
        kept='value="2024-01-01"',
        count=Membership.objects.count,
    ),
}


@pytest.mark.parametrize("text", CONTROL)
@pytest.mark.parametrize("case", PAGES.values(), ids=PAGES.keys())
def test_a_page_refuses_them_next_to_the_field(
    world: ClusterWorld, admin: Client, case: PageCase, text: str
) -> None:
    before = case.count()
    data = {**case.data(world), case.field: text}
    response = admin.post(case.url(world), data)
    page = response.content.decode()
    assert response.status_code == 422  # the form again, with 422: nothing was saved
    assert DANISH in field_section(page, case.field)
    assert re.search(case.kept, page)  # what was written is kept
    assert case.count() == before


def test_the_same_page_saves_the_text_without_them(world: ClusterWorld, admin: Client) -> None:
    """Tab and line breaks are text, not control characters to refuse."""
    case = PAGES["agenda item"]
    data = {**case.data(world), "summary": "Linje 1\r\n\tLinje 2"}
    assert admin.post(case.url(world), data).status_code == 302
    assert AgendaItem.objects.get(title="Punkt").summary == "Linje 1\r\n\tLinje 2"


@pytest.mark.parametrize("text", [*CONTROL, "Før\ud800efter"])
def test_the_api_refuses_them_in_english(world: ClusterWorld, api: Client, text: str) -> None:
    items = AgendaItem.objects.count()
    response = send(
        api, "post", f"/meetings/{world.meeting.pk}/agenda-items", {"title": text, "kind": "orientation"}
    )
    body = refusal(response)
    assert response.status_code == 422 and body["code"] == "invalid"
    assert ENGLISH in body["errors"]["title"][0]
    assert AgendaItem.objects.count() == items


def test_the_api_looks_inside_lists_and_mappings(world: ClusterWorld, api: Client) -> None:
    committee = Committee.objects.get(party=world.municipality)
    memos = Memo.objects.count()
    for case_numbers in ({"edoc": "12\x07-34"}, {"ed\x01oc": "12-34"}):
        body = {"committee": committee.pk, "kind": "orientation", "case_numbers": case_numbers}
        assert ENGLISH in refusal(send(api, "post", "/memos", body))["errors"]["case_numbers"][0]
    assert Memo.objects.count() == memos


def test_the_api_refuses_them_in_a_change(world: ClusterWorld, api: Client) -> None:
    name = world.initiative.name
    response = send(api, "patch", f"/initiatives/{world.initiative.pk}", {"description": "a\x1bb"})
    assert ENGLISH in refusal(response)["errors"]["description"][0]
    assert Initiative.objects.get(pk=world.initiative.pk).name == name


def test_the_api_refuses_them_in_a_query(world: ClusterWorld, api: Client) -> None:
    response = api.get(f"{API}/search", {"q": "forebyg\x00gelse"})
    assert ENGLISH in refusal(response)["errors"]["q"][0]


def test_the_search_page_answers(world: ClusterWorld, admin: Client) -> None:
    assert admin.get("/soeg/", {"q": "forebyg\x00gelse", "type": Kind.INITIATIVE}).status_code < 500


def test_stored_text_cannot_break_the_excel_export(world: ClusterWorld, api: Client) -> None:
    Initiative.objects.filter(pk=world.initiative.pk).update(name="Ind\x01sats\x1f Test")
    response = api.get(f"{API}/exports/initiatives.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert "Indsats Test" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_stored_text_cannot_break_the_word_memo(world: ClusterWorld, admin: Client) -> None:
    memo = memo_draft(committee=Committee.objects.get(party=world.municipality), kind=MemoKind.ORIENTATION)
    Memo.objects.filter(pk=memo.pk).update(
        title="Ti\x01tel", body="Af\x02snit\x0b her\n\n## Over\x1fskrift", case_handler="A\x08B"
    )
    response = admin.get(f"/notater/{memo.pk}/hent/docx/")
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Titel" in text and "Afsnit her" in text and "Overskrift" in text


def _forms_in_the_app() -> list[type[forms.Form]]:
    for module in pkgutil.walk_packages(klynge.__path__, "klynge."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found, todo = [], list(forms.Form.__subclasses__())
    while todo:
        form = todo.pop()
        todo.extend(form.__subclasses__())
        if form.__module__.startswith("klynge.") and form is not DanishForm:
            found.append(form)
    return found


def test_every_form_in_the_app_guards_its_text() -> None:
    """A new form that forgets the base class would take control characters (and any date) again."""
    found = _forms_in_the_app()
    assert len(found) > 20
    assert [f.__qualname__ for f in found if not issubclass(f, DanishForm)] == []
