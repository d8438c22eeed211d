"""Meetings of bodies, their agenda items, the decisions made and the figures reported."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from klynge.bodies.models import Body, CollaborationKind
from klynge.catchment.models import Area
from klynge.kernel.validity import contains
from klynge.organisation.models import AuthorityArea, Party, Topic
from klynge.provenance.models import Sourced


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planlagt"
    HELD = "held", "Afholdt"
    CANCELLED = "cancelled", "Aflyst"


class DatePrecision(models.TextChoices):
    DAY = "day", "Dato"
    MONTH = "month", "Måned"
    HALF_YEAR = "half_year", "Halvår"


class Meeting(Sourced):
    body = models.ForeignKey(Body, verbose_name="organ", on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(
        "dato", help_text="Er datoen kun kendt som måned eller halvår, angives periodens første dag."
    )
    date_precision = models.CharField(
        "datoens præcision", max_length=20, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    start_time = models.TimeField("starttidspunkt", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    is_extra = models.BooleanField("ekstraordinært møde", default=False)
    title = models.CharField("titel", max_length=200, blank=True)
    location = models.CharField("sted", max_length=200, blank=True)
    submission_deadline = models.DateTimeField(
        "frist for punkter",
        null=True,
        blank=True,
        help_text="Seneste tidspunkt, hvor parterne kan foreslå punkter til dagsordenen.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "møde"
        verbose_name_plural = "møder"
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["body", "date"])]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.body_id is None or self.date is None:
            return
        if self.date_precision != DatePrecision.DAY and self.status == MeetingStatus.HELD:
            raise ValidationError({"status": "Et afholdt møde skal have en præcis dato."})
        if self.date_precision == DatePrecision.DAY and not self.body.is_active_on(self.date):
            raise ValidationError({"date": f"{self.body} findes ikke på denne dato."})
        if self.date_precision != DatePrecision.DAY and not self._body_exists_in_period():
            raise ValidationError({"date": f"{self.body} findes ikke i denne periode."})
        if self.status == MeetingStatus.HELD and self.date > timezone.localdate():
            raise ValidationError({"status": "Et møde i fremtiden kan ikke være afholdt."})

    @property
    def day(self) -> datetime.date:
        return self.date

    @property
    def period_end(self) -> datetime.date:
        """The last day the date may stand for: the day itself, the month's or the half-year's last day."""
        if self.date_precision == DatePrecision.MONTH:
            following = (self.date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            return following - datetime.timedelta(days=1)
        if self.date_precision == DatePrecision.HALF_YEAR:
            return (
                datetime.date(self.date.year, 6, 30)
                if self.date.month <= 6
                else datetime.date(self.date.year, 12, 31)
            )
        return self.date

    def _body_exists_in_period(self) -> bool:
        collaboration = self.body.collaboration
        starts = [d for d in (self.body.valid_from, collaboration.valid_from) if d is not None]
        ends = [d for d in (self.body.valid_to, collaboration.valid_to) if d is not None]
        return not (ends and self.date > min(ends)) and not (starts and self.period_end < max(starts))


class AgendaItemKind(models.TextChoices):
    THEME_DISCUSSION = "theme_discussion", "Temadrøftelse"
    DISCUSSION = "discussion", "Drøftelse"
    DECISION = "decision", "Beslutning"
    ORIENTATION = "orientation", "Orientering"
    STATUS = "status", "Status"


class AgendaItem(Sourced):
    meeting = models.ForeignKey(
        Meeting, verbose_name="møde", on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField("punkt nr.")
    title = models.CharField("titel", max_length=300)
    kind = models.CharField("type", max_length=30, choices=AgendaItemKind.choices)
    is_public = models.BooleanField("åbent punkt", default=True)
    is_tentative = models.BooleanField(
        "forventet",
        default=False,
        help_text="Punktet er forventet, men endnu ikke endeligt sat på dagsordenen.",
    )
    summary = models.TextField("resumé", blank=True)
    # A case as Danish agendas set it out: what the case is (sagsfremstilling), what the secretariat
    # recommends (indstilling) and, once held, what the body decided (beslutning, the minutes' text).
    case_description = models.TextField("sagsfremstilling", blank=True)
    recommendation = models.TextField("indstilling", blank=True)
    decision_text = models.TextField("beslutning", blank=True)
    topics = models.ManyToManyField(Topic, verbose_name="emner", blank=True, related_name="agenda_items")
    focus_areas = models.ManyToManyField(
        "work.FocusArea", verbose_name="fokusområder", blank=True, related_name="agenda_items"
    )
    initiatives = models.ManyToManyField(
        "work.Initiative", verbose_name="indsatser", blank=True, related_name="agenda_items"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dagsordenspunkt"
        verbose_name_plural = "dagsordenspunkter"
        ordering = ["meeting__date", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_unique_position")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def anchor(self) -> str:
        """The item's anchor on its meeting's page, by its id: the same for every viewer, and it tells nothing
        of the items around it (a position would tell where a closed item lies that the viewer may not see).
        """
        return f"dagsordenspunkt-{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.meeting_id]) + f"#{self.anchor}"


class DecisionKind(models.TextChoices):
    JOINT = "joint", "Fælles beslutning"
    RECOMMENDATION = "recommendation", "Anbefaling til en part"
    COUNCIL_RECOMMENDATION = "council_recommendation", "Indstilling til regionsrådet"
    COORDINATION = "coordination", "Koordinering"


# The kinds by which a body proposes and another decides: each names its recipient, whose later decision
# is recorded as the recommendation's response (RecommendationResponse).
RECOMMENDING_KINDS = (DecisionKind.RECOMMENDATION, DecisionKind.COUNCIL_RECOMMENDATION)


class Decision(Sourced):
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name="dagsordenspunkt", on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField("type", max_length=30, choices=DecisionKind.choices)
    text = models.TextField("beslutning")
    topic = models.ForeignKey(
        Topic,
        verbose_name="emne",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        help_text="Emnet afgør, om en part har myndigheden, så klyngen kun kan anbefale.",
    )
    recommended_to = models.ForeignKey(
        Party,
        verbose_name="anbefaling til",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "beslutning"
        verbose_name_plural = "beslutninger"
        ordering = ["agenda_item__meeting__date", "agenda_item__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind__in=["recommendation", "council_recommendation"])
                | models.Q(recommended_to__isnull=False),
                name="decision_recommendation_has_recipient",
                violation_error_message="En anbefaling skal have en modtager.",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        super().clean()
        if self.agenda_item_id is None:
            return
        meeting = self.agenda_item.meeting
        if meeting.status != MeetingStatus.HELD:
            raise ValidationError({"agenda_item": "Der kan kun registreres beslutninger fra afholdte møder."})
        if self.kind in RECOMMENDING_KINDS and self.recommended_to_id is None:
            raise ValidationError({"recommended_to": "En anbefaling skal have en modtager."})
        if self.kind not in RECOMMENDING_KINDS and self.recommended_to_id is not None:
            raise ValidationError({"recommended_to": "Kun en anbefaling har en modtager."})
        if self.kind == DecisionKind.COUNCIL_RECOMMENDATION:
            self._check_council_recommendation(meeting)
        if self.kind == DecisionKind.JOINT:
            if self.topic_id is None and not self.agenda_item.topics.exists():
                raise ValidationError(
                    {
                        "topic": "Angiv emnet for en fælles beslutning, så det kan afgøres, om klyngen "
                        "har myndigheden."
                    }
                )
            self._refuse_joint_decision_on_authority()

    def _refuse_joint_decision_on_authority(self) -> None:
        """A joint decision is checked against its own topic or, without one, every topic of its item."""
        if self.topic_id is not None:
            topics = Q(topic=self.topic_id)
        elif self.agenda_item.pk is not None:
            topics = Q(topic__in=self.agenda_item.topics.all())
        else:
            return
        collaboration = self.agenda_item.meeting.body.collaboration
        participants = list(collaboration.parties.all())
        for authority in AuthorityArea.objects.filter(topics).select_related("party", "topic"):
            holders = authority.held_by_any_of(participants)
            if holders:
                names = ", ".join(p.name for p in holders)
                raise ValidationError(
                    {
                        "kind": (
                            f"{collaboration.name} er ikke myndighed: {names} har myndighedsansvaret for "
                            f"»{authority.topic.name}«. Registrér beslutningen som en anbefaling til "
                            f"{'parten' if len(holders) == 1 else 'parterne'} i stedet."
                        )
                    }
                )

    def _check_council_recommendation(self, meeting: Meeting) -> None:
        """A health council is a standing committee under its regional council: it recommends
        (indstiller), and only to that regional council, which decides (L 214, 2024-25)."""
        collaboration = meeting.body.collaboration
        if collaboration.kind != CollaborationKind.HEALTH_COUNCIL:
            raise ValidationError(
                {"kind": "Kun et sundhedsråd indstiller til regionsrådet. Brug »Anbefaling til en part«."}
            )
        if self.recommended_to_id != collaboration.region_id:
            region = collaboration.region.name if collaboration.region is not None else "rådets region"
            raise ValidationError(
                {"recommended_to": f"Sundhedsrådet indstiller til regionsrådet i {region}."}
            )

    @property
    def meeting(self) -> Meeting:
        return self.agenda_item.meeting

    @property
    def awaits_response(self) -> bool:
        """A recommendation whose recipient has not yet been recorded as deciding on it."""
        return self.kind in RECOMMENDING_KINDS and not hasattr(self, "response")


class ResponseOutcome(models.TextChoices):
    FOLLOWED = "followed", "Fulgt"
    FOLLOWED_WITH_CHANGES = "followed_with_changes", "Fulgt med ændringer"
    NOT_FOLLOWED = "not_followed", "Ikke fulgt"
    POSTPONED = "postponed", "Udsat"


class RecommendationResponse(Sourced):
    """What the recipient of a recommendation decided on it: the regional council on a health council's
    indstilling, or a party on a cluster's anbefaling. Recorded from the recipient's own minutes (source)."""

    decision = models.OneToOneField(
        Decision, verbose_name="anbefaling", on_delete=models.CASCADE, related_name="response"
    )
    outcome = models.CharField("udfald", max_length=30, choices=ResponseOutcome.choices)
    decided_on = models.DateField("besluttet den")
    text = models.TextField("beslutning", blank=True)
    reference = models.URLField("henvisning til beslutningen", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "beslutning på en anbefaling"
        verbose_name_plural = "beslutninger på anbefalinger"

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.decided_on:%d.%m.%Y}"

    def clean(self) -> None:
        super().clean()
        if self.decision_id is None or self.decided_on is None:
            return
        if self.decision.kind not in RECOMMENDING_KINDS:
            raise ValidationError({"decision": "Kun en anbefaling eller indstilling får en beslutning."})
        if self.decided_on < self.decision.agenda_item.meeting.date:
            raise ValidationError({"decided_on": "Beslutningen kan ikke ligge før mødet, der anbefalede."})


class FigureMetric(models.TextChoices):
    GPS_NEEDED = "gps_needed", "Behov for nye praktiserende læger"
    GP_THREATENED_AREA = "gp_threatened_area", "Lægedækningstruet område"
    OTHER = "other", "Andet tal"


class ReportedFigure(Sourced):
    """A figure or finding reported at a meeting, kept as reported, with its source."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name="dagsordenspunkt", on_delete=models.CASCADE, related_name="reported_figures"
    )
    metric = models.CharField("hvad", max_length=30, choices=FigureMetric.choices)
    label = models.CharField("betegnelse", max_length=300, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name="område",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
    )
    value = models.DecimalField("værdi", max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField("enhed", max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(
        "år", null=True, blank=True, help_text="Målår eller gyldighedsår."
    )
    explanation = models.CharField("forklaring", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "afrapporteret tal"
        verbose_name_plural = "afrapporterede tal"
        ordering = ["agenda_item", "pk"]

    def __str__(self) -> str:
        return self.label or self.get_metric_display()

    def clean(self) -> None:
        super().clean()
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": "Værdien kan ikke være negativ."})
        if self.metric == FigureMetric.GP_THREATENED_AREA and self.area_id is None:
            raise ValidationError({"area": "Et lægedækningstruet område skal angive området."})

    @property
    def meeting_date(self) -> datetime.date:
        return self.agenda_item.meeting.date

    def within(self, start: datetime.date | None, end: datetime.date | None) -> bool:
        return contains(start, end, self.meeting_date)
