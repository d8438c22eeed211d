"""Danish forms for meetings: the list's filter, and editing meetings, agendas and decisions.

Each editing form checks what the user typed and builds the command (`klynge.meetings.commands`), which
refuses what the rules refuse; its choices are the references the command accepts."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from klynge.bodies.models import Body
from klynge.kernel.records import record_version
from klynge.meetings.commands import (
    BODY_NOT_ALLOWED,
    RECOMMENDED_TO_NOT_ALLOWED,
    TEXT_REQUIRED,
    TITLE_REQUIRED,
    TOPIC_NOT_ALLOWED,
    AgendaItemChange,
    AgendaItemCreate,
    DecisionChange,
    MeetingChange,
    MeetingCreate,
    ProposalChange,
    ProposalCreate,
    ProposalDecide,
    meeting_fields,
)
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaItemProposal,
    DatePrecision,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
)
from klynge.meetings.selectors import parties_to_recommend_to
from klynge.organisation.models import Party, Topic
from klynge.site.forms import DanishAmountField, DanishForm, DateField
from klynge.site.pickers import RecordPickerField, search_within
from klynge.site.work.forms import INITIATIVES
from klynge.work.commands import (
    APPROVES_NOT_ALLOWED,
    FOCUS_AREA_NOT_ALLOWED,
    FUND_NOT_ALLOWED,
    INITIATIVE_NOT_ALLOWED,
    AgendaItemLinkedChange,
    AgendaItemLinkedCreate,
    AllocationOrder,
    DecisionRecord,
)
from klynge.work.models import FocusArea, Fund, Initiative
from klynge.work.selectors import (
    focus_areas_of_meeting,
    funds_of_item,
    initiatives_of_meeting,
    initiatives_to_approve,
)


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
            "invalid_choice": BODY_NOT_ALLOWED,
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
    submission_deadline = forms.DateTimeField(
        label="Frist for punkter",
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-input input-width-m"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M"],
        help_text="Seneste tidspunkt, hvor parterne kan foreslå punkter til dagsordenen.",
        error_messages={"invalid": "Skriv fristen som dato og tidspunkt, fx 01.12.2026 12:00."},
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

    def _values(self) -> dict[str, Any]:
        return meeting_fields(self.cleaned_data)
        data = self.cleaned_data
        return {
            "date": data["date"],
            "date_precision": DatePrecision(data["date_precision"]),
            "start_time": data["start_time"],
            "status": MeetingStatus(data["status"]),
            "is_extra": data["is_extra"],
            "title": data["title"],
            "location": data["location"],
            "submission_deadline": data["submission_deadline"],
        }

    def create_command(self) -> MeetingCreate:
        return MeetingCreate(body_id=self.cleaned_data["body"].pk, **self._values())

    def change_command(self, meeting: Meeting) -> MeetingChange:
        return MeetingChange(
            meeting_id=meeting.pk, seen_version=self.cleaned_data["seen_version"], **self._values()
        )


def meeting_initial(meeting: Meeting) -> dict[str, Any]:
    """A meeting's current values as its form shows them (the starting point of a change)."""
    return {
        "date": meeting.date,
        "date_precision": meeting.date_precision,
        "start_time": meeting.start_time,
        "status": meeting.status,
        "is_extra": meeting.is_extra,
        "title": meeting.title,
        "location": meeting.location,
        "submission_deadline": meeting.submission_deadline,
        "seen_version": record_version(meeting),
    }


