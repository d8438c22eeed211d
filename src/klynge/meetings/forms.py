"""Danish forms for meetings: the list's filter, and editing meetings, agendas and decisions.
The services hold the rules; the forms turn input into their arguments."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from klynge.bodies.models import Body
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    DatePrecision,
    DecisionKind,
    Meeting,
    MeetingStatus,
)
from klynge.organisation.models import Party, Topic
from klynge.site.forms import DanishAmountField, DanishForm, DateField
from klynge.work.models import FocusArea, Fund, Initiative, InitiativeStatus


class MeetingFilterForm(DanishForm):
    organ = forms.SlugField(label="Organ", required=False, max_length=80)
    aar = forms.IntegerField(label="År", required=False, min_value=1900, max_value=2200)
    side = forms.IntegerField(label="Side", required=False, min_value=1)


SELECT = {"class": "form-select"}
TEXT = {"class": "form-input"}
CHECKBOX = {"class": "form-checkbox"}


class MeetingForm(DanishForm):
    """A meeting of a body: when, where, and whether it has been held. The body is chosen when adding."""

    body = forms.ModelChoiceField(
        label="Organ",
        queryset=Body.objects.none(),
        widget=forms.Select(attrs=SELECT),
        empty_label="Vælg organ",
        error_messages={
            "required": "Vælg det organ, der holder mødet.",
            "invalid_choice": "Vælg et af organerne på listen.",
        },
    )
    date = DateField(
        label="Dato", help_text="Kendes kun måneden eller halvåret, angives periodens første dag."
    )
    date_precision = forms.ChoiceField(
        label="Datoens præcision",
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        widget=forms.Select(attrs=SELECT),
    )
    start_time = forms.TimeField(
        label="Starttidspunkt",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "class": "form-input input-width-xs"}, format="%H:%M"),
        input_formats=["%H:%M", "%H.%M"],
        error_messages={"invalid": "Skriv tidspunktet som tt:mm, fx 14:00."},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=MeetingStatus.choices,
        initial=MeetingStatus.PLANNED,
        widget=forms.Select(attrs=SELECT),
    )
    is_extra = forms.BooleanField(
        label="Ekstraordinært møde", required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )
    title = forms.CharField(label="Titel", required=False, max_length=200, widget=forms.TextInput(attrs=TEXT))
    location = forms.CharField(
        label="Sted", required=False, max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, bodies: QuerySet[Body] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body_field = self.fields["body"]
        assert isinstance(body_field, forms.ModelChoiceField)
        if bodies is None:
            del self.fields["body"]  # a meeting stays with its body
        else:
            body_field.queryset = bodies
            body_field.label_from_instance = lambda body: f"{body.collaboration.name} – {body.name}"  # type: ignore[method-assign,assignment]


class AgendaItemForm(DanishForm):
    title = forms.CharField(
        label="Overskrift",
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": "Skriv punktets overskrift."},
    )
    kind = forms.ChoiceField(label="Type", choices=AgendaItemKind.choices, widget=forms.Select(attrs=SELECT))
    summary = forms.CharField(
        label="Resumé", required=False, widget=forms.Textarea(attrs={"class": "form-input", "rows": 5})
    )
    is_public = forms.BooleanField(
        label="Åbent punkt",
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        help_text="Et lukket punkt ses kun af organets medlemmer og de deltagende parters sekretariater.",
    )
    is_tentative = forms.BooleanField(
        label="Forventet punkt",
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        help_text="Punktet er forventet, men endnu ikke endeligt sat på dagsordenen.",
    )
    topics = forms.ModelMultipleChoiceField(
        label="Emner",
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label="Fokusområder",
        queryset=FocusArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    initiatives = forms.ModelMultipleChoiceField(
        label="Indsatser",
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        collaboration_id = meeting.body.collaboration_id
        _set_queryset(
            self, "focus_areas", FocusArea.objects.filter(collaborations=collaboration_id).order_by("name")
        )
        _set_queryset(
            self, "initiatives", Initiative.objects.filter(collaboration=collaboration_id).order_by("name")
        )


class DecisionForm(DanishForm):
    """A decision on an agenda item, with what it does: an allocation from a fund, approved initiatives.

    The form only checks that an allocation is asked for whole (a fund with an amount); the rules about
    the decision and the allocation live in the models and services."""

    kind = forms.ChoiceField(
        label="Type",
        choices=DecisionKind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        help_text="Er en part myndighed på emnet, kan klyngen kun anbefale.",
        error_messages={"required": "Vælg beslutningens type."},
    )
    text = forms.CharField(
        label="Beslutning",
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
        error_messages={"required": "Skriv, hvad der blev besluttet."},
    )
    topic = forms.ModelChoiceField(
        label="Emne",
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label="Intet emne",
    )
    recommended_to = forms.ModelChoiceField(
        label="Anbefaling til",
        queryset=Party.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label="Ingen",
        help_text="Kun ved en anbefaling: den part, der har myndigheden.",
    )
    fund = forms.ModelChoiceField(
        label="Bevilling fra pulje",
        queryset=Fund.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label="Ingen bevilling",
    )
    amount = DanishAmountField(label="Beløb", required=False)
    focus_area = forms.ModelChoiceField(
        label="Bevilget til fokusområde",
        queryset=FocusArea.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label="–",
    )
    initiative = forms.ModelChoiceField(
        label="Bevilget til indsats",
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label="–",
    )
    approves = forms.ModelMultipleChoiceField(
        label="Godkender indsatser",
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        help_text="Foreslåede indsatser i samarbejdet, som beslutningen godkender.",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agenda_item: AgendaItem, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agenda_item = agenda_item
        collaboration = agenda_item.meeting.body.collaboration
        _set_queryset(self, "recommended_to", collaboration.parties.order_by("name"))
        if editing:
            # What a decision did (allocations, approvals) stays on record; it is not re-decided here.
            for name in ("fund", "amount", "focus_area", "initiative", "approves"):
                del self.fields[name]
            return
        _set_queryset(
            self,
            "fund",
            Fund.objects.filter(body__collaboration=collaboration)
            .select_related("body")
            .order_by("-year", "name"),
        )
        _set_queryset(
            self, "focus_area", FocusArea.objects.filter(collaborations=collaboration).order_by("name")
        )
        _set_queryset(
            self, "initiative", Initiative.objects.filter(collaboration=collaboration).order_by("name")
        )
        _set_queryset(
            self,
            "approves",
            Initiative.objects.filter(collaboration=collaboration, status=InitiativeStatus.PROPOSED).order_by(
                "name"
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "fund" not in self.fields:
            return data
        fund, amount = data.get("fund"), data.get("amount")
        if fund is not None and amount is None and "amount" not in self.errors:
            self.add_error("amount", "Skriv det beløb, der bevilges fra puljen.")
        if amount is not None and fund is None:
            self.add_error("fund", "Vælg den pulje, beløbet bevilges fra.")
        return data


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
