"""The Danish forms of "Mine abonnementer": each builds the same command as the API."""

from typing import Any

from django import forms

from klynge.notifications import selectors
from klynge.notifications.commands import MemberPreferenceChange, SubscriptionChange, SubscriptionCreate
from klynge.notifications.models import MAX_SEARCH_QUERY, Scope
from klynge.site.forms import DanishForm

SCOPE_CHOICES = [(s.value, s.label) for s in Scope]


class SubscriptionForm(DanishForm):
    scope = forms.ChoiceField(label="Hvad vil du følge?", choices=SCOPE_CHOICES, widget=forms.RadioSelect)
    body = forms.ModelChoiceField(
        label="Organ", queryset=selectors.body_choices(), required=False, empty_label="Vælg et organ"
    )
    collaboration = forms.ModelChoiceField(
        label="Samarbejde",
        queryset=selectors.collaboration_choices(),
        required=False,
        empty_label="Vælg et samarbejde",
    )
    topic = forms.ModelChoiceField(
        label="Emne", queryset=selectors.topic_choices(), required=False, empty_label="Vælg et emne"
    )
    search_query = forms.CharField(
        label="Søgning",
        max_length=MAX_SEARCH_QUERY,
        required=False,
        help_text='Som på søgesiden, fx: forebyggelse "ældre medicinske patienter".',
    )
    immediate = forms.BooleanField(
        label="Straks, når en dagsorden offentliggøres eller ændres", required=False, initial=True
    )
    weekly = forms.BooleanField(label="Ugentligt overblik over det nye", required=False)

    def __init__(self, *args: Any, with_email: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_email:
            self.fields["email"] = forms.EmailField(
                label="Din e-mailadresse",
                help_text="Vi sender et link, du skal klikke på for at bekræfte.",
                error_messages={"invalid": "Skriv en gyldig e-mailadresse, fx navn@kommune.dk."},
            )

    def command(self) -> SubscriptionCreate:
        data = self.cleaned_data
        return SubscriptionCreate(
            scope=Scope(data["scope"]),
            body=data["body"].pk if data["body"] else None,
            collaboration=data["collaboration"].pk if data["collaboration"] else None,
            topic=data["topic"].pk if data["topic"] else None,
            search_query=data["search_query"] if data["scope"] == Scope.SEARCH else "",
            immediate=data["immediate"],
            weekly=data["weekly"],
            email=data.get("email", ""),
        )


class FrequencyForm(DanishForm):
    immediate = forms.BooleanField(label="Straks", required=False)
    weekly = forms.BooleanField(label="Ugentligt overblik", required=False)

    def command(self, subscription_id: int) -> SubscriptionChange:
        return SubscriptionChange(
            subscription_id=subscription_id,
            immediate=self.cleaned_data["immediate"],
            weekly=self.cleaned_data["weekly"],
        )


class PreferenceForm(DanishForm):
    member_agendas = forms.BooleanField(label="Dagsordener for de organer, jeg er medlem af", required=False)
    deadline_reminders = forms.BooleanField(
        label="Påmindelser før fristen for punkter (redaktører)", required=False
    )

    def command(self) -> MemberPreferenceChange:
        return MemberPreferenceChange(
            member_agendas=self.cleaned_data["member_agendas"],
            deadline_reminders=self.cleaned_data["deadline_reminders"],
        )
