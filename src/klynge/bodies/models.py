"""Collaborations (clusters, health councils, SSU, coordination forum, secretariat), their bodies per
level, the seats each party holds, the members and their substitutes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from klynge.catchment.models import Hospital
from klynge.kernel.validity import contains, period_constraint, validate_period
from klynge.organisation.models import Administration, Party, PartyKind, Person, Topic
from klynge.provenance.models import Sourced


class CollaborationKind(models.TextChoices):
    CLUSTER = "cluster", "Sundhedsklynge"
    HEALTH_COUNCIL = "health_council", "Sundhedsråd"
    HEALTH_COLLABORATION_COMMITTEE = "ssu", "Sundhedssamarbejdsudvalg"
    COORDINATION_FORUM = "coordination_forum", "Koordinationsforum"
    SECRETARIAT = "secretariat", "Klyngesekretariat"


class Collaboration(Sourced):
    """A collaboration between parties. It is never an authority: authority stays with the parties."""

    name = models.CharField("navn", max_length=200, unique=True)
    short_name = models.CharField("kort navn", max_length=60, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField("type", max_length=30, choices=CollaborationKind.choices)
    description = models.TextField("beskrivelse", blank=True)
    region = models.ForeignKey(
        Party,
        verbose_name="region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_collaborations",
        limit_choices_to={"kind": PartyKind.REGION},
    )
    parties = models.ManyToManyField(
        Party,
        verbose_name="deltagende parter",
        blank=True,
        related_name="collaborations",
        through="Participation",
    )
    hospitals = models.ManyToManyField(
        Hospital, verbose_name="hospitaler", blank=True, related_name="collaborations"
    )
    spans = models.ManyToManyField(
        "self",
        verbose_name="går på tværs af",
        symmetrical=False,
        blank=True,
        related_name="spanned_by",
        help_text="Fx koordinationsforum og sekretariat, der går på tværs af klynger.",
    )
    host_party = models.ForeignKey(
        Party,
        verbose_name="forankret hos",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_collaborations",
    )
    administrations = models.ManyToManyField(
        Administration,
        verbose_name="forvaltninger",
        blank=True,
        related_name="collaborations",
        help_text="Forvaltninger, som et sekretariat går på tværs af.",
    )
    valid_from = models.DateField("gyldig fra", null=True, blank=True)
    valid_to = models.DateField("gyldig til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "samarbejde"
        verbose_name_plural = "samarbejder"
        ordering = ["kind", "name"]
        constraints = [period_constraint("collaboration_valid_period")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("bodies:collaboration_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        validate_period(self)


class Participation(models.Model):
    """A party takes part in a collaboration, for the collaboration's lifetime unless dates say otherwise.

    The dates matter for who reads closed agenda items: a party's secretariat reads those of the
    meetings held while the party took part."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, verbose_name="samarbejde")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, verbose_name="part")
    start = models.DateField("deltager fra", null=True, blank=True)
    end = models.DateField("deltager til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        # The table Django made for the plain many-to-many relation before participation had dates.
        db_table = "bodies_collaboration_parties"
        verbose_name = "deltagelse"
        verbose_name_plural = "deltagelser"
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "party"], name="participation_once"),
            period_constraint("participation_period", start="start", end="end"),
        ]

    def __str__(self) -> str:
        return f"{self.party} i {self.collaboration}"

    def clean(self) -> None:
        super().clean()
        validate_period(self, start="start", end="end")


class BodyLevel(models.TextChoices):
    POLITICAL = "political", "Politisk niveau"
    PROFESSIONAL = "professional", "Fagligt niveau"
    ADMINISTRATIVE = "administrative", "Administrativt niveau"


