"""The clusters' work: focus areas, initiatives (a tree), trial actions, follow-up research,
funds and allocations, and the health agreement they work within."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from klynge.bodies.models import Body, BodyLevel, Collaboration, CollaborationKind
from klynge.kernel.constraints import CompositeForeignKey
from klynge.kernel.formatting import danish_amount, danish_kroner
from klynge.kernel.validity import period_constraint, validate_period
from klynge.meetings.models import AgendaItem
from klynge.organisation.models import Party, PartyKind, Topic
from klynge.provenance.models import Sourced


class HealthAgreement(Sourced):
    """A health agreement (sundhedsaftale) between a region and its municipalities."""

    name = models.CharField("navn", max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    region = models.ForeignKey(
        Party,
        verbose_name="region",
        on_delete=models.PROTECT,
        related_name="health_agreements",
        limit_choices_to={"kind": PartyKind.REGION},
    )
    valid_from = models.DateField("gyldig fra")
    valid_to = models.DateField("gyldig til")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sundhedsaftale"
        verbose_name_plural = "sundhedsaftaler"
        ordering = ["valid_from"]
        constraints = [period_constraint("health_agreement_period")]

    def __str__(self) -> str:
        return self.name


class FocusAreaStatus(models.TextChoices):
    DISCUSSED = "discussed", "Drøftet"
    ADOPTED = "adopted", "Valgt"
    CLOSED = "closed", "Afsluttet"


class FocusArea(Sourced):
    name = models.CharField("navn", max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField("beskrivelse", blank=True)
    collaborations = models.ManyToManyField(
        Collaboration, verbose_name="samarbejder", related_name="focus_areas"
    )
    topics = models.ManyToManyField(Topic, verbose_name="emner", blank=True, related_name="focus_areas")
    status = models.CharField("status", max_length=20, choices=FocusAreaStatus.choices)
    decided_at = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name="drøftet/valgt på",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focus_areas_decided",
    )
    agenda_items = models.ManyToManyField(
        AgendaItem,
        verbose_name="dagsordenspunkter",
        blank=True,
        related_name="focus_areas",
        db_table="meetings_agendaitem_focus_areas",
        help_text="De dagsordenspunkter, der vedrører fokusområdet.",
    )
    health_agreement = models.ForeignKey(
        HealthAgreement,
        verbose_name="sundhedsaftale",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focus_areas",
    )
    period_start = models.DateField("periode fra", null=True, blank=True)
    period_end = models.DateField("periode til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "fokusområde"
        verbose_name_plural = "fokusområder"
        ordering = ["name"]
        constraints = [period_constraint("focus_area_period", start="period_start", end="period_end")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("work:focus_area_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        validate_period(self, start="period_start", end="period_end")


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", "Foreslået"
    APPROVED = "approved", "Godkendt"
    RUNNING = "running", "I gang"
    EVALUATED = "evaluated", "Evalueret"
    COMPLETED = "completed", "Afsluttet"
    STOPPED = "stopped", "Stoppet"


# The lifecycle: which status may follow which.
INITIATIVE_TRANSITIONS: dict[str, frozenset[str]] = {
    InitiativeStatus.PROPOSED: frozenset({InitiativeStatus.APPROVED, InitiativeStatus.STOPPED}),
    InitiativeStatus.APPROVED: frozenset({InitiativeStatus.RUNNING, InitiativeStatus.STOPPED}),
    InitiativeStatus.RUNNING: frozenset(
        {InitiativeStatus.EVALUATED, InitiativeStatus.COMPLETED, InitiativeStatus.STOPPED}
    ),
    InitiativeStatus.EVALUATED: frozenset(
        {InitiativeStatus.RUNNING, InitiativeStatus.COMPLETED, InitiativeStatus.STOPPED}
    ),
    InitiativeStatus.COMPLETED: frozenset(),
    InitiativeStatus.STOPPED: frozenset(),
}


PARENT_COLLABORATION_MESSAGE = "En indsats kan kun være en del af en indsats i samme samarbejde."


class Initiative(Sourced):
    """A concrete effort (indsats), possibly part of a larger one; approved by a political body."""

    name = models.CharField("navn", max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField("beskrivelse", blank=True)
    collaboration = models.ForeignKey(
        Collaboration, verbose_name="samarbejde", on_delete=models.PROTECT, related_name="initiatives"
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name="fokusområde",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="del af",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    status = models.CharField(
        "status", max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.PROPOSED
    )
    approved_by = models.ForeignKey(
        "meetings.Decision",
        verbose_name="godkendt ved beslutning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_initiatives",
    )
    agenda_items = models.ManyToManyField(
        AgendaItem,
        verbose_name="dagsordenspunkter",
        blank=True,
        related_name="initiatives",
        db_table="meetings_agendaitem_initiatives",
        help_text="De dagsordenspunkter, der vedrører indsatsen.",
    )
    approved_by_body = models.ForeignKey(
        Body,
        verbose_name="godkendt af organ (beslutningen er ikke registreret)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Kun til indsatser, der er politisk besluttet før de blev registreret i Klynge.",
    )
    responsible_parties = models.ManyToManyField(
        Party, verbose_name="ansvarlige parter", blank=True, related_name="initiatives"
    )
    progress = models.PositiveSmallIntegerField(
        "fremdrift (%)", null=True, blank=True, help_text="Tom, hvis fremdriften ikke er opgjort."
    )
    start = models.DateField("start", null=True, blank=True)
    end = models.DateField("slut", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indsats"
        verbose_name_plural = "indsatser"
        ordering = ["name"]
        constraints = [
            period_constraint("initiative_period", start="start", end="end"),
            models.CheckConstraint(
                condition=models.Q(progress__isnull=True) | models.Q(progress__lte=100),
                name="initiative_progress_percent",
                violation_error_message="Fremdriften er en procent mellem 0 og 100.",
            ),
            # A part belongs to its parent's collaboration, in the database too, whatever writes (bulk_create,
            # update(), raw SQL, loaddata): the initiative pages' recursive query relies on it
            # (work.selectors._descendants_of). The pair (id, collaboration) is unique because id is, and
            # exists to be referred to by (parent, collaboration). clean() reports it with its other checks.
            models.UniqueConstraint(fields=["id", "collaboration"], name="initiative_id_collaboration"),
            CompositeForeignKey(
                fields=["parent", "collaboration"],
                to_fields=["id", "collaboration"],
                name="initiative_parent_same_collaboration",
                violation_error_message=PARENT_COLLABORATION_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("work:initiative_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if self.progress is not None and self.progress > 100:
            raise ValidationError({"progress": "Fremdriften er en procent mellem 0 og 100."})
        validate_period(self, start="start", end="end")
        if self.collaboration_id is not None:
            errors = {}
            if self.parent is not None and self.parent.collaboration_id != self.collaboration_id:
                errors["parent"] = PARENT_COLLABORATION_MESSAGE
            if (
                self.focus_area is not None
                and not self.focus_area.collaborations.filter(pk=self.collaboration_id).exists()
            ):
                errors["focus_area"] = "Fokusområdet hører ikke til indsatsens samarbejde."
            if errors:
                raise ValidationError(errors)
        if self.approved_by is not None:
            decision_body = self.approved_by.agenda_item.meeting.body
            if decision_body.level != BodyLevel.POLITICAL:
                raise ValidationError(
                    {"approved_by": "En indsats kan kun godkendes ved en beslutning i et politisk organ."}
                )
            if self.collaboration_id is not None and decision_body.collaboration_id != self.collaboration_id:
                raise ValidationError(
                    {"approved_by": "Beslutningen er truffet i et andet samarbejde end indsatsens."}
                )
        approving_body = self.approved_by_body
        if approving_body is not None:
            if approving_body.level != BodyLevel.POLITICAL:
                raise ValidationError(
                    {"approved_by_body": "En indsats kan kun godkendes af et politisk organ."}
                )
            if self.collaboration_id is not None and approving_body.collaboration_id != self.collaboration_id:
                raise ValidationError(
                    {"approved_by_body": "Organet hører til et andet samarbejde end indsatsens."}
                )
        if self.status not in (InitiativeStatus.PROPOSED, InitiativeStatus.STOPPED) and (
            self.approved_by_id is None and self.approved_by_body_id is None
        ):
            raise ValidationError(
                {"status": "En indsats skal være godkendt ved en beslutning i et politisk organ først."}
            )
        if self.parent_id is not None and self.pk is not None:
            node: Initiative | None = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError({"parent": "En indsats kan ikke være en del af sig selv."})
                node = node.parent


class TrialAction(Sourced):
    """A small pilot (prøvehandling), approved as part of a focus area or an initiative."""

    focus_area = models.ForeignKey(
        FocusArea, verbose_name="fokusområde", on_delete=models.PROTECT, related_name="trial_actions"
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name="indsats",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trial_actions",
    )
    position = models.PositiveSmallIntegerField("nr.")
    name = models.CharField("navn", max_length=300, blank=True)
    named_in_source = models.BooleanField(
        "navngivet i kilden", default=True, help_text="Fra, hvis kilden kun oplyser antallet."
    )
    approved_by = models.ForeignKey(
        "meetings.Decision",
        verbose_name="godkendt ved beslutning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_trial_actions",
    )
    description = models.TextField("beskrivelse", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "prøvehandling"
        verbose_name_plural = "prøvehandlinger"
        ordering = ["focus_area", "position"]
        constraints = [
            models.UniqueConstraint(fields=["focus_area", "position"], name="trial_action_unique_position"),
            models.CheckConstraint(
                condition=~models.Q(named_in_source=True, name=""),
                name="trial_action_named_has_name",
                violation_error_message="En navngivet prøvehandling skal have et navn.",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or f"Prøvehandling {self.position} (ikke navngivet i kilden)"

    def clean(self) -> None:
        super().clean()
        if self.named_in_source and not self.name:
            raise ValidationError({"name": "En navngivet prøvehandling skal have et navn."})
        if self.approved_by is not None:
            body = self.approved_by.agenda_item.meeting.body
            if not body.is_political:
                raise ValidationError({"approved_by": "En prøvehandling godkendes af et politisk organ."})
            if (
                self.focus_area_id is not None
                and not self.focus_area.collaborations.filter(pk=body.collaboration_id).exists()
            ):
                raise ValidationError(
                    {"approved_by": "Beslutningen er truffet i et samarbejde, fokusområdet ikke hører til."}
                )


class FollowUpResearchStatus(models.TextChoices):
    CONSIDERED = "considered", "Mulighed undersøges"
    PLANNED = "planned", "Planlagt"
    RUNNING = "running", "I gang"
    COMPLETED = "completed", "Afsluttet"


class FollowUpResearch(Sourced):
    """Evaluation research (følgeforskning) attached to a focus area or an initiative."""

    title = models.CharField("titel", max_length=300)
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name="fokusområde",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_research",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name="indsats",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_research",
    )
    status = models.CharField("status", max_length=20, choices=FollowUpResearchStatus.choices)
    description = models.TextField("beskrivelse", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "følgeforskning"
        verbose_name_plural = "følgeforskning"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focus_area__isnull=False) | models.Q(initiative__isnull=False),
                name="follow_up_research_has_subject",
                violation_error_message="Følgeforskning hører til et fokusområde eller en indsats.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.focus_area_id is None and self.initiative_id is None:
            raise ValidationError({"focus_area": "Følgeforskning hører til et fokusområde eller en indsats."})


class FundKind(models.TextChoices):
    POOL = "pool", "Pulje"
    # The health councils' frame for local health services ("udmønte den betydelige økonomiske ramme i
    # form af en investeringsmotor til nære sundhedsindsatser", L 214 as quoted by KL).
    INVESTMENT_FUND = "investment_fund", "Investeringsmotor"


class Fund(Sourced):
    """Money a body can allocate in a year: a cluster's pool (klyngemidler) or a health council's investment
    fund (investeringsmotor). The total may be unknown from the sources."""

    body = models.ForeignKey(Body, verbose_name="organ", on_delete=models.PROTECT, related_name="funds")
    kind = models.CharField("type", max_length=20, choices=FundKind.choices, default=FundKind.POOL)
    year = models.PositiveSmallIntegerField("år")
    name = models.CharField("navn", max_length=200)
    amount = models.DecimalField(
        "ramme (kr.)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Tom, hvis rammens størrelse ikke er kendt.",
    )
    description = models.TextField("beskrivelse", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pulje"
        verbose_name_plural = "puljer"
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "name"], name="fund_unique_per_body_year"),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="fund_amount_not_negative",
                violation_error_message="Rammen kan ikke være negativ.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("work:fund_detail", args=[self.pk])

    def allocated_total(self, *, exclude_pk: int | None = None) -> Decimal:
        allocations = (
            self.allocations.all() if exclude_pk is None else self.allocations.exclude(pk=exclude_pk)
        )
        total = allocations.aggregate(total=models.Sum("amount"))["total"]
        return total or Decimal(0)

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "Rammen kan ikke være negativ."})
        if (
            self.kind == FundKind.INVESTMENT_FUND
            and self.body_id is not None
            and self.body.collaboration.kind != CollaborationKind.HEALTH_COUNCIL
        ):
            raise ValidationError({"kind": "Kun et sundhedsråd har en investeringsmotor."})
        if self.pk is not None and self.amount is not None:
            allocated = self.allocated_total()
            if allocated > self.amount:
                raise ValidationError(
                    {"amount": "Rammen kan ikke være mindre end det, der allerede er bevilget."}
                )


class Allocation(Sourced):
    """An amount from a fund, allocated by a decision to a focus area or an initiative."""

    fund = models.ForeignKey(Fund, verbose_name="pulje", on_delete=models.PROTECT, related_name="allocations")
    decision = models.ForeignKey(
        "meetings.Decision", verbose_name="beslutning", on_delete=models.PROTECT, related_name="allocations"
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name="fokusområde",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name="indsats",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
    )
    amount = models.DecimalField("beløb (kr.)", max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bevilling"
        verbose_name_plural = "bevillinger"
        ordering = ["fund", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="allocation_amount_positive",
                violation_error_message="Beløbet skal være større end 0.",
            ),
            models.CheckConstraint(
                condition=models.Q(focus_area__isnull=False) | models.Q(initiative__isnull=False),
                name="allocation_has_target",
                violation_error_message="En bevilling går til et fokusområde eller en indsats.",
            ),
        ]

    def __str__(self) -> str:
        return f"{danish_amount(self.amount)} fra {self.fund}"

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": "Beløbet skal være større end 0."})
        if self.focus_area_id is None and self.initiative_id is None:
            raise ValidationError({"focus_area": "Vælg det fokusområde eller den indsats, der får midlerne."})
        if self.fund_id is None or self.decision_id is None:
            return
        decision_body = self.decision.agenda_item.meeting.body
        fund_collaboration_id = self.fund.body.collaboration_id
        if decision_body.collaboration_id != fund_collaboration_id:
            raise ValidationError(
                {"decision": "Beslutningen er ikke truffet i det samarbejde, som ejer puljen."}
            )
        if self.initiative is not None and self.initiative.collaboration_id != fund_collaboration_id:
            raise ValidationError({"initiative": "Indsatsen hører til et andet samarbejde end puljen."})
        if (
            self.focus_area is not None
            and not self.focus_area.collaborations.filter(pk=fund_collaboration_id).exists()
        ):
            raise ValidationError({"focus_area": "Fokusområdet hører ikke til puljens samarbejde."})
        if self.amount is not None and self.fund.amount is not None:
            allocated = self.fund.allocated_total(exclude_pk=self.pk)
            remaining = self.fund.amount - allocated
            if self.amount > remaining:
                raise ValidationError(
                    {"amount": f"Beløbet overstiger puljens restbeløb på {danish_kroner(remaining)} kr."}
                )
