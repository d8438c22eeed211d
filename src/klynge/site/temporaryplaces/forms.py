"""The Danish import form: a name, the region, the file and whether it is example data."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from klynge.organisation.models import Party
from klynge.site.forms import DanishForm
from klynge.temporaryplaces.commands import FILE_TOO_BIG, MAX_FILE_BYTES, NOT_YOUR_REGION, PlaceCountImport


class PlaceCountImportForm(DanishForm):
    name = forms.CharField(
        label="Navn på opgørelsen",
        max_length=200,
        help_text="Fx »Midlertidige pladser 2023, kommunerne i Region Hovedstaden«.",
        widget=forms.TextInput(attrs={"class": "form-input input-width-xl"}),
    )
    region = forms.ModelChoiceField(
        label="Region",
        queryset=Party.objects.none(),
        empty_label=None,
        help_text="Kommunerne i filen skal høre til regionen.",
        error_messages={"invalid_choice": NOT_YOUR_REGION},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label="CSV-fil",
        help_text="UTF-8 (med eller uden BOM), semikolon eller komma mellem felterne; se kolonnerne nedenfor.",
        widget=forms.ClearableFileInput(attrs={"class": "form-input", "accept": ".csv,text/csv"}),
    )
    is_example = forms.BooleanField(
        label="Eksempeldata – ikke rigtige tal",
        required=False,
        help_text="Markér, hvis tallene er et eksempel; opgørelsen vises da med en advarsel.",
    )
    description = forms.CharField(
        label="Beskrivelse",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input input-width-xl", "rows": 3}),
        help_text="Hvor tallene kommer fra, og hvad de dækker.",
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(FILE_TOO_BIG, code="max_size")
        return upload

    def command(self) -> PlaceCountImport:
        data = self.cleaned_data
        return PlaceCountImport(
            name=data["name"],
            region_id=data["region"].pk,
            content=data["file"].read(),
            file_name=data["file"].name,
            is_example=data["is_example"],
            description=data["description"],
        )