class Body(Sourced):
    """The body of a collaboration at one level, e.g. the political level of Sundhedsklynge Byen."""

    collaboration = models.ForeignKey(
        Collaboration, verbose_name="samarbejde", on_delete=models.PROTECT, related_name="bodies"
    )
    level = models.CharField("niveau", max_length=20, choices=BodyLevel.choices)
    name = models.CharField("navn", max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField("beskrivelse", blank=True)
    valid_from = models.DateField("gyldig fra", null=True, blank=True)
    valid_to = models.DateField("gyldig til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "organ"
        verbose_name_plural = "organer"
        ordering = ["collaboration__name", "level"]
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "level"], name="body_one_per_level"),
            period_constraint("body_valid_period"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("bodies:body_detail", args=[self.slug])

    @property
    def is_political(self) -> bool:
        return self.level == BodyLevel.POLITICAL

    def clean(self) -> None:
        super().clean()
        validate_period(self)
        collaboration = self.collaboration if self.collaboration_id else None
        if collaboration is None:
            return
        for field in ("valid_from", "valid_to"):
            day = getattr(self, field)
            if not contains(collaboration.valid_from, collaboration.valid_to, day):
                raise ValidationError({field: "Organets periode skal ligge inden for samarbejdets periode."})

    def is_active_on(self, day: datetime.date) -> bool:
        return contains(self.valid_from, self.valid_to, day) and contains(
            self.collaboration.valid_from, self.collaboration.valid_to, day
        )


class Seat(Sourced):
    """How many seats a party holds in a body."""

    body = models.ForeignKey(Body, verbose_name="organ", on_delete=models.CASCADE, related_name="seats")
    party = models.ForeignKey(Party, verbose_name="part", on_delete=models.PROTECT, related_name="seats")
    count = models.PositiveSmallIntegerField("antal pladser")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "plads"
        verbose_name_plural = "pladser"
        ordering = ["body__name", "party__name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "party"], name="seat_one_row_per_party"),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="seat_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.count} i {self.body}"

    def clean(self) -> None:
        super().clean()
        if self.count is not None and self.count < 1:
            raise ValidationError({"count": "En part har mindst 1 plads i et organ."})
        if self.body_id is None or self.party_id is None or self.count is None:
            return
        busiest = max_concurrent_memberships(body_id=self.body_id, party_id=self.party_id)
        if busiest > self.count:
            raise ValidationError(
                {
                    "count": f"Parten har {busiest} medlemmer på samme tid i organet; antallet kan ikke være lavere."
                }
            )


class MembershipRole(models.TextChoices):
    CO_CHAIR = "co_chair", "Medformand"
    VICE_CHAIR = "vice_chair", "Næstformand"
    MEMBER = "member", "Medlem"


class Membership(Sourced):
    """A person holds one of a party's seats in a body for a period."""

    person = models.ForeignKey(
        Person, verbose_name="person", on_delete=models.PROTECT, related_name="memberships"
    )
    body = models.ForeignKey(Body, verbose_name="organ", on_delete=models.PROTECT, related_name="memberships")
    party = models.ForeignKey(
        Party, verbose_name="repræsenterer", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        "rolle", max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    title = models.CharField(
        "titel i organet", max_length=200, blank=True, help_text="Fx sundheds- og omsorgsborgmester."
    )
    start = models.DateField("fra")
    end = models.DateField("til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "medlemskab"
        verbose_name_plural = "medlemskaber"
        ordering = ["body__name", "role", "person__name"]
        constraints = [period_constraint("membership_period", start="start", end="end")]

    def __str__(self) -> str:
        return f"{self.person} i {self.body}"

    def clean(self) -> None:
        super().clean()
        if self.body_id is None or self.party_id is None or self.start is None:
            return
        body = self.body
        for field in ("start", "end"):
            day = getattr(self, field)
            if day is not None and not body.is_active_on(day):
                raise ValidationError({field: "Medlemskabet skal ligge inden for organets periode."})
        if self.end is not None and self.end < self.start:
            raise ValidationError({"end": "Slutdatoen ligger før startdatoen."})
        seat = Seat.objects.filter(body_id=self.body_id, party_id=self.party_id).first()
        if seat is None:
            return
        busiest = max_concurrent_memberships(
            body_id=self.body_id, party_id=self.party_id, extra=(self.start, self.end), exclude_pk=self.pk
        )
        if busiest > seat.count:
            raise ValidationError(
                {
                    "party": f"{self.party} har {seat.count} "
                    f"{'plads' if seat.count == 1 else 'pladser'} i {body}, og de er besat i perioden."
                }
            )


def max_concurrent_memberships(
    *,
    body_id: int,
    party_id: int,
    extra: tuple[datetime.date, datetime.date | None] | None = None,
    exclude_pk: int | None = None,
) -> int:
    """The largest number of a party's memberships of a body that are active on the same day."""
    periods: list[tuple[datetime.date, datetime.date | None]] = list(
        Membership.objects.filter(body_id=body_id, party_id=party_id)
        .exclude(pk=exclude_pk or 0)
        .values_list("start", "end")
    )
    if extra is not None:
        periods.append(extra)
    # The count can only rise at a start date, so checking every start date finds the maximum.
    return max(
        (sum(1 for s, e in periods if s <= day and (e is None or day <= e)) for day, _ in periods),
        default=0,
    )


class Substitution(Sourced):
    """Who may attend instead of a member, and for which topics (stedfortræder)."""

    principal = models.ForeignKey(
        Membership, verbose_name="i stedet for", on_delete=models.CASCADE, related_name="substitutions"
    )
    substitute = models.ForeignKey(
        Person, verbose_name="stedfortræder", on_delete=models.PROTECT, related_name="substitutions"
    )
    topics = models.ManyToManyField(
        Topic,
        verbose_name="når dagsordenen handler om",
        blank=True,
        related_name="substitutions",
    )
    condition = models.CharField(
        "betingelse",
        max_length=300,
        blank=True,
        help_text="Fx: hvis det er mere relevant i forhold til dagsordenen.",
    )
    start = models.DateField("fra")
    end = models.DateField("til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "stedfortræder"
        verbose_name_plural = "stedfortrædere"
        ordering = ["principal__body__name", "substitute__name"]
        constraints = [period_constraint("substitution_period", start="start", end="end")]

    def __str__(self) -> str:
        return f"{self.substitute} for {self.principal.person}"

    def clean(self) -> None:
        super().clean()
        validate_period(self, start="start", end="end")
        if self.principal_id is None or self.substitute_id is None:
            return
        principal = self.principal
        if principal.person_id == self.substitute_id:
            raise ValidationError({"substitute": "En person kan ikke være stedfortræder for sig selv."})
        for field in ("start", "end"):
            # An open end lasts longer than a membership that ends.
            outside = (
                principal.end is not None
                if field == "end" and self.end is None
                else not contains(principal.start, principal.end, getattr(self, field))
            )
            if outside:
                raise ValidationError(
                    {field: "Stedfortræderperioden skal ligge inden for medlemskabets periode."}
                )
