"""Danish forms for the clusters' work; the services hold the rules.

Every choice a form offers is limited to what the editor may change (editable_collaborations), and a
record's current choice stays selectable even if it lies outside that, so saving other fields never
fails on it.
"""

from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from klynge.bodies.access import editable_collaborations
from klynge.bodies.models import Collaboration
from klynge.kernel.formatting import meeting_label
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import AgendaItem
from klynge.organisation.models import Topic
from klynge.site.forms import DanishAmountField, DanishForm
from klynge.work.actions import (
    focus_area_initial,
    fund_initial,
    initiative_initial,
    research_initial,
    trial_action_initial,
)
from klynge.work.models import (
    INITIATIVE_TRANSITIONS,
    FocusArea,
    FocusAreaStatus,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    HealthAgreement,
    Initiative,
    InitiativeStatus,
    TrialAction,
)
from klynge.work.selectors import (
    agenda_items_of,
    bodies_of,
    focus_areas_of,
    initiatives_of,
    parties_of,
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


def _keeping(queryset: QuerySet[Any], *current: int | None) -> QuerySet[Any]:
    """The queryset, plus the record's current choices (so they stay selectable)."""
    keep = [pk for pk in current if pk is not None]
    if not keep:
        return queryset
    model = queryset.model
    return model._default_manager.filter(Q(pk__in=queryset.values("pk")) | Q(pk__in=keep)).order_by(
        *queryset.query.order_by
    )


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class AgendaItemChoiceField(forms.ModelChoiceField):
    """Agenda items by meeting and title; a record's current item that the editor may not see (a closed
    item of another collaboration) stays selectable, but without its title (`shown`, see FocusAreaForm)."""

    def label_from_instance(self, obj: Any) -> str:
        if not getattr(obj, "shown", True):
            return "Et lukket dagsordenspunkt, som du ikke har adgang til at se (uændret)"
        return f"{meeting_label(obj.meeting)}: {obj.title}"


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
    decided_at = AgendaItemChoiceField(
        label="Drøftet/valgt på",
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label="Ikke registreret",
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text="Dagsordenspunktet, hvor fokusområdet blev drøftet eller valgt.",
        error_messages={"invalid_choice": "Vælg et dagsordenspunkt fra listen."},
    )
    seen_version = _seen_version()

    def __init__(self, *args: Any, user: Any, focus_area: FocusArea | None = None, **kwargs: Any) -> None:
        editable = editable_collaborations(user)
        if focus_area is not None:
            kwargs.setdefault("initial", focus_area_initial(focus_area, user=user))
        super().__init__(*args, **kwargs)
        _set_queryset(self, "collaborations", editable.order_by("name"))
        _set_queryset(self, "topics", Topic.objects.order_by("name"))
        _set_queryset(self, "health_agreement", HealthAgreement.objects.order_by("valid_from", "name"))
        visible = visible_agenda_items(user)
        items = agenda_items_of(collaborations=editable, visible=visible)
        current_item = focus_area.decided_at_id if focus_area is not None else None
        _set_queryset(
            self,
            "decided_at",
            _keeping(items, current_item)
            .select_related("meeting", "meeting__body")
            .annotate(shown=Exists(visible.filter(pk=OuterRef("pk")))),
        )
        # Collaborations the editor may not change stay as they are (see clean_collaborations).
        self.kept_collaborations: list[Collaboration] = []
        if focus_area is not None:
            editable_ids = set(editable.values_list("pk", flat=True))
            current = list(focus_area.collaborations.all())
            self.kept_collaborations = [c for c in current if c.pk not in editable_ids]
            if self.kept_collaborations:
                names = ", ".join(c.name for c in self.kept_collaborations)
                self.fields[
                    "collaborations"
                ].help_text = (
                    f"Fokusområdet hører også til {names}, som du ikke kan ændre; det bliver ved med det."
                )

    def clean_collaborations(self) -> list[Collaboration]:
        """The collaborations to save: those chosen, and those the editor may not change (kept as they are)."""
        return list(self.cleaned_data["collaborations"]) + self.kept_collaborations


# ---------------------------------------------------------------------------------------------
# Initiatives


class InitiativeForm(DanishForm):
    """The descriptive fields of an initiative; where it stands is followed up separately."""

    name = _text("Navn", required_message="Skriv indsatsens navn.")
    description = _description()
    focus_area = _choice("Fokusområde", empty_label="Intet fokusområde")
    parent = _choice("Del af", empty_label="Ingen (en selvstændig indsats)")
    responsible_parties = _several("Ansvarlige parter")
    start = _date("Start")
    end = _date("Slut")


class InitiativeCreateForm(InitiativeForm):
    collaboration = _choice("Samarbejde", empty_label="Vælg samarbejde", required=True)

    field_order = ["name", "collaboration", "description", "focus_area", "parent", "responsible_parties"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editable = editable_collaborations(user)
        _set_queryset(self, "collaboration", editable.order_by("name"))
        _set_queryset(self, "focus_area", focus_areas_of(collaborations=editable))
        _set_queryset(self, "parent", initiatives_of(collaborations=editable))
        _set_queryset(self, "responsible_parties", parties_of(collaborations=editable))
        self.fields["focus_area"].help_text = "Fokusområdet skal høre til indsatsens samarbejde."
        self.fields["parent"].help_text = "Hvis indsatsen er en delindsats; i samme samarbejde."


class InitiativeUpdateForm(InitiativeForm):
    seen_version = _seen_version()

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        kwargs.setdefault("initial", initiative_initial(initiative))
        super().__init__(*args, **kwargs)
        own = Collaboration.objects.filter(pk=initiative.collaboration_id)
        _set_queryset(
            self, "focus_area", _keeping(focus_areas_of(collaborations=own), initiative.focus_area_id)
        )
        # Not itself; its descendants are offered, and refused by the service (no cycles).
        _set_queryset(
            self,
            "parent",
            _keeping(initiatives_of(collaborations=own), initiative.parent_id).exclude(pk=initiative.pk),
        )
        _set_queryset(
            self,
            "responsible_parties",
            _keeping(parties_of(collaborations=own), *(p.pk for p in initiative.responsible_parties.all())),
        )


# ---------------------------------------------------------------------------------------------
# Trial actions and follow-up research


class TrialActionForm(DanishForm):
    name = _text("Navn")
    description = _description()
    initiative = _choice("Indsats", empty_label="Ingen indsats")
    seen_version = _seen_version()

    def __init__(
        self,
        *args: Any,
        user: Any,
        focus_area: FocusArea,
        trial_action: TrialAction | None = None,
        **kwargs: Any,
    ) -> None:
        if trial_action is not None:
            kwargs.setdefault("initial", trial_action_initial(trial_action))
        super().__init__(*args, **kwargs)
        # Initiatives of the focus area's collaborations that the editor may change.
        collaborations = editable_collaborations(user).filter(focus_areas=focus_area)
        current = trial_action.initiative_id if trial_action is not None else None
        _set_queryset(self, "initiative", _keeping(initiatives_of(collaborations=collaborations), current))
        if trial_action is None or trial_action.named_in_source:
            self.fields["name"].help_text = ""
        else:
            self.fields["name"].help_text = "Kilden navngiver ikke prøvehandlingen; navnet kan være tomt."


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
        if research is not None:
            kwargs.setdefault("initial", research_initial(research))
        super().__init__(*args, **kwargs)


# ---------------------------------------------------------------------------------------------
# Funds


class FundForm(DanishForm):
    name = _text("Navn", required_message="Skriv puljens navn.", max_length=200)
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

    field_order = ["body", "year", "name", "amount", "description"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "body", bodies_of(collaborations=editable_collaborations(user)))


class FundUpdateForm(FundForm):
    seen_version = _seen_version()

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        kwargs.setdefault("initial", fund_initial(fund))
        super().__init__(*args, **kwargs)


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
        super().__init__(*args, **kwargs)
        current = InitiativeStatus(initiative.status)
        # Approval is a decision of a political body, recorded with the decision, not chosen here.
        following = [
            s
            for s in InitiativeStatus
            if s in INITIATIVE_TRANSITIONS[current] and s != InitiativeStatus.APPROVED
        ]
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [(current.value, f"{current.label} (uændret)")] + [
            (s.value, s.label) for s in following
        ]
