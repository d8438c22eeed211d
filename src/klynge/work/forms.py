"""Danish forms for following up on initiatives; the services hold the rules."""

from typing import Any

from django import forms

from klynge.work.models import INITIATIVE_TRANSITIONS, Initiative, InitiativeStatus


class InitiativeFollowUpForm(forms.Form):
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