class AgendaItemForm(DanishForm):
    title = forms.CharField(
        label="Overskrift",
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": TITLE_REQUIRED},
    )
    kind = forms.ChoiceField(label="Type", choices=AgendaItemKind.choices, widget=forms.Select(attrs=SELECT))
    summary = forms.CharField(
        label="Resumé", required=False, widget=forms.Textarea(attrs={"class": "form-input", "rows": 5})
    )
    case_description = forms.CharField(
        label="Sagsfremstilling",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 10}),
        help_text="Hvad sagen drejer sig om: baggrund, økonomi og videre proces.",
    )
    recommendation = forms.CharField(
        label="Indstilling",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
        help_text="Hvad sekretariatet indstiller, at organet beslutter.",
    )
    decision_text = forms.CharField(
        label="Beslutning",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
        help_text="Hvad organet besluttede på mødet, som det skal stå i beslutningsprotokollen.",
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
        error_messages={"invalid_choice": TOPIC_NOT_ALLOWED},
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label="Fokusområder",
        queryset=FocusArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        error_messages={"invalid_choice": FOCUS_AREA_NOT_ALLOWED},
    )
    initiatives = forms.ModelMultipleChoiceField(
        label="Indsatser",
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        error_messages={"invalid_choice": INITIATIVE_NOT_ALLOWED},
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "focus_areas", focus_areas_of_meeting(meeting))
        _set_queryset(self, "initiatives", initiatives_of_meeting(meeting))

    def _values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": AgendaItemKind(data["kind"]),
            "summary": data["summary"],
            "case_description": data["case_description"],
            "recommendation": data["recommendation"],
            "decision_text": data["decision_text"],
            "is_public": data["is_public"],
            "is_tentative": data["is_tentative"],
            "topic_ids": tuple(topic.pk for topic in data["topics"]),
        }

    def _links(self) -> dict[str, tuple[int, ...]]:
        data = self.cleaned_data
        return {
            "focus_area_ids": tuple(focus_area.pk for focus_area in data["focus_areas"]),
            "initiative_ids": tuple(initiative.pk for initiative in data["initiatives"]),
        }

    def create_command(self, meeting: Meeting) -> AgendaItemLinkedCreate:
        return AgendaItemLinkedCreate(
            item=AgendaItemCreate(meeting_id=meeting.pk, **self._values()), **self._links()
        )

    def change_command(self, item: AgendaItem) -> AgendaItemLinkedChange:
        change = AgendaItemChange(
            agenda_item_id=item.pk, seen_version=self.cleaned_data["seen_version"], **self._values()
        )
        return AgendaItemLinkedChange(item=change, **self._links())


def agenda_item_initial(item: AgendaItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "kind": item.kind,
        "summary": item.summary,
        "case_description": item.case_description,
        "recommendation": item.recommendation,
        "decision_text": item.decision_text,
        "is_public": item.is_public,
        "is_tentative": item.is_tentative,
        "topics": [topic.pk for topic in item.topics.all()],
        "focus_areas": [focus_area.pk for focus_area in item.focus_areas.all()],
        "initiatives": [initiative.pk for initiative in item.initiatives.all()],
        "seen_version": record_version(item),
    }


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
        error_messages={"required": TEXT_REQUIRED},
    )
    topic = forms.ModelChoiceField(
        label="Emne",
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label="Intet emne",
        error_messages={"invalid_choice": TOPIC_NOT_ALLOWED},
    )
    recommended_to = forms.ModelChoiceField(
        label="Anbefaling til",
        queryset=Party.objects.none(),
        error_messages={"invalid_choice": RECOMMENDED_TO_NOT_ALLOWED},
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
        error_messages={"invalid_choice": FUND_NOT_ALLOWED},
    )
    amount = DanishAmountField(label="Beløb", required=False)
    focus_area = forms.ModelChoiceField(
        label="Bevilget til fokusområde",
        queryset=FocusArea.objects.none(),
        error_messages={"invalid_choice": FOCUS_AREA_NOT_ALLOWED},
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label="–",
    )
    initiative = RecordPickerField(
        picker=INITIATIVES,
        label="Bevilget til indsats",
        queryset=Initiative.objects.none(),
        error_messages={"invalid_choice": INITIATIVE_NOT_ALLOWED},
        required=False,
        empty_label="Ingen",
    )
    approves = forms.ModelMultipleChoiceField(
        label="Godkender indsatser",
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        help_text="Foreslåede indsatser i samarbejdet, som beslutningen godkender.",
        error_messages={"invalid_choice": APPROVES_NOT_ALLOWED},
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agenda_item: AgendaItem, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agenda_item = agenda_item
        _set_queryset(self, "recommended_to", parties_to_recommend_to(agenda_item))
        if editing:
            # What a decision did (allocations, approvals) stays on record; it is not re-decided here.
            for name in ("fund", "amount", "focus_area", "initiative", "approves"):
                del self.fields[name]
            return
        _set_queryset(self, "fund", funds_of_item(agenda_item))
        _set_queryset(self, "focus_area", focus_areas_of_meeting(agenda_item.meeting))
        _set_queryset(self, "initiative", initiatives_of_meeting(agenda_item.meeting))
        search_within(self, "initiative", punkt=agenda_item.pk)
        _set_queryset(self, "approves", initiatives_to_approve(agenda_item))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "fund" not in self.fields:
            return data
        fund, amount = data.get("fund"), data.get("amount")
        if fund is not None and amount is None and "amount" not in self.errors:
            self.add_error("amount", "Skriv det beløb, der bevilges fra puljen.")
        if amount is not None and fund is None and "fund" not in self.errors:
            self.add_error("fund", "Vælg den pulje, beløbet bevilges fra.")
        return data

    def _values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": DecisionKind(data["kind"]),
            "text": data["text"],
            "topic_id": _id(data["topic"]),
            "recommended_to_id": _id(data["recommended_to"]),
        }

    def record_command(self) -> DecisionRecord:
        data = self.cleaned_data
        allocation = None
        if data["fund"] is not None:
            allocation = AllocationOrder(
                fund_id=data["fund"].pk,
                amount=data["amount"],
                focus_area_id=_id(data["focus_area"]),
                initiative_id=_id(data["initiative"]),
            )
        return DecisionRecord(
            agenda_item_id=self.agenda_item.pk,
            allocation=allocation,
            approves_ids=tuple(initiative.pk for initiative in data["approves"]),
            **self._values(),
        )

    def change_command(self, decision: Decision) -> DecisionChange:
        return DecisionChange(
            decision_id=decision.pk, seen_version=self.cleaned_data["seen_version"], **self._values()
        )


