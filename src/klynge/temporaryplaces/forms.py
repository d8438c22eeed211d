"""The Danish import form: a name, the region, the file and whether it is example data."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from klynge.organisation.models import Party
from klynge.site.forms import DanishForm

MAX_FILE_BYTES = 2 * 1024 * 1024


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
        error_messages={"invalid_choice": "Du kan kun importere opgørelser for din egen region."},
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
            raise ValidationError("Filen er for stor (højst 2 MB).", code="max_size")
        return upload
