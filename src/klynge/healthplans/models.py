"""Local health plans (nærsundhedsplaner): a health council's plan for the health services near the
citizens of its area, with its goals and the initiatives that pursue them (L 42, 2025-26, introduces the
national health plan and the local health plans; the councils prepare them)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.kernel.validity import period_constraint
from klynge.provenance.models import Sourced
from klynge.work.models import Initiative


class LocalHealthPlanStatus(models.TextChoices):
    DRAFT = "draft", "Udkast"
    CONSULTATION = "consultation", "I høring"
    ADOPTED = "adopted", "Vedtaget"


class LocalHealthPlan(Sourced):
    council = models.ForeignKey(
        Collaboration,
        verbose_name="sundhedsråd",
        on_delete=models.PROTECT,
        related_name="local_health_plans",
        limit_choices_to={"kind": CollaborationKind.HEALTH_COUNCIL},
    )
    name = models.CharField("navn", max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField("beskrivelse", blank=True)
    status = models.CharField(
        "status", max_length=20, choices=LocalHealthPlanStatus.choices, default=LocalHealthPlanStatus.DRAFT
    )
    valid_from = models.DateField("gælder fra", null=True, blank=True)
    valid_to = models.DateField("gælder til", null=True, blank=True)
    adopted_on = models.DateField("vedtaget den", null=True, blank=True)
    document_url = models.URLField("planen (dokument)", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nærsundhedsplan"
        verbose_name_plural = "nærsundhedsplaner"
        ordering = ["council__name", "-valid_from", "name"]
        constraints = [
            period_constraint("local_health_plan_period"),
            models.UniqueConstraint(fields=["council", "name"], name="local_health_plan_unique_name"),
            models.CheckConstraint(
                condition=~models.Q(status="adopted") | models.Q(adopted_on__isnull=False),
                name="local_health_plan_adopted_has_date",
                violation_error_message="En vedtaget plan skal have en vedtagelsesdato.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("healthplans:plan_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if self.council_id is not None and self.council.kind != CollaborationKind.HEALTH_COUNCIL:
            raise ValidationError({"council": "En nærsundhedsplan hører til et sundhedsråd."})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Slutdatoen kan ikke ligge før startdatoen."})
        if self.status == LocalHealthPlanStatus.ADOPTED and self.adopted_on is None:
            raise ValidationError({"adopted_on": "En vedtaget plan skal have en vedtagelsesdato."})
        if self.status != LocalHealthPlanStatus.ADOPTED and self.adopted_on is not None:
            raise ValidationError({"adopted_on": "Kun en vedtaget plan har en vedtagelsesdato."})


class HealthPlanGoal(Sourced):
    plan = models.ForeignKey(
        LocalHealthPlan, verbose_name="nærsundhedsplan", on_delete=models.CASCADE, related_name="goals"
    )
    position = models.PositiveSmallIntegerField("nr.")
    title = models.CharField("mål", max_length=300)
    description = models.TextField("beskrivelse", blank=True)
    initiatives = models.ManyToManyField(
        Initiative, verbose_name="indsatser", blank=True, related_name="health_plan_goals"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mål i nærsundhedsplan"
        verbose_name_plural = "mål i nærsundhedsplaner"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="health_plan_goal_unique_position")
        ]

    def __str__(self) -> str:
        return self.title
