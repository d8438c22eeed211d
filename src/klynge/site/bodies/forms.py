"""Danish forms for a body's composition: members, seats and substitutes.

Each form checks what the editor typed and builds the command (`klynge.bodies.commands`); the command
and its service hold the rules.
"""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from klynge.bodies.access import access_any_edit
from klynge.bodies.commands import (
    BodyCreate,
    BodyUpdate,
    MembershipCreate,
    MembershipUpdate,
    SeatSet,
    SubstitutionCreate,
    SubstitutionUpdate,
)
from klynge.bodies.models import Body, BodyLevel, Collaboration, Membership, MembershipRole, Substitution
from klynge.bodies.selectors import seat_of
from klynge.bodies.services import seats_version
from klynge.kernel.formatting import danish_date
from klynge.kernel.records import record_version
from klynge.organisation.models import Party, Person, Topic
from klynge.site.forms import DanishForm, DateField
from klynge.site.pickers import Picker, RecordPickerField, register, search_within

PICK = "Vælg en af mulighederne på listen."
DATE_ERRORS = {"required": "Skriv en dato.", "invalid": "Skriv datoen som dd.mm.åååå, fx 14.12.2023."}


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return DateField(label=label, required=required, help_text=help_text, error_messages=DATE_ERRORS)


def seen_version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def person_label(obj: Person) -> str:
    """A person by name, with their party to tell namesakes apart."""
    return f"{obj.name} ({obj.party.name})" if obj.party is not None else obj.name


def people(*, without: int | None = None) -> QuerySet[Person]:
    """Everyone who may be made a member or a substitute (`without`: the member a substitute stands in for)."""
    everyone = Person.objects.all() if without is None else Person.objects.exclude(pk=without)
    return everyone.select_related("party").order_by("name", "pk")


def _people_to_pick(request: HttpRequest) -> QuerySet[Person]:
    """For editors, as the forms that pick a person are (`?uden=<id>`: not the member substituted)."""
    if not access_any_edit(request.user):
        raise PermissionDenied("Du har ikke adgang til at redigere.")
    without = request.GET.get("uden", "")
    return people(without=int(without) if without.isdigit() and len(without) < 10 else None)


PEOPLE = register(
    Picker(
        name="personer",
        noun="person",
        definite="personen",
        plural="personer",
        choices=_people_to_pick,
        search_fields=("name", "party__name"),
        label=person_label,
    )
)


class PersonChoiceField(RecordPickerField):
    """A person picked by search (klynge.site.pickers), however many there are."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", "Vælg en person")
        kwargs.setdefault("error_messages", {"required": "Vælg en person.", "invalid_choice": PICK})
        super().__init__(picker=PEOPLE, queryset=people(), **kwargs)


def role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Rolle",
        choices=MembershipRole.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": "Vælg en rolle.", "invalid_choice": PICK},
    )


def title_field() -> forms.CharField:
    return forms.CharField(
        label="Titel i organet",
        required=False,
        max_length=200,
        help_text="Fx sundheds- og omsorgsborgmester.",
        widget=forms.TextInput(attrs={"class": "form-input"}),
        error_messages={"max_length": "Titlen må højst være 200 tegn."},
    )


END_HELP = "Tom, hvis medlemskabet løber videre. Sæt en slutdato, når medlemmet udtræder."


class MembershipCreateForm(DanishForm):
    person = PersonChoiceField(label="Person")
    party = forms.ModelChoiceField(
        label="Repræsenterer",
        queryset=Party.objects.none(),
        empty_label="Vælg en part",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": "Vælg den part, medlemmet repræsenterer.", "invalid_choice": PICK},
    )
    role = role_field()
    title = title_field()
    start = date_field("Fra")
    end = date_field("Til", required=False, help_text=END_HELP)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party = self.fields["party"]
        assert isinstance(party, forms.ModelChoiceField)
        # Only the collaboration's own parties hold seats in its bodies.
        party.queryset = body.collaboration.parties.order_by("name")
        self.fields["role"].initial = MembershipRole.MEMBER
        self.body = body

    def command(self) -> MembershipCreate:
        data = self.cleaned_data
        return MembershipCreate(
            body_id=self.body.pk,
            person_id=data["person"].pk,
            party_id=data["party"].pk,
            role=MembershipRole(data["role"]),
            title=data["title"],
            start=data["start"],
            end=data["end"],
        )


class MembershipUpdateForm(DanishForm):
    role = role_field()
    title = title_field()
    start = date_field("Fra")
    end = date_field(
        "Til",
        required=False,
        help_text=END_HELP + " Stedfortrædere, der rækker længere, afsluttes samme dag.",
    )
    seen_version = seen_version_field()

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.membership = membership

    def command(self) -> MembershipUpdate:
        data = self.cleaned_data
        return MembershipUpdate(
            membership_id=self.membership.pk,
            role=MembershipRole(data["role"]),
            title=data["title"],
            start=data["start"],
            end=data["end"],
            seen_version=data["seen_version"],
        )


class SeatForm(DanishForm):
    party = forms.ModelChoiceField(
        label="Part",
        queryset=Party.objects.none(),
        empty_label="Vælg en part",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": "Vælg en part.", "invalid_choice": PICK},
    )
    count = forms.IntegerField(
        label="Antal pladser",
        min_value=1,
        max_value=99,
        help_text="Det samlede antal pladser, parten har i organet.",
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
        error_messages={
            "required": "Skriv antallet af pladser.",
            "invalid": "Skriv antallet som et helt tal.",
            "min_value": "En part har mindst 1 plads i et organ.",
            "max_value": "Skriv et antal under 100.",
        },
    )
    seen_version = seen_version_field()

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party = self.fields["party"]
        assert isinstance(party, forms.ModelChoiceField)
        party.queryset = body.collaboration.parties.order_by("name")
        self.body = body

    def command(self) -> SeatSet:
        data = self.cleaned_data
        return SeatSet(
            body_id=self.body.pk,
            party_id=data["party"].pk,
            count=data["count"],
            seen_version=data["seen_version"],
        )


def topics_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label="Når dagsordenen handler om",
        queryset=Topic.objects.order_by("name"),
        required=False,
        help_text="Ingen emner: stedfortræderen kan deltage uanset dagsordenen.",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        error_messages={"invalid_choice": PICK, "invalid_pk_value": PICK},
    )


def condition_field() -> forms.CharField:
    return forms.CharField(
        label="Betingelse",
        required=False,
        max_length=300,
        help_text="Fx: hvis det er mere relevant i forhold til dagsordenen.",
        widget=forms.TextInput(attrs={"class": "form-input"}),
        error_messages={"max_length": "Betingelsen må højst være 300 tegn."},
    )


def substitution_end_help(principal: Membership) -> str:
    if principal.end is not None:
        return f"Senest {danish_date(principal.end)}, hvor medlemskabet slutter."
    return "Tom, hvis stedfortræderen kan deltage, så længe medlemskabet varer."


class SubstitutionCreateForm(DanishForm):
    substitute = PersonChoiceField(label="Stedfortræder")
    topics = topics_field()
    condition = condition_field()
    start = date_field("Fra")
    end = date_field("Til", required=False)

    def __init__(self, *args: Any, principal: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end"].help_text = substitution_end_help(principal)
        substitute = self.fields["substitute"]
        assert isinstance(substitute, PersonChoiceField)
        # Nobody substitutes for themselves.
        substitute.queryset = people(without=principal.person_id)
        search_within(self, "substitute", uden=principal.person_id)
        self.principal = principal

    def command(self) -> SubstitutionCreate:
        data = self.cleaned_data
        return SubstitutionCreate(
            membership_id=self.principal.pk,
            substitute_id=data["substitute"].pk,
            topic_ids=tuple(topic.pk for topic in data["topics"]),
            condition=data["condition"],
            start=data["start"],
            end=data["end"],
        )


class SubstitutionUpdateForm(DanishForm):
    topics = topics_field()
    condition = condition_field()
    start = date_field("Fra")
    end = date_field("Til", required=False)
    seen_version = seen_version_field()

    def __init__(self, *args: Any, substitution: Substitution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        principal = substitution.principal
        self.fields["end"].help_text = substitution_end_help(principal) + " Sæt en slutdato for at afslutte."
        self.substitution = substitution

    def command(self) -> SubstitutionUpdate:
        data = self.cleaned_data
        return SubstitutionUpdate(
            substitution_id=self.substitution.pk,
            topic_ids=tuple(topic.pk for topic in data["topics"]),
            condition=data["condition"],
            start=data["start"],
            end=data["end"],
            seen_version=data["seen_version"],
        )


def membership_initial(membership: Membership) -> dict[str, Any]:
    """A membership's current values as its form shows them (the starting point of a change)."""
    return {
        "role": membership.role,
        "title": membership.title,
        "start": membership.start,
        "end": membership.end,
        "seen_version": record_version(membership),
    }