def decision_initial(decision: Decision) -> dict[str, Any]:
    return {
        "kind": decision.kind,
        "text": decision.text,
        "topic": decision.topic_id,
        "recommended_to": decision.recommended_to_id,
        "seen_version": record_version(decision),
    }


def _id(record: Any) -> int | None:
    return None if record is None else int(record.pk)


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class ProposalForm(DanishForm):
    """A party's proposal for an agenda item: what it is about, and what it recommends."""

    title = forms.CharField(
        label="Overskrift",
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": TITLE_REQUIRED},
    )
    kind = forms.ChoiceField(label="Type", choices=AgendaItemKind.choices, widget=forms.Select(attrs=SELECT))
    case_description = forms.CharField(
        label="Sagsfremstilling",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 10}),
        help_text="Hvad sagen drejer sig om: baggrund, økonomi og videre proces.",
    )
    recommendation = forms.CharField(
        label="Indstilling",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
        help_text="Hvad parten foreslår, at organet beslutter.",
    )
    is_public = forms.BooleanField(
        label="Åbent punkt",
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        help_text="Fjern markeringen, hvis punktet ønskes behandlet som lukket punkt.",
    )
    party = forms.ModelChoiceField(
        label="Foreslået af part",
        queryset=Party.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label="Vælg part",
        error_messages={"invalid_choice": RECOMMENDED_TO_NOT_ALLOWED},
    )

    def __init__(self, *args: Any, parties: QuerySet[Party] | None = None, **kwargs: Any) -> None:
        """`parties`: the choice an administrator makes (an editor proposes for their own party)."""
        super().__init__(*args, **kwargs)
        party_field = self.fields["party"]
        assert isinstance(party_field, forms.ModelChoiceField)
        if parties is None:
            del self.fields["party"]
        else:
            party_field.queryset = parties
            party_field.required = True

    def _values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": AgendaItemKind(data["kind"]),
            "case_description": data["case_description"],
            "recommendation": data["recommendation"],
            "is_public": data["is_public"],
        }

    def create_command(self, meeting: Meeting) -> ProposalCreate:
        party = self.cleaned_data.get("party")
        return ProposalCreate(meeting_id=meeting.pk, party_id=party.pk if party else None, **self._values())

    def change_command(self, proposal: AgendaItemProposal) -> ProposalChange:
        return ProposalChange(proposal_id=proposal.pk, **self._values())


def proposal_initial(proposal: AgendaItemProposal) -> dict[str, Any]:
    return {
        "title": proposal.title,
        "kind": proposal.kind,
        "case_description": proposal.case_description,
        "recommendation": proposal.recommendation,
        "is_public": proposal.is_public,
    }


class ProposalDecisionForm(DanishForm):
    beslutning = forms.ChoiceField(
        label="Afgørelse",
        choices=[("optag", "Optag på dagsordenen"), ("afvis", "Afvis")],
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": "Vælg, om forslaget optages eller afvises."},
    )
    reason = forms.CharField(
        label="Begrundelse",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
        help_text="Skal udfyldes ved afvisning; parten kan se begrundelsen.",
    )

    def decide_command(self, proposal: AgendaItemProposal) -> ProposalDecide:
        return ProposalDecide(
            proposal_id=proposal.pk,
            accept=self.cleaned_data["beslutning"] == "optag",
            reason=self.cleaned_data["reason"],
        )
