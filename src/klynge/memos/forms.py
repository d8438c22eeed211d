"""Danish forms for drafting and editing memos; the services do the validation that matters."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from klynge.memos.models import CaseNumberKind, MemoKind
from klynge.memos.selectors import case_number_kinds
from klynge.organisation.models import Committee
from klynge.site.forms import DanishForm

# Form fields for case numbers are named by this prefix and the kind's code, e.g. casenumber_edoc.
CASE_NUMBER_PREFIX = "casenumber_"
DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")


def _case_number_fields(form: forms.Form, kinds: list[CaseNumberKind], initial: dict[str, str]) -> None:
    for kind in kinds:
        form.fields[f"{CASE_NUMBER_PREFIX}{kind.code}"] = forms.CharField(
            label=kind.label,
            required=False,
            max_length=100,
            initial=initial.get(kind.code, ""),
            widget=forms.TextInput(attrs={"class": "form-input"}),
        )


def case_numbers_from(form: forms.Form) -> dict[str, str]:
    return {
        name.removeprefix(CASE_NUMBER_PREFIX): value
        for name, value in form.cleaned_data.items()
        if name.startswith(CASE_NUMBER_PREFIX) and value
    }


class MemoDraftForm(DanishForm):
    committee = forms.ModelChoiceField(
        label="Udvalg",
        queryset=Committee.objects.none(),
        empty_label="Vælg udvalg",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": "Vælg det udvalg, notatet er til.",
            "invalid_choice": "Vælg et udvalg fra listen.",
        },
    )
    kind = forms.ChoiceField(
        label="Type",
        choices=MemoKind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio-input"}),
        initial=MemoKind.STATUS,
    )
    meeting_date = forms.DateField(
        label="Udvalgets mødedato",
        required=False,
        widget=DATE_INPUT,
        help_text="Skal udfyldes for statusnotater.",
    )
    memo_date = forms.DateField(
        label="Notatets dato", required=False, widget=DATE_INPUT, help_text="Tom: i dag."
    )
    period_start = forms.DateField(
        label="Periode fra",
        required=False,
        widget=DATE_INPUT,
        help_text="Tom: fra udvalgets forrige statusnotat (eller 8 uger tilbage).",
    )
    period_end = forms.DateField(
        label="Periode til", required=False, widget=DATE_INPUT, help_text="Tom: notatets dato."
    )
    case_handler = forms.CharField(
        label="Sagsbehandler",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )

    def __init__(self, *args: Any, committees: QuerySet[Committee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        committee_field = self.fields["committee"]
        assert isinstance(committee_field, forms.ModelChoiceField)
        committee_field.queryset = committees
        _case_number_fields(self, case_number_kinds(), {})


class MemoEditForm(DanishForm):
    title = forms.CharField(
        label="Titel", max_length=300, widget=forms.TextInput(attrs={"class": "form-input"})
    )
    memo_date = forms.DateField(label="Notatets dato", required=False, widget=DATE_INPUT)
    case_handler = forms.CharField(
        label="Sagsbehandler",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label="Tekst",
        widget=forms.Textarea(attrs={"class": "form-input memo-editor", "rows": 30}),
        help_text="Afsnit adskilles af en tom linje. »## « foran en linje giver en overskrift, »- « et punkt "
        "i en liste, og *stjerner* om ord giver kursiv.",
    )

    def __init__(self, *args: Any, case_numbers: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _case_number_fields(self, case_number_kinds(), case_numbers or {})