def seat_initial(body: Body, party_id: int | None = None) -> dict[str, Any]:
    """The seat form's starting point: the body's seats as now seen, and the party's count if it has seats."""
    initial: dict[str, Any] = {"seen_version": seats_version(body=body)}
    seat = seat_of(body=body, party_id=party_id) if party_id is not None else None
    if seat is not None:
        initial.update(party=seat.party_id, count=seat.count)
    return initial


def substitution_initial(substitution: Substitution) -> dict[str, Any]:
    return {
        "topics": [topic.pk for topic in substitution.topics.all()],
        "condition": substitution.condition,
        "start": substitution.start,
        "end": substitution.end,
        "seen_version": record_version(substitution),
    }


class BodyForm(DanishForm):
    level = forms.ChoiceField(
        label="Niveau",
        choices=BodyLevel.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": "Vælg et niveau.", "invalid_choice": PICK},
    )
    name = forms.CharField(
        label="Navn",
        max_length=200,
        help_text="Fx Politisk sundhedsråd Midtjylland. Navnet er organets eget, på tværs af samarbejder.",
        widget=forms.TextInput(attrs={"class": "form-input"}),
        error_messages={"required": "Skriv et navn.", "max_length": "Navnet må højst være 200 tegn."},
    )
    description = forms.CharField(
        label="Beskrivelse",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
        error_messages={"max_length": "Beskrivelsen må højst være 5.000 tegn."},
    )
    valid_from = date_field("Gyldig fra", required=False, help_text="Tom: fra samarbejdets start.")
    valid_to = date_field("Gyldig til", required=False, help_text="Tom: så længe samarbejdet varer.")
    seen_version = seen_version_field()

    def __init__(
        self, *args: Any, collaboration: Collaboration, body: Body | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if body is None:
            del self.fields["seen_version"]
        self.collaboration = collaboration
        self.body = body

    def command(self) -> BodyCreate | BodyUpdate:
        data = self.cleaned_data
        if self.body is None:
            return BodyCreate(
                collaboration_id=self.collaboration.pk,
                level=BodyLevel(data["level"]),
                name=data["name"],
                description=data["description"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        return BodyUpdate(
            body_id=self.body.pk,
            level=BodyLevel(data["level"]),
            name=data["name"],
            description=data["description"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            seen_version=data["seen_version"],
        )


def body_initial(body: Body) -> dict[str, Any]:
    return {
        "level": body.level,
        "name": body.name,
        "description": body.description,
        "valid_from": body.valid_from,
        "valid_to": body.valid_to,
        "seen_version": record_version(body),
    }
