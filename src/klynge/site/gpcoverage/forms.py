"""The Danish upload form for a GP coverage file: it builds the import command; the service holds the rules."""

from decimal import Decimal

from django import forms
from django.core.files.uploadedfile import UploadedFile

from klynge.gpcoverage.commands import GpCoverageDatasetImport
from klynge.gpcoverage.models import (
    DEFAULT_CLOSED_PRACTICES,
    DEFAULT_CRITERIA_REQUIRED,
    DEFAULT_NORM,
    DEFAULT_SHARE_60_PLUS,
)
from klynge.site.forms import DanishForm

MAX_FILE_SIZE = 5 * 1024 * 1024
TEXT = {"class": "form-input"}
NUMBER = {"class": "form-input input-width-xs", "inputmode": "numeric"}
WHOLE = "Skriv et helt tal, fx 1600."


def _whole(
    label: str, *, initial: int | None, help_text: str, required: bool, min_value: int, max_value: int = 10**6
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        initial=initial,
        required=required,
        min_value=min_value,
        max_value=max_value,
        help_text=help_text,
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages={
            "invalid": WHOLE,
            "required": "Skriv et tal.",
            "min_value": f"Tallet skal være mindst {min_value}.",
            "max_value": f"Tallet kan højst være {max_value:,}.".replace(",", "."),
        },
    )


class GpCoverageImportForm(DanishForm):
    name = forms.CharField(
        label="Navn på datasættet",
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
        help_text="Fx »Lægedækning 2024–2030, Region Hovedstaden«.",
        error_messages={"required": "Giv datasættet et navn."},
    )
    file = forms.FileField(
        label="Fil (CSV)",
        help_text="Semikolon- eller kommasepareret, UTF-8, med kolonnerne beskrevet nedenfor.",
        error_messages={"required": "Vælg en fil.", "empty": "Filen er tom.", "invalid": "Vælg en fil."},
        widget=forms.ClearableFileInput(attrs={"class": "form-file-input", "accept": ".csv,text/csv"}),
    )
    source_note = forms.CharField(
        label="Kilde",
        max_length=1000,
        widget=forms.TextInput(attrs=TEXT),
        help_text="Hvor tallene kommer fra, fx »Region Hovedstaden, lægedækningsanalyse, marts 2024«.",
        error_messages={"required": "Skriv, hvor tallene kommer fra."},
    )
    description = forms.CharField(
        label="Beskrivelse", required=False, widget=forms.Textarea(attrs={"class": "form-input", "rows": 3})
    )
    is_example = forms.BooleanField(
        label="Eksempeldata – ikke rigtige tal",
        required=False,
        help_text="Sæt kryds, hvis tallene er opdigtede. Datasættet vises så altid som eksempeldata.",
    )
    norm = _whole(
        "Norm (patienter pr. kapacitet)",
        initial=DEFAULT_NORM,
        required=True,
        min_value=1,
        help_text="Behovet for kapaciteter regnes som indbyggere delt med normen, rundet op.",
    )
    max_patients_per_capacity = _whole(
        "Truet over (patienter pr. kapacitet)",
        initial=DEFAULT_NORM,
        required=False,
        min_value=1,
        help_text="Normalt det samme som normen. Tom: kriteriet bruges ikke.",
    )
    share_60_plus_percent = _whole(
        "Truet over (procent af kapaciteterne hos læger på 60 år eller derover)",
        initial=int(DEFAULT_SHARE_60_PLUS * 100),
        required=False,
        min_value=0,
        max_value=100,
        help_text="Fx 30. Tom: kriteriet bruges ikke.",
    )
    closed_practices_threshold = _whole(
        "Truet ved (antal praksisser med lukket liste)",
        initial=DEFAULT_CLOSED_PRACTICES,
        required=False,
        min_value=1,
        help_text="Truet, når mindst så mange praksisser har lukket for tilgang. Tom: kriteriet bruges ikke.",
    )
    criteria_required = forms.TypedChoiceField(
        label="Truet, når mindst så mange kriterier er opfyldt",
        choices=[(1, "1"), (2, "2"), (3, "3")],
        coerce=int,
        initial=DEFAULT_CRITERIA_REQUIRED,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Vælg 1, 2 eller 3."},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError("Filen er for stor; den må højst fylde 5 MB.")
        return upload

    def command(self) -> GpCoverageDatasetImport:
        data = self.cleaned_data
        percent = data["share_60_plus_percent"]
        upload: UploadedFile = data["file"]
        return GpCoverageDatasetImport(
            name=data["name"],
            content=upload.read(),
            file_name=upload.name or "",
            source_note=data["source_note"],
            description=data["description"],
            is_example=data["is_example"],
            norm=data["norm"],
            max_patients_per_capacity=data["max_patients_per_capacity"],
            share_60_plus_threshold=None if percent is None else Decimal(percent) / 100,
            closed_practices_threshold=data["closed_practices_threshold"],
            criteria_required=data["criteria_required"],
        )
