"""GP coverage (lægedækning): imported datasets of population and GP capacities per area and year.

A dataset is imported once from a file (see `importing.py`) and then read: the forecast of the GPs needed
(`forecast.py`) is computed from its rows and its own norm and criteria, never stored. An example dataset
(`is_example`) holds invented figures for trying the model and is always shown as such.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from klynge.catchment.models import Area
from klynge.provenance.models import Sourced, SourceKind

# The defaults, explicit and configurable per dataset.
DEFAULT_NORM = 1600  # registered patients per GP capacity (the usual Danish norm)
DEFAULT_SHARE_60_PLUS = Decimal(
    "0.30"
)  # threatened when more than 30 % of the capacities are held by GPs 60+
DEFAULT_CLOSED_PRACTICES = 1  # threatened when at least one practice has closed its list
DEFAULT_CRITERIA_REQUIRED = 1  # threatened when at least this many criteria are met
MIN_YEAR, MAX_YEAR = 1990, 2100


class GpCoverageDataset(Sourced):
    """One imported file of GP coverage figures, with the norm and the criteria it is read by."""

    name = models.CharField("navn", max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField("beskrivelse", blank=True)
    is_example = models.BooleanField(
        "eksempeldata",
        default=False,
        help_text="Opdigtede tal til at afprøve modellen; vises altid som eksempeldata – ikke rigtige tal.",
    )
    file_name = models.CharField("filnavn", max_length=255, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="indlæst af",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField("indlæst", auto_now_add=True)
    norm = models.PositiveIntegerField(
        "norm (patienter pr. kapacitet)",
        default=DEFAULT_NORM,
        help_text="Antal tilmeldte patienter pr. lægekapacitet, som behovet regnes ud fra.",
    )
    max_patients_per_capacity = models.PositiveIntegerField(
        "truet over (patienter pr. kapacitet)",
        null=True,
        blank=True,
        default=DEFAULT_NORM,
        help_text="Truet, når der er flere patienter pr. kapacitet end dette. Tom: kriteriet bruges ikke.",
    )
    share_60_plus_threshold = models.DecimalField(
        "truet over (andel kapaciteter hos læger på 60+)",
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        default=DEFAULT_SHARE_60_PLUS,
        help_text="Andel mellem 0 og 1, fx 0,30. Tom: kriteriet bruges ikke.",
    )
    closed_practices_threshold = models.PositiveIntegerField(
        "truet ved (praksisser med lukket liste)",
        null=True,
        blank=True,
        default=DEFAULT_CLOSED_PRACTICES,
        help_text="Truet, når mindst så mange praksisser har lukket for tilgang. Tom: kriteriet bruges ikke.",
    )
    criteria_required = models.PositiveSmallIntegerField(
        "antal kriterier for truet",
        default=DEFAULT_CRITERIA_REQUIRED,
        help_text="Et område er truet, når mindst så mange af kriterierne er opfyldt.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lægedækningsdatasæt"
        verbose_name_plural = "lægedækningsdatasæt"
        ordering = ["-imported_at", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(norm__gt=0),
                name="gp_dataset_norm_positive",
                violation_error_message=("Normen skal være mindst 1 patient pr. kapacitet."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_patients_per_capacity__isnull=True)
                | models.Q(max_patients_per_capacity__gt=0),
                name="gp_dataset_max_patients_positive",
                violation_error_message="Grænsen for patienter pr. kapacitet skal være mindst 1.",
            ),
            models.CheckConstraint(
                condition=models.Q(share_60_plus_threshold__isnull=True)
                | models.Q(share_60_plus_threshold__gte=0, share_60_plus_threshold__lte=1),
                name="gp_dataset_share_60_plus_between_0_and_1",
                violation_error_message="Andelen af læger på 60+ skal ligge mellem 0 og 1.",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_practices_threshold__isnull=True)
                | models.Q(closed_practices_threshold__gt=0),
                name="gp_dataset_closed_practices_threshold_positive",
                violation_error_message="Grænsen for praksisser med lukket liste skal være mindst 1.",
            ),
            models.CheckConstraint(
                condition=models.Q(criteria_required__gte=1, criteria_required__lte=3),
                name="gp_dataset_criteria_required_1_to_3",
                violation_error_message="Antal kriterier for truet skal være 1, 2 eller 3.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (eksempeldata)" if self.is_example else self.name

    def get_absolute_url(self) -> str:
        return reverse("gpcoverage:dataset_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        # The constraints' rules, reported on their fields (full_clean then skips those constraints).
        errors: dict[str, str] = {}
        if self.norm is not None and self.norm < 1:
            errors["norm"] = "Normen skal være mindst 1 patient pr. kapacitet."
        if self.max_patients_per_capacity is not None and self.max_patients_per_capacity < 1:
            errors["max_patients_per_capacity"] = "Grænsen for patienter pr. kapacitet skal være mindst 1."
        share = self.share_60_plus_threshold
        if share is not None and not Decimal(0) <= share <= Decimal(1):
            errors["share_60_plus_threshold"] = "Andelen af læger på 60+ skal ligge mellem 0 og 1."
        if self.closed_practices_threshold is not None and self.closed_practices_threshold < 1:
            errors["closed_practices_threshold"] = (
                "Grænsen for praksisser med lukket liste skal være mindst 1."
            )
        if self.criteria_required is not None and not 1 <= self.criteria_required <= 3:
            errors["criteria_required"] = "Antal kriterier for truet skal være 1, 2 eller 3."
        if errors:
            raise ValidationError(errors)
        if self.source is not None and self.source.kind == SourceKind.EXAMPLE and not self.is_example:
            raise ValidationError(
                {"is_example": "Et datasæt fra en eksempelkilde skal markeres som eksempeldata."}
            )
        criteria = [
            self.max_patients_per_capacity,
            self.share_60_plus_threshold,
            self.closed_practices_threshold,
        ]
        in_use = sum(1 for c in criteria if c is not None)
        if self.criteria_required is not None and in_use and self.criteria_required > in_use:
            raise ValidationError(
                {
                    "criteria_required": (
                        f"Der er kun {in_use} kriterier i brug; et område kan ikke opfylde "
                        f"{self.criteria_required}."
                    )
                }
            )


class GpCoverageFigure(models.Model):
    """One area's figures for one year in a dataset, as imported."""

    dataset = models.ForeignKey(
        GpCoverageDataset, verbose_name="datasæt", on_delete=models.CASCADE, related_name="figures"
    )
    area = models.ForeignKey(
        Area, verbose_name="område", on_delete=models.PROTECT, related_name="gp_coverage_figures"
    )
    year = models.PositiveSmallIntegerField("år")
    population = models.IntegerField("indbyggere")
    population_is_forecast = models.BooleanField("prognose", default=False)
    capacities = models.IntegerField(
        "kapaciteter",
        null=True,
        blank=True,
        help_text="Lægekapaciteter i året. Tom i prognoseår: regnes ud fra seneste år med kapaciteter.",
    )
    capacities_60_plus = models.IntegerField("kapaciteter hos læger på 60+", null=True, blank=True)
    expected_retirements = models.IntegerField("forventede afgange", default=0)
    closed_practices = models.IntegerField("praksisser med lukket liste", null=True, blank=True)

    class Meta:
        verbose_name = "lægedækningstal"
        verbose_name_plural = "lægedækningstal"
        ordering = ["dataset", "area__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "area", "year"],
                name="gp_figure_one_per_area_and_year",
                violation_error_message="Datasættet har allerede tal for området i året.",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="gp_figure_year_in_range",
                violation_error_message=f"Året skal ligge mellem {MIN_YEAR} og {MAX_YEAR}.",
            ),
            models.CheckConstraint(
                condition=models.Q(population__gte=0),
                name="gp_figure_population_not_negative",
                violation_error_message="Antal indbyggere kan ikke være negativt.",
            ),
            models.CheckConstraint(
                condition=models.Q(capacities__isnull=True) | models.Q(capacities__gte=0),
                name="gp_figure_capacities_not_negative",
                violation_error_message="Antal kapaciteter kan ikke være negativt.",
            ),
            models.CheckConstraint(
                condition=models.Q(capacities_60_plus__isnull=True) | models.Q(capacities_60_plus__gte=0),
                name="gp_figure_capacities_60_plus_not_negative",
                violation_error_message="Antal kapaciteter hos læger på 60+ kan ikke være negativt.",
            ),
            models.CheckConstraint(
                condition=models.Q(capacities_60_plus__isnull=True)
                | models.Q(capacities__isnull=True)
                | models.Q(capacities_60_plus__lte=models.F("capacities")),
                name="gp_figure_60_plus_within_capacities",
                violation_error_message="Kapaciteter hos læger på 60+ kan ikke overstige alle kapaciteter.",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_retirements__gte=0),
                name="gp_figure_retirements_not_negative",
                violation_error_message="Antal forventede afgange kan ikke være negativt.",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_practices__isnull=True) | models.Q(closed_practices__gte=0),
                name="gp_figure_closed_practices_not_negative",
                violation_error_message="Antal praksisser med lukket liste kan ikke være negativt.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}"

    def clean(self) -> None:
        super().clean()
        if (
            self.capacities is not None
            and self.capacities_60_plus is not None
            and self.capacities_60_plus > self.capacities
        ):
            raise ValidationError(
                {"capacities_60_plus": "Kapaciteter hos læger på 60+ kan ikke overstige alle kapaciteter."}
            )
