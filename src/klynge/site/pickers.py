"""Picking one record among many in a form: a search-as-you-type picker instead of a <select> whose
options grow with the data (every agenda item a user may see, every initiative of the collaborations).

One field (`RecordPickerField`), one widget (`RecordPicker`) and one endpoint (`picker_page`, at
/vaelg/<name>/) serve every such field; each kind of record is a `Picker`, registered by the face that
uses it, which says what the user may pick (the same selectors the form's field is validated against),
how a text narrows it and how a record is labelled.

The form submits the record's number (its id), in a plain text field that works without JavaScript: the
endpoint is also an ordinary page, which lists the matches with their numbers. With JavaScript (HTMX and
klynge.js) a search field below it shows the matches as the user types, and choosing one fills the number
in. The field validates as a ModelChoiceField always has (the number must be among its choices, else its
Danish "invalid_choice" error), and shows the current choice's label from its own choices, so a record
the user may not see is labelled as the field says (`label_from_instance`), never by its title."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

MATCHES = 20  # shown at most, on the page and as the user types
QUERY_MAX = 200  # characters of the search text considered


@dataclass(frozen=True)
class Picker:
    """A kind of record picked with the search picker.

    `choices(request)` is what the user may pick (raising PermissionDenied or Http404 as the form's view
    would); `search_fields` are matched against what the user typed; `label(record)` names a match. `noun`, `definite` and `plural` name the record in Danish
    ("dagsordenspunkt", "dagsordenspunktet", "dagsordenspunkter")."""

    name: str
    noun: str
    definite: str
    plural: str
    choices: Callable[[HttpRequest], QuerySet[Any]]
    search_fields: tuple[str, ...]
    label: Callable[[Any], str]

    def search(self, choices: QuerySet[Any], text: str) -> QuerySet[Any]:
        """The choices whose search fields hold every word of the text (in any of them), or whose number
        it is."""
        number = number_of(text)
        if number is not None:
            return choices.filter(pk=number)
        for word in text.split()[:10]:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            choices = choices.filter(condition)
        return choices


PICKERS: dict[str, Picker] = {}


def register(picker: Picker) -> Picker:
    assert PICKERS.get(picker.name, picker) == picker, f"Two pickers are called {picker.name}"
    PICKERS[picker.name] = picker
    return picker


def number_of(text: str) -> int | None:
    """The record number in a search text ("123", "nr. 123"), if it is one."""
    digits = text.strip().lower().removeprefix("nr.").strip()
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


class RecordPicker(forms.TextInput):
    """The record's number, the current choice's label, and the search (see the module's doc)."""

    template_name = "web/widgets/record_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "form-input input-width-s", "inputmode": "numeric", **(attrs or {})})
        self.picker: Picker | None = None
        self.empty_label = ""
        self.query: dict[str, Any] = {}
        self.current: Callable[[Any], str | None] = lambda value: None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        assert self.picker is not None
        url = reverse("web:picker", args=[self.picker.name])
        if self.query:
            url += "?" + urlencode(self.query)
        has_value = value not in (None, "")
        widget_id = context["widget"]["attrs"].get("id", name)
        context["widget"]["attrs"]["aria-describedby"] = f"{widget_id}-valgt {widget_id}-nummer"
        context["picker"] = {
            "noun": self.picker.noun,
            "definite": self.picker.definite,
            "empty": "" if self.is_required else self.empty_label.lower(),
            "url": url,
            "chosen": self.current(value)
            if has_value
            else ("Ingen endnu" if self.is_required else self.empty_label),
        }
        return context


class RecordPickerField(forms.ModelChoiceField):
    """A ModelChoiceField shown as a `RecordPicker`: its queryset (set by the form, as for any model
    choice) validates the number submitted; only the current choice is read to render the field."""

    widget = RecordPicker

    def __init__(self, *, picker: Picker, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.picker = picker
        self._link_widget()

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)
        result._link_widget()
        return result

    def _link_widget(self) -> None:
        widget = self.widget
        assert isinstance(widget, RecordPicker)
        widget.picker = self.picker
        widget.empty_label = self.empty_label or ""
        widget.current = self.current_label

    def search_query(self, **parameters: Any) -> None:
        """What the endpoint needs to offer the same choices as this form (the record being edited)."""
        assert isinstance(self.widget, RecordPicker)
        self.widget.query = parameters

    def label_from_instance(self, obj: Any) -> str:
        return self.picker.label(obj)

    def current_label(self, value: Any) -> str:
        """The label of the chosen record, found among the field's choices (one query)."""
        if isinstance(value, Model):
            value = value.pk
        try:
            record = self.queryset.filter(pk=int(value)).first()  # type: ignore[union-attr]
        except (TypeError, ValueError):
            record = None
        if record is None:
            return f"Nr. {value} er ikke blandt valgene."
        return self.label_from_instance(record)


def search_within(form: forms.Form, name: str, **parameters: Any) -> None:
    """Tell the form's picker `name` what its search needs to offer the form's choices (the record edited)."""
    field = form.fields[name]
    assert isinstance(field, RecordPickerField)
    field.search_query(**parameters)


@require_GET
@login_required
def picker_page(request: HttpRequest, name: str) -> HttpResponse:
    """The records the user may pick that match the text `q`, at most MATCHES: a page of its own (the
    picker without JavaScript), or only the list when HTMX asks for it as the user types."""
    picker = PICKERS.get(name)
    if picker is None:
        raise Http404("Siden findes ikke.")
    text = request.GET.get("q", "")[:QUERY_MAX].strip()
    choices = picker.choices(request)
    # The matches' ids first, then their records: sorting narrow rows is what a search over many costs
    # (70,000 agenda items for an administrator: 100 ms in the database instead of 250).
    ids = list(picker.search(choices, text).values_list("pk", flat=True)[: MATCHES + 1])
    records = choices.in_bulk(ids[:MATCHES])
    context = {
        "picker": picker,
        "text": text,
        "matches": [(pk, picker.label(records[pk])) for pk in ids[:MATCHES]],
        "more": len(ids) > MATCHES,
        "limit": MATCHES,
        "query": {key: value for key, value in request.GET.items() if key != "q"},
    }
    if request.headers.get("HX-Request"):
        return render(request, "web/includes/picker_matches.html", {**context, "pickable": True})
    return render(request, "web/picker.html", context)
