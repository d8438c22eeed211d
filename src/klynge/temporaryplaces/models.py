"""Counts of temporary places (midlertidige pladser) among a region's municipalities.

A count (opgørelse) holds, per municipality and period, the places it has and the place-days they were
occupied (capacity rows), and the place-days one municipality bought of another's places in the period,
with an optional price per place-day (trade rows). The settlement across the region is computed from
them (settlement.py); nothing computed is stored.

Units: places (pladser) are the number of places the municipality has in the period; place-days
(døgn) are days a place was occupied. A municipality's occupied place-days include the place-days it
sold to other municipalities (their citizens on its places).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from klynge.kernel.validity import period_constraint
from klynge.organisation.models import Party, PartyKind
from klynge.provenance.models import Sourced
from klynge.temporaryplaces.periods import Period, period_kind

PERIOD_REFUSAL = "Perioden skal være en hel måned, et helt kvartal eller et helt år."


class PlaceCount(Sourced):
    """A count of temporary places for a region's municipalities, imported from one file."""

    name = models.CharField("navn", max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    region = models.ForeignKey(
        Party,
        verbose_name="region",
        on_delete=models.PROTECT,
        related_name="temporary_place_counts",
        limit_choices_to={"kind": PartyKind.REGION},
    )
    is_example = models.BooleanField(
        "eksempeldata", default=False, help_text="Opgørelsen er et eksempel og ikke rigtige tal."
    )
    description = models.TextField("beskrivelse", blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="drøftet på møde",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="temporary_place_counts",
        help_text="Mødet, hvor opgørelsen af de midlertidige pladser blev drøftet.",
    )
    file_name = models.CharField("importeret fil", max_length=255, blank=True)
    created_at = models.DateTimeField("importeret", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "opgørelse af midlertidige pladser"
        verbose_name_plural = "opgørelser af midlertidige pladser"
        ordering = ["-created_at", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("temporaryplaces:place_count_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if self.region_id is not None and self.region.kind != PartyKind.REGION:
            raise ValidationError({"region": f"{self.region} er ikke en region."})


class PeriodRow(models.Model):
    period_start = models.DateField("periodens start")
    period_end = models.DateField("periodens slutning")

    class Meta:
        abstract = True

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    def clean(self) -> None:
        super().clean()
        if period_kind(self.period_start, self.period_end) is None:
            raise ValidationError({"period_end": PERIOD_REFUSAL})

    def _ensure_municipality_of_region(self, field: str) -> None:
        party: Party | None = getattr(self, field) if getattr(self, f"{field}_id") is not None else None
        if party is None or self.count_id is None:  # type: ignore[attr-defined]
            return
        region_id = self.count.region_id  # type: ignore[attr-defined]
        if party.kind != PartyKind.MUNICIPALITY or party.region_id != region_id:
            raise ValidationError({field: f"{party} er ikke en kommune i opgørelsens region."})


class PlaceCapacity(PeriodRow):
    """A municipality's temporary places in a period, and the place-days they were occupied."""

    count = models.ForeignKey(
        PlaceCount, verbose_name="opgørelse", on_delete=models.CASCADE, related_name="capacities"
    )
    municipality = models.ForeignKey(
        Party,
        verbose_name="kommune",
        on_delete=models.PROTECT,
        related_name="temporary_place_capacities",
        limit_choices_to={"kind": PartyKind.MUNICIPALITY},
    )
    places = models.PositiveIntegerField("pladser")
    place_days_used = models.PositiveIntegerField(
        "belægningsdøgn",
        help_text="Døgn, hvor kommunens pladser var belagt – også af andre kommuners borgere.",
    )

    class Meta:
        verbose_name = "kapacitet"
        verbose_name_plural = "kapacitet"
        ordering = ["period_start", "municipality__name"]
        constraints = [
            period_constraint("place_capacity_period", "period_start", "period_end"),
            models.UniqueConstraint(
                fields=["count", "municipality", "period_start"],
                name="place_capacity_unique_per_period",
                violation_error_message="Kommunen har allerede en kapacitetslinje for perioden.",
            ),
            models.CheckConstraint(
                condition=models.Q(places__gte=0) & models.Q(place_days_used__gte=0),
                name="place_capacity_not_negative",
                violation_error_message="Pladser og belægningsdøgn kan ikke være negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}, {self.period.label if self.period_start else ''}"

    def clean(self) -> None:
        super().clean()
        self._ensure_municipality_of_region("municipality")
        if (
            self.period_start
            and self.period_end
            and self.places is not None
            and self.place_days_used is not None
        ):
            available = self.places * self.period.days
            if self.place_days_used > available:
                raise ValidationError(
                    {
                        "place_days_used": (
                            f"{self.place_days_used} belægningsdøgn er flere end pladsernes {available} "
                            f"pladsdøgn ({self.places} pladser × {self.period.days} dage)."
                        )
                    }
                )
        if (
            self.count_id is not None
            and self.municipality_id is not None
            and self.period_start
            and self.period_end
        ):
            overlapping = PlaceCapacity.objects.filter(
                count_id=self.count_id,
                municipality_id=self.municipality_id,
                period_start__lte=self.period_end,
                period_end__gte=self.period_start,
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(
                    {"period_start": "Perioden overlapper en anden periode for samme kommune i opgørelsen."}
                )


class PlaceTrade(PeriodRow):
    """Place-days one municipality bought of another's temporary places in a period."""

    count = models.ForeignKey(
        PlaceCount, verbose_name="opgørelse", on_delete=models.CASCADE, related_name="trades"
    )
    buyer = models.ForeignKey(
        Party,
        verbose_name="køber",
        on_delete=models.PROTECT,
        related_name="temporary_places_bought",
        limit_choices_to={"kind": PartyKind.MUNICIPALITY},
    )
    seller = models.ForeignKey(
        Party,
        verbose_name="sælger",
        on_delete=models.PROTECT,
        related_name="temporary_places_sold",
        limit_choices_to={"kind": PartyKind.MUNICIPALITY},
    )
    place_days = models.PositiveIntegerField("købte døgn")
    price_per_day = models.DecimalField(
        "pris pr. døgn", max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "køb af pladser"
        verbose_name_plural = "køb af pladser"
        ordering = ["period_start", "buyer__name", "seller__name"]
        constraints = [
            period_constraint("place_trade_period", "period_start", "period_end"),
            models.UniqueConstraint(
                fields=["count", "buyer", "seller", "period_start"],
                name="place_trade_unique_per_period",
                violation_error_message="Købet mellem de to kommuner er allerede opgjort for perioden.",
            ),
            models.CheckConstraint(
                condition=~models.Q(buyer=models.F("seller")),
                name="place_trade_not_self",
                violation_error_message="En kommune kan ikke købe pladser af sig selv.",
            ),
            models.CheckConstraint(
                condition=models.Q(place_days__gte=0)
                & (models.Q(price_per_day__isnull=True) | models.Q(price_per_day__gte=0)),
                name="place_trade_not_negative",
                violation_error_message="Døgn og pris kan ikke være negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} køber af {self.seller}"

    def clean(self) -> None:
        super().clean()
        self._ensure_municipality_of_region("buyer")
        self._ensure_municipality_of_region("seller")
        if self.count_id is None or not (self.period_start and self.period_end):
            return
        for field in ("buyer", "seller"):
            party_id = getattr(self, f"{field}_id")
            has_capacity = PlaceCapacity.objects.filter(
                count_id=self.count_id,
                municipality_id=party_id,
                period_start=self.period_start,
                period_end=self.period_end,
            ).exists()
            if party_id is not None and not has_capacity:
                raise ValidationError(
                    {field: f"{getattr(self, field)} har ingen kapacitet opgjort for perioden i opgørelsen."}
                )
