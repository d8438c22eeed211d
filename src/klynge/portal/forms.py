"""The portal's filter: initiatives by status and by topic, from GET parameters."""

from typing import Any

from django import forms

from klynge.organisation.models import Topic
from klynge.site.forms import DanishForm
from klynge.work.models import InitiativeStatus

SELECT = {"class": "form-select"}


class InitiativeFilterForm(DanishForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle statusser"), *InitiativeStatus.choices],
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": "Vælg en af statusserne på listen."},
    )
    emne = forms.ChoiceField(
        label="Emne",
        required=False,
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": "Vælg et af emnerne på listen."},
    )

    def __init__(self, *args: Any, topics: list[Topic], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topics = {topic.slug: topic for topic in topics}
        field = self.fields["emne"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Alle emner"), *((t.slug, t.name) for t in topics)]

    @property
    def selected_status(self) -> str | None:
        return self.cleaned_data.get("status") or None if self.is_valid() else None

    @property
    def selected_topic(self) -> Topic | None:
        return self.topics.get(self.cleaned_data.get("emne") or "") if self.is_valid() else None
