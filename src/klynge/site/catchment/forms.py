"""The Danish forms of the catchment pages: the lookup (by GET) and the import (administrators only)."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from klynge.catchment.commands import CatchmentRulesImport
from klynge.catchment.models import Area, AreaKind, Specialty
from klynge.site.forms import DanishForm, DateField

MAX_FILE_SIZE = 1024 * 1024
SELECT = {"class": "form-select"}


def area_choices(areas: list[Area]) -> list[Any]:
    """Municipalities grouped with their districts and localities: [("", "Vælg …"), (group, [(slug, name)])]."""
    children: dict[int, list[Area]] = {}
    for area in areas:
        if area.parent_id is not None and area.kind != AreaKind.MUNICIPALITY:
            children.setdefault(area.parent_id, []).append(area)
    groups: list[Any] = [("", "Vælg et område")]
    for municipality in sorted((a for a in areas if a.kind == AreaKind.MUNICIPALITY), key=lambda a: a.name):
        options = [(municipality.slug, f"{municipality.name} (hele kommunen)")]
        options += [
            (a.slug, f"{a.name} ({a.get_kind_display().lower()})")
            for a in sorted(children.get(municipality.pk, []), key=lambda a: a.name)
        ]
        groups.append((f"{municipality.name} Kommune", options))
    return groups


class CatchmentLookupForm(DanishForm):
    omraade = forms.ChoiceField(
        label="Område",
        required=False,
        help_text="En kommune eller en bydel. Tom: kun tabellen over alle kommuner og bydele.",
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": "Vælg et område.",
            "invalid_choice": "Området findes ikke. Vælg et fra listen.",
        },
    )
    speciale = forms.ChoiceField(
        label="Speciale",
        required=False,
        help_text="Tom: det generelle optageområde. Har specialet ingen egen regel, gælder det generelle.",
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": "Specialet findes ikke. Vælg et fra listen."},
    )
    dato = DateField(label="Dato", required=False, help_text="Tom: i dag.")

    def __init__(self, *args: Any, areas: list[Area], specialties: list[Specialty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["omraade"]
        specialty_field = self.fields["speciale"]
        assert isinstance(area_field, forms.ChoiceField) and isinstance(specialty_field, forms.ChoiceField)
        area_field.choices = area_choices(areas)
        specialty_field.choices = [("", "Generelt optageområde")] + [(s.slug, s.name) for s in specialties]


class CatchmentImportForm(DanishForm):
    file = forms.FileField(
        label="Fil (CSV)",
        help_text="Semikolon- eller kommasepareret, UTF-8, med kolonnerne beskrevet nedenfor.",
        error_messages={"required": "Vælg en fil.", "empty": "Filen er tom.", "invalid": "Vælg en fil."},
        widget=forms.ClearableFileInput(attrs={"class": "form-file-input", "accept": ".csv,text/csv"}),
    )
    source_note = forms.CharField(
        label="Kilde",
        max_length=1000,
        widget=forms.TextInput(attrs={"class": "form-input"}),
        help_text="Hvor reglerne kommer fra, fx »Region Hovedstaden, revision af optageområder, december 2025«.",
        error_messages={"required": "Skriv, hvor reglerne kommer fra."},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError("Filen er for stor; den må højst fylde 1 MB.")
        return upload

    def command(self) -> CatchmentRulesImport:
        upload: UploadedFile = self.cleaned_data["file"]
        note = self.cleaned_data["source_note"].strip()
        if upload.name:
            note = f"{note} (indlæst fra filen {upload.name})"
        return CatchmentRulesImport(content=upload.read(), source_note=note)
