"""The plan's note is written directly, exactly as Django's own textarea template writes it."""

import pytest
from django import forms

from klynge.site.reform.forms import NoteTextarea


@pytest.mark.parametrize(
    "value",
    [None, "", "Videreføres ikke: afsluttet 2024.", "<b>&\"'</b>", "\nlinje\r\nto  ", 0, "æøå 😀"],
)
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_fa-1-note"},
        {"id": 'x"<', "aria-invalid": "true", "required": True, "disabled": False},
    ],
)
def test_a_note_is_written_as_djangos_textarea_writes_it(
    value: object, attrs: dict[str, object] | None
) -> None:
    for widget_attrs in ({"rows": 2}, {"rows": 2, "maxlength": "2000"}):
        expected = forms.Textarea(attrs=widget_attrs).render("fa-1-note", value, attrs)
        assert NoteTextarea(attrs=widget_attrs).render("fa-1-note", value, attrs) == expected
