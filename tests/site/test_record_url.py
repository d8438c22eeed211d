"""{% record_url %} (the meeting page's links to its items, decisions and attachments) gives exactly what
{% url %} gives, for ids and slugs, and refuses what {% url %} refuses."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse


def render(source: str, **context: object) -> str:
    return Template("{% load klynge_urls %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("viewname", "arg"),
    [
        ("meetings:agenda_item_edit", 1),
        ("meetings:agenda_item_edit", 987_654_321),
        ("attachments:download", 42),
        ("provenance:source_detail", "region-nord_2024"),
        ("provenance:source_detail", "7"),
    ],
)
def test_the_same_url_as_reverse(viewname: str, arg: object) -> None:
    expected = reverse(viewname, args=[arg])
    assert render("{% record_url name arg %}", name=viewname, arg=arg) == expected
    assert render("{% record_url name arg as u %}[{{ u }}]", name=viewname, arg=arg) == f"[{expected}]"
    assert render("{% url name arg %}", name=viewname, arg=arg) == expected


def test_what_reverse_refuses_is_refused() -> None:
    for viewname, arg in [
        ("meetings:agenda_item_edit", "a-slug"),
        ("meetings:agenda_item_edit", -1),
        ("provenance:source_detail", "æ ø"),
    ]:
        with pytest.raises(NoReverseMatch):
            reverse(viewname, args=[arg])
        with pytest.raises(NoReverseMatch):
            render("{% record_url name arg %}", name=viewname, arg=arg)
