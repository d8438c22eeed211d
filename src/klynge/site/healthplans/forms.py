"""Danish forms for local health plans and their goals; each builds the command (klynge.healthplans)."""

from typing import Any

from django import forms

from klynge.healthplans import commands
from klynge.healthplans.access import councils_to_plan_for
from klynge.healthplans.commands import (
    COUNCIL_NOT_ALLOWED,
    INITIATIVE_NOT_ALLOWED,
    NAME_REQUIRED,
    TITLE_REQUIRED,
)
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan, LocalHealthPlanStatus
from klynge.healthplans.selectors import initiatives_for_plan
from klynge.kernel.records import record_version
from klynge.site.forms import DanishForm, DateField

TEXT = {"class": "form-input"}


class LocalHealthPlanForm(DanishForm):
    name = forms.CharField(
        label="Navn",
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": NAME_REQUIRED, "max_length": "Skriv højst 200 tegn."},
    )
    description = forms.CharField(
        label="Beskrivelse", required=False, widget=forms.Textarea(attrs={"class": "form-input", "rows": 5})
    )
    status = forms.ChoiceField(
        label="Status",
        choices=LocalHealthPlanStatus.choices,
        initial=LocalHealthPlanStatus.DRAFT,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": "Vælg planens status."},
    )
    valid_from = DateField(label="Gælder fra", required=False)
    valid_to = DateField(label="Gælder til", required=False)
    adopted_on = DateField(label="Vedtaget den", required=False, help_text="Kun for en vedtaget plan.")
    document_url = forms.URLField(
        label="Planen (dokument)",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs=TEXT),
        help_text="Adressen på den offentliggjorte plan.",
        error_messages={"invalid": "Skriv en gyldig webadresse."},
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "status": LocalHealthPlanStatus(data["status"]),
            "valid_from": data["valid_from"],
            "valid_to": data["valid_to"],
            "adopted_on": data["adopted_on"],
            "document_url": data["document_url"],
        }


class LocalHealthPlanCreateForm(LocalHealthPlanForm):
    council = forms.ModelChoiceField(
        label="Sundhedsråd",
        queryset=LocalHealthPlan.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
        empty_label="Vælg sundhedsråd",
        error_messages={"required": "Vælg sundhedsrådet.", "invalid_choice": COUNCIL_NOT_ALLOWED},
    )
    field_order = ["council", "name"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["seen_version"]
        field = self.fields["council"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = councils_to_plan_for(user)

    def command(self) -> commands.LocalHealthPlanCreate:
        return commands.LocalHealthPlanCreate(council_id=self.cleaned_data["council"].pk, **self.values())


class LocalHealthPlanUpdateForm(LocalHealthPlanForm):
    def __init__(self, *args: Any, plan: LocalHealthPlan, **kwargs: Any) -> None:
        self.plan = plan
        kwargs.setdefault("initial", {**commands.plan_values(plan), "seen_version": record_version(plan)})
        super().__init__(*args, **kwargs)

    def command(self) -> commands.LocalHealthPlanChange:
        return commands.LocalHealthPlanChange(
            plan_id=self.plan.pk, seen_version=self.cleaned_data["seen_version"], **self.values()
        )


class HealthPlanGoalForm(DanishForm):
    title = forms.CharField(
        label="Mål",
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": TITLE_REQUIRED, "max_length": "Skriv højst 300 tegn."},
    )
    description = forms.CharField(
        label="Beskrivelse", required=False, widget=forms.Textarea(attrs={"class": "form-input", "rows": 4})
    )
    initiatives = forms.ModelMultipleChoiceField(
        label="Indsatser",
        queryset=LocalHealthPlan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text="Indsatser i sundhedsrådet eller i klyngerne for dets kommuner, der arbejder mod målet.",
        error_messages={"invalid_choice": INITIATIVE_NOT_ALLOWED, "invalid_pk_value": INITIATIVE_NOT_ALLOWED},
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: LocalHealthPlan, goal: HealthPlanGoal | None = None, **kwargs: Any):
        self.plan, self.goal = plan, goal
        if goal is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": goal.title,
                    "description": goal.description,
                    "initiatives": list(goal.initiatives.values_list("pk", flat=True)),
                    "seen_version": record_version(goal),
                },
            )
        super().__init__(*args, **kwargs)
        field = self.fields["initiatives"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = initiatives_for_plan(plan)

    def create_command(self) -> commands.HealthPlanGoalCreate:
        data = self.cleaned_data
        return commands.HealthPlanGoalCreate(
            plan_id=self.plan.pk,
            title=data["title"],
            description=data["description"],
            initiative_ids=tuple(i.pk for i in data["initiatives"]),
        )

    def change_command(self) -> commands.HealthPlanGoalChange:
        assert self.goal is not None
        data = self.cleaned_data
        return commands.HealthPlanGoalChange(
            goal_id=self.goal.pk,
            seen_version=data["seen_version"],
            title=data["title"],
            description=data["description"],
            initiative_ids=tuple(i.pk for i in data["initiatives"]),
        )
