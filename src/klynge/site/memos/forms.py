"""Danish forms for drafting and editing memos: each checks what was typed and builds its command
(`klynge.memos.commands`), which does the validation that matters."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, Decision
from klynge.memos.commands import (
    REFERRAL_COMMITTEE_NOT_ALLOWED,
    REFERRAL_DECISION_NOT_ALLOWED,
    MemoChange,
    MemoDraft,
    MemoTemplateSet,
    ReferralCreate,
)
from klynge.memos.models import CaseNumberKind, Memo, MemoKind
from klynge.memos.selectors import case_number_kinds
from klynge.organisation.models import Committee, Party
from klynge.site.forms import DanishForm
from klynge.site.fragments import display, truncate_chars

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
    """Every case number field's value by its kind's code (an empty one removes that kind's number)."""
    return {
        name.removeprefix(CASE_NUMBER_PREFIX): value
        for name, value in form.cleaned_data.items()
        if name.startswith(CASE_NUMBER_PREFIX)
    }


def memo_initial(memo: Memo) -> dict[str, Any]:
    """A draft's current values as its edit form takes them (the starting point of a change)."""
    return {
        "title": memo.title,
        "memo_date": memo.memo_date,
        "case_handler": memo.case_handler,
        "body": memo.body,
        "seen_version": record_version(memo),
        **{f"{CASE_NUMBER_PREFIX}{c.kind.code}": c.number for c in memo.case_numbers.all()},
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

    def command(self) -> MemoDraft:
        data = self.cleaned_data
        return MemoDraft(
            committee_id=data["committee"].pk,
            kind=MemoKind(data["kind"]),
            meeting_date=data["meeting_date"],
            memo_date=data["memo_date"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            case_handler=data["case_handler"],
            case_numbers=case_numbers_from(self),
        )


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

    def command(self, memo: Memo) -> MemoChange:
        """The change the page sends: every field, case numbers included."""
        data = self.cleaned_data
        return MemoChange(
            memo_id=memo.pk,
            seen_version=data["seen_version"],
            title=data["title"],
            body=data["body"],
            memo_date=data["memo_date"],
            case_handler=data["case_handler"],
            case_numbers=case_numbers_from(self),
        )


def referral_decision_choices(decisions: list[Decision]) -> list[tuple[object, str]]:
    return [
        ("", "Hele punktet"),
        *((d.pk, f"{display(d, 'kind')}: {truncate_chars(d.text, 60)}") for d in decisions),
    ]


class ReferralForm(DanishForm):
    """Mark an agenda item (or one decision on it) "til orientering" for a committee."""

    committee = forms.ModelChoiceField(
        label="Til orientering for",
        queryset=Committee.objects.none(),
        empty_label="Vælg udvalg",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": "Vælg det udvalg, der skal orienteres.",
            "invalid_choice": REFERRAL_COMMITTEE_NOT_ALLOWED,
        },
    )
    decision = forms.ModelChoiceField(
        label="Beslutning",
        queryset=Decision.objects.none(),
        required=False,
        empty_label="Hele punktet",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": REFERRAL_DECISION_NOT_ALLOWED},
    )
    note = forms.CharField(
        label="Bemærkning",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}),
        help_text="Kommer med i notatet under punktet.",
    )

    def __init__(
        self,
        *args: Any,
        item: AgendaItem,
        committees: QuerySet[Committee] | list[Committee],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"orientering-{item.pk}")
        super().__init__(*args, **kwargs)
        self.item = item
        committee_field = self.fields["committee"]
        assert isinstance(committee_field, forms.ModelChoiceField)
        committee_field.queryset = (
            committees
            if isinstance(committees, QuerySet)
            else Committee.objects.filter(pk__in=[c.pk for c in committees])
        )
        if isinstance(committees, list):
            committee_field.choices = [("", "Vælg udvalg"), *((c.pk, c.name) for c in committees)]
        listed = getattr(item, "decision_list", None)  # as the meeting page reads its agenda
        decisions = list(item.decisions.all()) if listed is None else listed
        decision_field = self.fields["decision"]
        assert isinstance(decision_field, forms.ModelChoiceField)
        if decisions:
            decision_field.queryset = item.decisions.all()
            decision_field.choices = referral_decision_choices(decisions)
        else:
            del self.fields["decision"]

    def command(self) -> ReferralCreate:
        data = self.cleaned_data
        decision = data.get("decision")
        return ReferralCreate(
            agenda_item_id=self.item.pk,
            committee_id=data["committee"].pk,
            decision_id=decision.pk if decision is not None else None,
            note=data["note"],
        )


class MemoTemplateForm(DanishForm):
    """A party's Word template and logo for its memos."""

    template = forms.FileField(
        label="Word-skabelon (.docx)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-file-input", "accept": ".docx"}),
        help_text="Tag udgangspunkt i standardskabelonen, og behold dens felter i {{ }}.",
    )
    clear_template = forms.BooleanField(label="Brug standardskabelonen igen", required=False)
    logo = forms.FileField(
        label="Logo (PNG eller JPEG)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-file-input", "accept": "image/png,image/jpeg"}),
        help_text="Vises i notatets sidehoved, højst 2 MB.",
    )
    clear_logo = forms.BooleanField(label="Fjern logoet", required=False)

    def clean_template(self) -> Any:
        upload = self.cleaned_data.get("template")
        if upload and not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError("Skabelonen skal være en Word-fil (.docx).")
        return upload

    def command(self, party: Party) -> MemoTemplateSet:
        data = self.cleaned_data

        def read(upload: Any) -> bytes | None:
            return bytes(upload.read()) if upload else None

        return MemoTemplateSet(
            party_id=party.pk,
            template=read(data.get("template")),
            logo=read(data.get("logo")),
            clear_template=data["clear_template"],
            clear_logo=data["clear_logo"],
        )
