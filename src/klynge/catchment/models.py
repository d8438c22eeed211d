"""Hospitals, areas and which hospital an area belongs to (optageområde), over time and per specialty."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from klynge.kernel.validity import period_constraint, validate_period
from klynge.organisation.models import Party, PartyKind
from klynge.provenance.models import Sourced


class Hospital(Sourced):
    name = models.CharField("navn", max_length=200, unique=True)
    short_name = models.CharField("kort navn", max_length=60, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    region = models.ForeignKey(
        Party,
        verbose_name="region",
        on_delete=models.PROTECT,
        related_name="hospitals",
        limit_choices_to={"kind": PartyKind.REGION},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hospital"
        verbose_name_plural = "hospitaler"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Specialty(models.Model):
    """A specialty whose catchment may differ from the general one, e.g. births (fødeområdet)."""

    name = models.CharField("navn", max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        verbose_name = "speciale"
        verbose_name_plural = "specialer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AreaKind(models.TextChoices):
    REGION = "region", "Region"
    MUNICIPALITY = "municipality", "Kommune"
    DISTRICT = "district", "Bydel"
    LOCALITY = "locality", "Lokalområde"


class Area(Sourced):
    name = models.CharField("navn", max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField("type", max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="ligger i",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    party = models.ForeignKey(
        Party,
        verbose_name="part",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="areas",
        help_text="Kommunen eller regionen, som området er.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "område"
        verbose_name_plural = "områder"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class CatchmentRule(Sourced):
    """An area belongs to a hospital, for all specialties or one, in a period."""

    area = models.ForeignKey(
        Area, verbose_name="område", on_delete=models.PROTECT, related_name="catchment_rules"
    )
    hospital = models.ForeignKey(
        Hospital, verbose_name="hospital", on_delete=models.PROTECT, related_name="catchment_rules"
    )
    specialty = models.ForeignKey(
        Specialty,
        verbose_name="speciale",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catchment_rules",
        help_text="Tom for det generelle optageområde.",
    )
    valid_from = models.DateField("gyldig fra")
    valid_to = models.DateField("gyldig til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "optageområderegel"
        verbose_name_plural = "optageområderegler"
        ordering = ["area__name", "valid_from"]
        constraints = [period_constraint("catchment_rule_valid_period")]

    def __str__(self) -> str:
        return f"{self.area} → {self.hospital}"

    def clean(self) -> None:
        super().clean()
        validate_period(self)
        if self.area_id is None or self.valid_from is None:
            return
        overlapping = CatchmentRule.objects.filter(area_id=self.area_id, specialty=self.specialty).exclude(
            pk=self.pk or 0
        )
        overlapping = overlapping.filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from)
        )
        if self.valid_to is not None:
            overlapping = overlapping.filter(valid_from__lte=self.valid_to)
        if overlapping.exists():
            raise ValidationError(
                {"valid_from": "Perioden overlapper en anden regel for samme område og speciale."}
            )
