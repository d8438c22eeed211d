"""Danish forms for a party's people and committees.

Each form checks what the editor typed and builds the command (`klynge.bodies.commands`, where the
structure's writes live); the command and its service hold the rules.
"""

from typing import Any

from django import forms
from django.db.models import QuerySet

from klynge.bodies.commands import CommitteeCreate, CommitteeUpdate, PersonCreate, PersonUpdate
from klynge.kernel.records import record_version
from klynge.organisation.models import Administration, Committee, Party, Person, Topic
from klynge.site.bodies.forms import PICK, seen_version_field
from klynge.site.forms import DanishForm


def name_field(label: str = "Navn", help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=200,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": "form-input"}),
        error_messages={"required": "Skriv et navn.", "max_length": "Navnet må højst være 200 tegn."},
    )


def party_field(parties: QuerySet[Party], *, required: bool) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Part",
        queryset=parties.order_by("name"),
        required=required,
        empty_label="Ingen part" if not required else "Vælg en part",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": "Vælg en part.", "invalid_choice": PICK},
    )


class PersonForm(DanishForm):
    name = name_field()
    party = forms.ModelChoiceField(queryset=Party.objects.none())
    title = forms.CharField(
        label="Titel",
        required=False,
        max_length=200,
        help_text="Fx rådmand for Sundhed og Omsorg.",
        widget=forms.TextInput(attrs={"class": "form-input"}),
        error_messages={"max_length": "Titlen må højst være 200 tegn."},
    )
    seen_version = seen_version_field()

    def __init__(
        self,
        *args: Any,
        parties: QuerySet[Party],
        allow_no_party: bool = False,
        person: Person | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        # An editor adds people to their own party; only an administrator records someone of no party.
        self.fields["party"] = party_field(parties, required=not allow_no_party)
        if not allow_no_party and not self.is_bound and person is None:
            self.fields["party"].initial = parties.first()
        if person is None:
            del self.fields["seen_version"]
        self.person = person

    def command(self) -> PersonCreate | PersonUpdate:
        data = self.cleaned_data
        party_id = data["party"].pk if data["party"] is not None else None
        if self.person is None:
            return PersonCreate(name=data["name"], party_id=party_id, title=data["title"])
        return PersonUpdate(
            person_id=self.person.pk,
            name=data["name"],
            party_id=party_id,
            title=data["title"],
            seen_version=data["seen_version"],
        )


def person_initial(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "party": person.party_id,
        "title": person.title,
        "seen_version": record_version(person),
    }


class CommitteeForm(DanishForm):
    party = forms.ModelChoiceField(queryset=Party.objects.none())
    name = name_field(help_text="Fx Sundheds- og Omsorgsudvalget.")
    code = forms.CharField(
        label="Kode",
        max_length=20,
        help_text="Kort kode af bogstaver, tal og bindestreg, fx SOU. Bruges på notaternes filnavne.",
        widget=forms.TextInput(attrs={"class": "form-input input-width-xs"}),
        error_messages={"required": "Skriv en kode, fx SOU.", "max_length": "Koden må højst være 20 tegn."},
    )
    administration = forms.ModelChoiceField(
        label="Forvaltning",
        queryset=Administration.objects.none(),
        required=False,
        empty_label="Ikke oplyst",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": PICK},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Emner",
        queryset=Topic.objects.order_by("name"),
        required=False,
        help_text="Udvalgets ressort: notater til udvalget samler det, der handler om emnerne.",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        error_messages={"invalid_choice": PICK, "invalid_pk_value": PICK},
    )
    seen_version = seen_version_field()

    def __init__(
        self, *args: Any, parties: QuerySet[Party], committee: Committee | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        administration = self.fields["administration"]
        assert isinstance(administration, forms.ModelChoiceField)
        if committee is None:
            self.fields["party"] = party_field(parties, required=True)
            if not self.is_bound and len(parties[:2]) == 1:
                self.fields["party"].initial = parties.first()
            administration.queryset = Administration.objects.filter(party__in=parties).order_by("name")
            del self.fields["seen_version"]
        else:
            # A committee stays with its party.
            del self.fields["party"]
            administration.queryset = Administration.objects.filter(party=committee.party_id).order_by("name")
        self.committee = committee

    def command(self) -> CommitteeCreate | CommitteeUpdate:
        data = self.cleaned_data
        administration_id = data["administration"].pk if data["administration"] is not None else None
        topic_ids = tuple(topic.pk for topic in data["topics"])
        if self.committee is None:
            return CommitteeCreate(
                party_id=data["party"].pk,
                name=data["name"],
                code=data["code"],
                administration_id=administration_id,
                topic_ids=topic_ids,
            )
        return CommitteeUpdate(
            committee_id=self.committee.pk,
            name=data["name"],
            code=data["code"],
            administration_id=administration_id,
            topic_ids=topic_ids,
            seen_version=data["seen_version"],
        )


def committee_initial(committee: Committee) -> dict[str, Any]:
    return {
        "name": committee.name,
        "code": committee.code,
        "administration": committee.administration_id,
        "topics": [topic.pk for topic in committee.topics.all()],
        "seen_version": record_version(committee),
    }
