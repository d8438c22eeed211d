"""Danish forms for announcing and changing absences: each checks what the user chose and builds the
command (`klynge.attendance.commands`), which refuses what the rules refuse."""

from typing import Any

from django import forms

from klynge.attendance.commands import (
    AGENDA_ITEMS_NOT_ALLOWED,
    MEMBERSHIP_NOT_ALLOWED,
    MEMBERSHIP_REQUIRED,
    SUBSTITUTE_NOT_ALLOWED,
    AbsenceChange,
    AbsenceRecord,
)
from klynge.attendance.models import Absence
from klynge.attendance.selectors import ExpectedMember, MeetingAttendance
from klynge.bodies.models import Membership
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, Meeting
from klynge.meetings.selectors import number_of
from klynge.organisation.models import Person
from klynge.site.forms import DanishForm


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        title = f", {obj.title}" if obj.title else ""
        return f"{obj.person.name} ({obj.party.short_name or obj.party.name}{title})"


class SubstituteChoiceField(forms.ModelChoiceField):
    """A substitute, labelled with whom they may come instead of and on which topics."""

    def __init__(self, *args: Any, labels: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.labels = labels

    def label_from_instance(self, obj: Person) -> str:
        return self.labels.get(obj.pk, obj.name)


class ItemChoiceField(forms.ModelMultipleChoiceField):
    """An agenda item, labelled with its number as the viewer sees it (see `attendance_agenda_items`)."""

    def __init__(self, *args: Any, numbers: dict[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.numbers = numbers

    def label_from_instance(self, obj: AgendaItem) -> str:
        return f"{self.numbers[obj.pk]}. {obj.title}"


def _substitute_labels(members: list[ExpectedMember]) -> dict[int, str]:
    """'Karina (stedfortræder for Sisse; emner: psykiatri, socialt udsatte)' for each substitute."""
    parts: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for member in members:
        for substitution in member.substitutions:
            person = substitution.substitute
            names[person.pk] = person.name
            topics = ", ".join(topic.name.lower() for topic in substitution.topics.all())
            parts.setdefault(person.pk, []).append(
                f"for {member.person.name}" + (f" ved {topics}" if topics else "")
            )
    return {pk: f"{names[pk]} (stedfortræder {'; '.join(texts)})" for pk, texts in parts.items()}


class AbsenceForm(DanishForm):
    substitute = SubstituteChoiceField(
        label="I stedet kommer",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Ingen stedfortræder",
        labels={},
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text="En af medlemmets stedfortrædere på mødedagen.",
        error_messages={"invalid_choice": SUBSTITUTE_NOT_ALLOWED},
    )
    agenda_items = ItemChoiceField(
        label="Gælder kun punkterne",
        queryset=AgendaItem.objects.none(),
        numbers={},
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text="Vælg ingen, hvis afbuddet gælder hele mødet.",
        error_messages={"invalid_choice": AGENDA_ITEMS_NOT_ALLOWED},
    )
    note = forms.CharField(
        label="Bemærkning",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        attendance: MeetingAttendance,
        members: list[ExpectedMember] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        members = attendance.members if members is None else members
        substitute = self.fields["substitute"]
        assert isinstance(substitute, SubstituteChoiceField)
        labels = _substitute_labels(members)
        substitute.labels = labels
        substitute.queryset = Person.objects.filter(pk__in=labels).order_by("name")
        items = self.fields["agenda_items"]
        assert isinstance(items, ItemChoiceField)
        items.numbers = {row.item.pk: number_of(row.item) for row in attendance.items}
        items.queryset = AgendaItem.objects.filter(pk__in=items.numbers).order_by("position")

    def _values(self) -> dict[str, Any]:
        data = self.cleaned_data
        substitute = data["substitute"]
        return {
            "substitute_id": None if substitute is None else substitute.pk,
            "agenda_item_ids": tuple(item.pk for item in data["agenda_items"]),
            "note": data["note"],
        }


class AbsenceRecordForm(AbsenceForm):
    membership = MemberChoiceField(
        label="Medlem, der melder afbud",
        queryset=Membership.objects.none(),
        empty_label="Vælg medlem",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": MEMBERSHIP_REQUIRED, "invalid_choice": MEMBERSHIP_NOT_ALLOWED},
    )
    field_order = ["membership", "substitute", "agenda_items", "note"]

    def __init__(self, *args: Any, attendance: MeetingAttendance, **kwargs: Any) -> None:
        super().__init__(*args, attendance=attendance, **kwargs)
        membership = self.fields["membership"]
        assert isinstance(membership, MemberChoiceField)
        membership.queryset = (
            Membership.objects.filter(pk__in=[m.membership.pk for m in attendance.members_without_absence])
            .select_related("person", "party")
            .order_by("person__name")
        )

    def command(self, meeting: Meeting) -> AbsenceRecord:
        return AbsenceRecord(
            meeting_id=meeting.pk, membership_id=self.cleaned_data["membership"].pk, **self._values()
        )


class AbsenceUpdateForm(AbsenceForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def command(self, absence: Absence) -> AbsenceChange:
        return AbsenceChange(
            absence_id=absence.pk, seen_version=self.cleaned_data["seen_version"], **self._values()
        )


def absence_initial(absence: Absence) -> dict[str, Any]:
    """An absence's current values as its form shows them (the starting point of a change)."""
    return {
        "substitute": absence.substitute_id,
        "agenda_items": [item.pk for item in absence.agenda_items.all()],
        "note": absence.note,
        "seen_version": record_version(absence),
    }
