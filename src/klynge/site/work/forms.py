"""Danish forms for the clusters' work: each validates what the editor typed and builds the command
(`klynge.work.commands`), whose function checks the references again and calls the service.

Every choice a form offers is limited to what the editor may change (editable_collaborations), and a
record's current choice stays selectable even if it lies outside that, so saving other fields never
fails on it.
"""

from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from klynge.bodies.models import Collaboration
from klynge.kernel.commands import UNSET
from klynge.kernel.formatting import meeting_label
from klynge.kernel.records import record_version
from klynge.meetings.access import ensure_meeting_edit, visible_agenda_items
from klynge.meetings.models import AgendaItem
from klynge.meetings.selectors import agenda_item_for_edit
from klynge.site.forms import DanishAmountField, DanishForm
from klynge.site.pickers import Picker, RecordPickerField, register, search_within
from klynge.work import commands, selectors
from klynge.work.access import ensure_any_edit, ensure_focus_area_edit, ensure_initiative_edit
from klynge.work.models import (
    FocusArea,
    FocusAreaStatus,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    FundKind,
    Initiative,
    InitiativeStatus,
    TrialAction,
)

TEXT = {"class": "form-input"}
DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "Skriv datoen som dd.mm.åååå, fx 14.12.2023."}
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]


class Checkboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in DKFDS markup."""

    template_name = "work/widgets/checkboxes.html"


def _text(label: str, *, required_message: str = "", max_length: int = 300) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(required_message),
        widget=forms.TextInput(attrs=TEXT),
        error_messages={
            "required": required_message,
            "max_length": f"Skriv højst {max_length} tegn.",
        },
    )


def _description() -> forms.CharField:
    return forms.CharField(
        label="Beskrivelse",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 5}),
    )


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
    )


def _choice(label: str, *, empty_label: str | None, required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Collaboration.objects.none(),  # each form sets the choices it offers
        required=required,
        empty_label=empty_label,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": f"Vælg {label.lower()}.",
            "invalid_choice": f"Vælg {label.lower()} fra listen.",
        },
    )


def _several(label: str, *, required_message: str = "") -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Collaboration.objects.none(),  # each form sets the choices it offers
        required=bool(required_message),
        widget=Checkboxes,
        error_messages={
            "required": required_message,
            "invalid_choice": f"Vælg {label.lower()} fra listen.",
            "invalid_pk_value": f"Vælg {label.lower()} fra listen.",
        },
    )


def _id(record: Model | None) -> int | None:
    return None if record is None else record.pk


def _ids(records: Any) -> tuple[int, ...]:
    return tuple(record.pk for record in records)


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def agenda_item_label(obj: Any) -> str:
    """An agenda item by meeting and title; a record's current item that the editor may not see (a
    closed item of another collaboration) stays selectable, but without its title (`shown`, see
    selectors.decided_at_choices)."""
    if not getattr(obj, "shown", True):
        return "Et lukket dagsordenspunkt, som du ikke har adgang til at se (uændret)"
    return f"{meeting_label(obj.meeting)}: {obj.title}"


def _decided_at_choices(request: HttpRequest) -> QuerySet[AgendaItem]:
    ensure_any_edit(request.user)
    return selectors.decided_at_choices(actor=request.user)


def _initiative_choices(request: HttpRequest) -> QuerySet[Initiative]:
    """The initiatives a form offers: a new initiative's possible parents; those of the initiative edited
    (`?indsats=<slug>`); a trial action's of the focus area (`?fokusomraade=<slug>`); or what a decision on
    an item allocates to (`?punkt=<id>`, an item the user may see and whose meeting they may change)."""
    actor = request.user
    if slug := request.GET.get("indsats"):
        initiative = selectors.initiative_for_edit(slug=slug)
        if initiative is None:
            raise Http404("Indsatsen findes ikke.")
        ensure_initiative_edit(actor, initiative)
        return selectors.initiative_parent_choices(actor=actor, initiative=initiative)
    if "punkt" in request.GET:  # a decision's allocation, to the initiatives of the item's collaboration
        pk = request.GET["punkt"]
        visible = visible_agenda_items(actor)
        item = agenda_item_for_edit(pk=int(pk), visible=visible) if pk.isdigit() and len(pk) < 10 else None
        if item is None:
            raise Http404("Dagsordenspunktet findes ikke.")
        ensure_meeting_edit(actor, item.meeting)
        return selectors.initiatives_of_meeting(item.meeting)
    if slug := request.GET.get("fokusomraade"):
        focus_area = selectors.focus_area_for_edit(slug=slug)
        if focus_area is None:
            raise Http404("Fokusområdet findes ikke.")
        ensure_focus_area_edit(actor, focus_area)
        return selectors.trial_action_initiative_choices(actor=actor, focus_area=focus_area)
    ensure_any_edit(actor)
    return selectors.initiative_parent_choices(actor=actor)


AGENDA_ITEMS = register(
    Picker(
        name="dagsordenspunkter",
        noun="dagsordenspunkt",
        definite="dagsordenspunktet",
        plural="dagsordenspunkter",
        choices=_decided_at_choices,
        search_fields=("title", "meeting__title", "meeting__body__name"),
        label=agenda_item_label,
    )
)
INITIATIVES = register(
    Picker(
        name="indsatser",
        noun="indsats",
        definite="indsatsen",
        plural="indsatser",
        choices=_initiative_choices,
        search_fields=("name",),
        label=str,
    )
)


def _picked(
    picker: Picker, label: str, *, empty_label: str, help_text: str = "", invalid: str = ""
) -> RecordPickerField:
    """One record among many, picked by search (klynge.site.pickers); the form sets its queryset."""
    return RecordPickerField(
        picker=picker,
        label=label,
        queryset=Collaboration.objects.none(),  # each form sets the choices it offers
        required=False,
        empty_label=empty_label,
        help_text=help_text,
        error_messages={"invalid_choice": invalid or f"Vælg {label.lower()} fra listen."},
    )


def _seen_version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


# ---------------------------------------------------------------------------------------------
# Focus areas


class FocusAreaForm(DanishForm):
    name = _text("Navn", required_message="Skriv fokusområdets navn.")
    description = _description()
    collaborations = _several("Samarbejder", required_message="Vælg mindst ét samarbejde.")
    topics = _several("Emner")
    status = forms.ChoiceField(
        label="Status",
        choices=FocusAreaStatus.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": "Vælg status.", "invalid_choice": "Vælg en status fra listen."},
    )
    period_start = _date("Periode fra")
    period_end = _date("Periode til")
    health_agreement = _choice("Sundhedsaftale", empty_label="Ingen")
    decided_at = _picked(
        AGENDA_ITEMS,
        "Drøftet/valgt på",
        empty_label="Ikke registreret",
        help_text="Dagsordenspunktet, hvor fokusområdet blev drøftet eller valgt.",
        invalid="Vælg et dagsordenspunkt fra listen.",
    )
    seen_version = _seen_version()

    def __init__(self, *args: Any, user: Any, focus_area: FocusArea | None = None, **kwargs: Any) -> None:
        self.focus_area = focus_area
        if focus_area is not None:
            current = commands.focus_area_current(focus_area, actor=user)
            kwargs.setdefault("initial", {**current, "seen_version": record_version(focus_area)})
        super().__init__(*args, **kwargs)
        _set_queryset(self, "collaborations", selectors.collaborations_editable_by(user))
        _set_queryset(self, "topics", selectors.topic_choices())
        _set_queryset(self, "health_agreement", selectors.health_agreement_choices())
        _set_queryset(self, "decided_at", selectors.decided_at_choices(actor=user, focus_area=focus_area))
        # Collaborations the editor may not change stay as they are (the command keeps them).
        if focus_area is not None:
            kept = commands.kept_collaborations(focus_area, actor=user)
            if kept:
                names = ", ".join(c.name for c in kept)
                self.fields[
                    "collaborations"
                ].help_text = (
                    f"Fokusområdet hører også til {names}, som du ikke kan ændre; det bliver ved med det."
                )

    def create_command(self) -> commands.FocusAreaCreate:
        return commands.FocusAreaCreate(**self._values())

    def command(self) -> commands.FocusAreaChange:
        assert self.focus_area is not None
        return commands.FocusAreaChange(
            focus_area_id=self.focus_area.pk, seen_version=self.cleaned_data["seen_version"], **self._values()
        )

    def _values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "collaborations": _ids(data["collaborations"]),
            "topics": _ids(data["topics"]),
            "status": FocusAreaStatus(data["status"]),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "health_agreement": _id(data["health_agreement"]),
            "decided_at": _id(data["decided_at"]),
        }


# ---------------------------------------------------------------------------------------------
# Initiatives


class InitiativeForm(DanishForm):
    """The descriptive fields of an initiative; where it stands is followed up separately."""

    name = _text("Navn", required_message="Skriv indsatsens navn.")
    description = _description()
    focus_area = _choice("Fokusområde", empty_label="Intet fokusområde")
    parent = _picked(INITIATIVES, "Del af", empty_label="Ingen (en selvstændig indsats)")
    responsible_parties = _several("Ansvarlige parter")
    start = _date("Start")
    end = _date("Slut")

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "focus_area": _id(data["focus_area"]),
            "parent": _id(data["parent"]),
            "responsible_parties": _ids(data["responsible_parties"]),
            "start": data["start"],
            "end": data["end"],
        }


class InitiativeCreateForm(InitiativeForm):
    collaboration = _choice("Samarbejde", empty_label="Vælg samarbejde", required=True)

    field_order = ["name", "collaboration", "description", "focus_area", "parent", "responsible_parties"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "collaboration", selectors.collaborations_editable_by(user))
        _set_queryset(self, "focus_area", selectors.initiative_focus_area_choices(actor=user))
        _set_queryset(self, "parent", selectors.initiative_parent_choices(actor=user))
        _set_queryset(self, "responsible_parties", selectors.initiative_party_choices(actor=user))
        self.fields["focus_area"].help_text = "Fokusområdet skal høre til indsatsens samarbejde."
        self.fields["parent"].help_text = "Hvis indsatsen er en delindsats; i samme samarbejde."

    def command(self) -> commands.InitiativeCreate:
        return commands.InitiativeCreate(collaboration=self.cleaned_data["collaboration"].pk, **self.values())


class InitiativeUpdateForm(InitiativeForm):
    seen_version = _seen_version()

    def __init__(self, *args: Any, user: Any, initiative: Initiative, **kwargs: Any) -> None:
        self.initiative = initiative
        current = commands.initiative_current(initiative)
        kwargs.setdefault("initial", {**current, "seen_version": record_version(initiative)})
        super().__init__(*args, **kwargs)
        choices = {"actor": user, "initiative": initiative}
        _set_queryset(self, "focus_area", selectors.initiative_focus_area_choices(**choices))
        _set_queryset(self, "parent", selectors.initiative_parent_choices(**choices))
        search_within(self, "parent", indsats=initiative.slug)
        _set_queryset(self, "responsible_parties", selectors.initiative_party_choices(**choices))

    def command(self) -> commands.InitiativeChange:
        return commands.InitiativeChange(
            initiative_id=self.initiative.pk, seen_version=self.cleaned_data["seen_version"], **self.values()
        )


# ---------------------------------------------------------------------------------------------
# Trial actions and follow-up research


class TrialActionForm(DanishForm):
    name = _text("Navn")
    description = _description()
    initiative = _picked(INITIATIVES, "Indsats", empty_label="Ingen indsats")
    seen_version = _seen_version()

    def __init__(
        self,
        *args: Any,
        user: Any,
        focus_area: FocusArea,
        trial_action: TrialAction | None = None,
        **kwargs: Any,
    ) -> None:
        self.focus_area, self.trial_action = focus_area, trial_action
        if trial_action is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": trial_action.name,
                    "description": trial_action.description,
                    "initiative": trial_action.initiative_id,
                    "seen_version": record_version(trial_action),
                },
            )
        super().__init__(*args, **kwargs)
        _set_queryset(
            self,
            "initiative",
            selectors.trial_action_initiative_choices(
                actor=user, focus_area=focus_area, trial_action=trial_action
            ),
        )
        search_within(self, "initiative", fokusomraade=focus_area.slug)
        if trial_action is None or trial_action.named_in_source:
            self.fields["name"].help_text = ""
        else:
            self.fields["name"].help_text = "Kilden navngiver ikke prøvehandlingen; navnet kan være tomt."

    def _values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "initiative": _id(data["initiative"]),
        }

    def create_command(self) -> commands.TrialActionCreate:
        return commands.TrialActionCreate(focus_area_id=self.focus_area.pk, **self._values())

    def command(self) -> commands.TrialActionChange:
        assert self.trial_action is not None
        return commands.TrialActionChange(
            trial_action_id=self.trial_action.pk,
            seen_version=self.cleaned_data["seen_version"],
            **self._values(),
        )


STATUS_SELECT = forms.Select(attrs={"class": "form-select"})


class FollowUpResearchForm(DanishForm):
    title = _text("Titel", required_message="Skriv følgeforskningens titel.")
    status = forms.ChoiceField(
        label="Status",
        choices=FollowUpResearchStatus.choices,
        widget=STATUS_SELECT,
        error_messages={"required": "Vælg status.", "invalid_choice": "Vælg en status fra listen."},
    )
    description = _description()
    seen_version = _seen_version()

    def __init__(self, *args: Any, research: FollowUpResearch | None = None, **kwargs: Any) -> None:
        self.research = research
        if research is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": research.title,
                    "status": research.status,
                    "description": research.description,
                    "seen_version": record_version(research),
                },
            )
        super().__init__(*args, **kwargs)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "status": FollowUpResearchStatus(data["status"]),
            "description": data["description"],
        }

    def create_command(
        self, *, focus_area: FocusArea | None, initiative: Initiative | None
    ) -> commands.FollowUpResearchCreate:
        return commands.FollowUpResearchCreate(
            focus_area_id=_id(focus_area), initiative_id=_id(initiative), **self.values()
        )

    def command(self) -> commands.FollowUpResearchChange:
        assert self.research is not None
        return commands.FollowUpResearchChange(
            research_id=self.research.pk, seen_version=self.cleaned_data["seen_version"], **self.values()
        )


# ---------------------------------------------------------------------------------------------
# Funds


class FundForm(DanishForm):
    name = _text("Navn", required_message="Skriv puljens navn.", max_length=200)
    kind = forms.ChoiceField(
        label="Type",
        choices=FundKind.choices,
        initial=FundKind.POOL,
        required=False,  # none chosen: a pool, or on a change the fund's kind as it is
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        help_text="Et sundhedsråds investeringsmotor til nære sundhedsindsatser, eller en pulje.",
    )
    amount = DanishAmountField(
        label="Ramme (kr.)",
        allow_zero=True,
        required=False,
        help_text="I kroner, fx 1.500.000. Tom, hvis rammens størrelse ikke er kendt.",
    )
    description = _description()


class FundCreateForm(FundForm):
    body = _choice("Organ", empty_label="Vælg organ", required=True)
    year = forms.IntegerField(
        label="År",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
        error_messages={
            "required": "Skriv året, puljen gælder for.",
            "invalid": "Skriv året som fire cifre, fx 2025.",
            "min_value": "Skriv året som fire cifre, fx 2025.",
            "max_value": "Skriv året som fire cifre, fx 2025.",
        },
    )

    field_order = ["body", "year", "name", "kind", "amount", "description"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "body", selectors.fund_body_choices(actor=user))

    def command(self) -> commands.FundCreate:
        data = self.cleaned_data
        return commands.FundCreate(
            body=data["body"].pk,
            year=data["year"],
            name=data["name"],
            amount=data["amount"],
            description=data["description"],
            kind=FundKind(data["kind"] or FundKind.POOL),
        )


class FundUpdateForm(FundForm):
    seen_version = _seen_version()

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        self.fund = fund
        kwargs.setdefault(
            "initial",
            {
                "name": fund.name,
                "amount": fund.amount,
                "description": fund.description,
                "kind": fund.kind,
                "seen_version": record_version(fund),
            },
        )
        super().__init__(*args, **kwargs)

    def command(self) -> commands.FundChange:
        data = self.cleaned_data
        return commands.FundChange(
            fund_id=self.fund.pk,
            seen_version=data["seen_version"],
            name=data["name"],
            amount=data["amount"],
            description=data["description"],
            kind=FundKind(data["kind"]) if data["kind"] else UNSET,
        )


# ---------------------------------------------------------------------------------------------
# Following up on an initiative


class InitiativeFollowUpForm(DanishForm):
    status = forms.ChoiceField(
        label="Status",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "invalid_choice": "Indsatsen kan ikke gå til den status herfra. Vælg et af de næste trin."
        },
    )
    progress = forms.IntegerField(
        label="Fremdrift (%)",
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
        help_text="Tom, hvis fremdriften ikke er opgjort.",
        error_messages={
            "min_value": "Fremdriften er en procent mellem 0 og 100.",
            "max_value": "Fremdriften er en procent mellem 0 og 100.",
            "invalid": "Skriv fremdriften som et helt tal mellem 0 og 100.",
        },
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        self.initiative = initiative
        kwargs.setdefault(
            "initial",
            {
                "status": initiative.status,
                "progress": initiative.progress,
                "seen_version": record_version(initiative),
            },
        )
        super().__init__(*args, **kwargs)
        current, *following = commands.initiative_status_choices(initiative)
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [(current.value, f"{current.label} (uændret)")] + [
            (s.value, s.label) for s in following
        ]

    def command(self) -> commands.InitiativeFollowUp:
        data = self.cleaned_data
        return commands.InitiativeFollowUp(
            initiative_id=self.initiative.pk,
            seen_version=data["seen_version"],
            status=InitiativeStatus(data["status"]),
            progress=data["progress"],
        )
