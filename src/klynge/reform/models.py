"""The 2027 reform's transition: a reviewable plan per cluster of which health council(s) carry on each of
its focus areas and initiatives, and the lineage from each original record to its successors.

The clusters' own records are never changed: the link between old and new lives here."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.work.models import FocusArea, Initiative


class RecordKind(models.TextChoices):
    FOCUS_AREA = "focus_area", "Fokusområde"
    INITIATIVE = "initiative", "Indsats"


class TransitionPlan(models.Model):
    """The secretariat's plan for one cluster: saved, reviewed and finally carried over."""

    cluster = models.OneToOneField(
        Collaboration,
        verbose_name="klynge",
        on_delete=models.PROTECT,
        related_name="transition_plan",
        limit_choices_to={"kind": CollaborationKind.CLUSTER},
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gemt af",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField("gemt")
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="overført af",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    transferred_at = models.DateTimeField("overført", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "overgangsplan"
        verbose_name_plural = "overgangsplaner"
        ordering = ["cluster__name"]

    def __str__(self) -> str:
        return f"Overgangsplan for {self.cluster}"

    def clean(self) -> None:
        super().clean()
        if self.cluster_id is not None and self.cluster.kind != CollaborationKind.CLUSTER:
            raise ValidationError({"cluster": "En overgangsplan hører til en sundhedsklynge."})


class PlanEntry(models.Model):
    """What happens to one focus area or initiative: the council(s) that carry it on, or none (with a note)."""

    plan = models.ForeignKey(
        TransitionPlan, verbose_name="plan", on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField("type", max_length=20, choices=RecordKind.choices)
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name="fokusområde",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name="indsats", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    councils = models.ManyToManyField(
        Collaboration,
        verbose_name="sundhedsråd",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": CollaborationKind.HEALTH_COUNCIL},
    )
    proposal_reason = models.TextField("begrundelse for forslaget", blank=True)
    note = models.TextField("bemærkning", blank=True)
    history = HistoricalRecords(m2m_fields=[councils])

    class Meta:
        verbose_name = "planlagt videreførelse"
        verbose_name_plural = "planlagte videreførelser"
        ordering = ["plan", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=RecordKind.FOCUS_AREA, focus_area__isnull=False, initiative__isnull=True)
                    | models.Q(kind=RecordKind.INITIATIVE, initiative__isnull=False, focus_area__isnull=True)
                ),
                name="plan_entry_one_record",
                violation_error_message="En planlagt videreførelse gælder ét fokusområde eller én indsats.",
            ),
            models.UniqueConstraint(fields=["plan", "focus_area"], name="plan_entry_unique_focus_area"),
            models.UniqueConstraint(fields=["plan", "initiative"], name="plan_entry_unique_initiative"),
        ]

    def __str__(self) -> str:
        return str(self.record)

    @property
    def record(self) -> FocusArea | Initiative | None:
        return self.focus_area if self.kind == RecordKind.FOCUS_AREA else self.initiative


class CarryOver(models.Model):
    """Provenance of a successor record: which cluster record it carries on, in which council, and when."""

    kind = models.CharField("type", max_length=20, choices=RecordKind.choices)
    council = models.ForeignKey(
        Collaboration, verbose_name="sundhedsråd", on_delete=models.PROTECT, related_name="+"
    )
    cluster = models.ForeignKey(
        Collaboration, verbose_name="fra klynge", on_delete=models.PROTECT, related_name="+"
    )
    original_focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, null=True, blank=True, related_name="carried_over_to"
    )
    successor_focus_area = models.OneToOneField(
        FocusArea, on_delete=models.PROTECT, null=True, blank=True, related_name="carried_over_from"
    )
    original_initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, null=True, blank=True, related_name="carried_over_to"
    )
    successor_initiative = models.OneToOneField(
        Initiative, on_delete=models.PROTECT, null=True, blank=True, related_name="carried_over_from"
    )
    original_history_count = models.PositiveIntegerField("ændringer i originalens historik ved overførslen")
    approval = models.TextField(
        "godkendelse i klyngen", blank=True, help_text="Hvordan originalen blev godkendt i klyngen."
    )
    carried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="overført af",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    carried_at = models.DateTimeField("overført")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "videreførelse"
        verbose_name_plural = "videreførelser"
        ordering = ["carried_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["original_focus_area", "council"], name="carry_over_focus_area_once_per_council"
            ),
            models.UniqueConstraint(
                fields=["original_initiative", "council"], name="carry_over_initiative_once_per_council"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=RecordKind.FOCUS_AREA,
                        original_focus_area__isnull=False,
                        successor_focus_area__isnull=False,
                        original_initiative__isnull=True,
                        successor_initiative__isnull=True,
                    )
                    | models.Q(
                        kind=RecordKind.INITIATIVE,
                        original_initiative__isnull=False,
                        successor_initiative__isnull=False,
                        original_focus_area__isnull=True,
                        successor_focus_area__isnull=True,
                    )
                ),
                name="carry_over_one_kind",
                violation_error_message="En videreførelse gælder ét fokusområde eller én indsats.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original} → {self.council}"

    @property
    def original(self) -> FocusArea | Initiative | None:
        return self.original_focus_area if self.kind == RecordKind.FOCUS_AREA else self.original_initiative

    @property
    def successor(self) -> FocusArea | Initiative | None:
        return self.successor_focus_area if self.kind == RecordKind.FOCUS_AREA else self.successor_initiative
