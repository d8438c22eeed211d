"""Parties, administrations, committees, people, topics and who holds the authority for what."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from klynge.kernel.validity import period_constraint, validate_period
from klynge.provenance.models import Sourced


class PartyKind(models.TextChoices):
    MUNICIPALITY = "municipality", "Kommune"
    REGION = "region", "Region"
    GENERAL_PRACTICE = "general_practice", "Almen praksis"


# Kommunekode (0101-0860) or regionskode (1081-1085) as DAGI writes them: four digits.
OFFICIAL_CODE = RegexValidator(
    r"^[0-9]{4}\Z", message="Koden skal være fire cifre, fx 0101.", code="invalid_official_code"
)


class Party(Sourced):
    """One of the three kinds of party that share responsibility in a cluster."""

    name = models.CharField("navn", max_length=200, unique=True)
    short_name = models.CharField("kort navn", max_length=40, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField("type", max_length=30, choices=PartyKind.choices)
    region = models.ForeignKey(
        "self",
        verbose_name="region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members_of_region",
        limit_choices_to={"kind": PartyKind.REGION},
    )
    official_code = models.CharField(
        "officiel kode",
        max_length=4,
        blank=True,
        validators=[OFFICIAL_CODE],
        help_text="Kommunekode eller regionskode (DAGI), fire cifre, fx 0101 for Københavns Kommune.",
    )
    valid_from = models.DateField("gyldig fra", null=True, blank=True)
    valid_to = models.DateField("gyldig til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "part"
        verbose_name_plural = "parter"
        ordering = ["kind", "name"]
        constraints = [
            period_constraint("party_valid_period"),
            models.UniqueConstraint(
                fields=["kind", "official_code"],
                condition=~models.Q(official_code=""),
                name="party_unique_official_code",
                violation_error_message="En anden part af samme type har allerede denne kode.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:party_detail", args=[self.slug])


class RegionMembership(Sourced):
    """Which region a municipality belongs to, and from when to when.

    Party.region names the region a municipality belongs to now; this keeps the periods, so a date can be
    answered: until 31 December 2026 Københavns Kommune belongs to Region Hovedstaden, from 1 January 2027
    to Region Østdanmark (L 213, overgangsloven)."""

    municipality = models.ForeignKey(
        Party,
        verbose_name="kommune",
        on_delete=models.CASCADE,
        related_name="region_memberships",
        limit_choices_to={"kind": PartyKind.MUNICIPALITY},
    )
    region = models.ForeignKey(
        Party,
        verbose_name="region",
        on_delete=models.PROTECT,
        related_name="municipality_memberships",
        limit_choices_to={"kind": PartyKind.REGION},
    )
    valid_from = models.DateField("gyldig fra", null=True, blank=True)
    valid_to = models.DateField("gyldig til", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "regionstilhør"
        verbose_name_plural = "regionstilhør"
        ordering = ["municipality__name", "valid_from"]
        constraints = [
            period_constraint("region_membership_valid_period"),
            models.UniqueConstraint(fields=["municipality", "region"], name="region_membership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} i {self.region}"

    def clean(self) -> None:
        super().clean()
        validate_period(self)
        errors: dict[str, str] = {}
        if self.municipality_id is not None and self.municipality.kind != PartyKind.MUNICIPALITY:
            errors["municipality"] = f"{self.municipality} er ikke en kommune."
        if self.region_id is not None and self.region.kind != PartyKind.REGION:
            errors["region"] = f"{self.region} er ikke en region."
        if errors:
            raise ValidationError(errors)
        if self.municipality_id is None:
            return
        others = RegionMembership.objects.filter(municipality=self.municipality_id).exclude(pk=self.pk)
        for other in others.select_related("region"):
            starts_before_other_ends = (
                other.valid_to is None or self.valid_from is None or (self.valid_from <= other.valid_to)
            )
            ends_after_other_starts = (
                other.valid_from is None or self.valid_to is None or (self.valid_to >= other.valid_from)
            )
            if starts_before_other_ends and ends_after_other_starts:
                raise ValidationError(
                    {"valid_from": f"{self.municipality} hører allerede til {other.region} i perioden."}
                )


class Administration(Sourced):
    """A municipal administration (forvaltning), e.g. SUF, SOF, BUF."""

    party = models.ForeignKey(
        Party, verbose_name="part", on_delete=models.PROTECT, related_name="administrations"
    )
    name = models.CharField("navn", max_length=200)
    abbreviation = models.CharField("forkortelse", max_length=20)
    slug = models.SlugField(max_length=80, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "forvaltning"
        verbose_name_plural = "forvaltninger"
        ordering = ["party__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "abbreviation"], name="administration_unique_abbreviation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


class Topic(models.Model):
    """A subject used to match agendas, focus areas, committees, substitutes and authority."""

    name = models.CharField("navn", max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        verbose_name = "emne"
        verbose_name_plural = "emner"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# A committee's code names it on the command line and in file names (notat-sou-2023-12-14-v1.docx).
COMMITTEE_CODE = RegexValidator(
    r"^[0-9A-Za-zÆØÅæøå-]+\Z",
    message="Koden kan kun indeholde bogstaver, tal og bindestreg, fx SOU.",
    code="invalid_code",
)


class Committee(Sourced):
    """A political committee (udvalg) of a party; it receives the secretariat's memos."""

    party = models.ForeignKey(Party, verbose_name="part", on_delete=models.PROTECT, related_name="committees")
    administration = models.ForeignKey(
        Administration,
        verbose_name="forvaltning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
    )
    name = models.CharField("navn", max_length=200)
    code = models.CharField(
        "kode",
        max_length=20,
        unique=True,
        validators=[COMMITTEE_CODE],
        help_text="Kort kode af bogstaver, tal og bindestreg, fx SOU for Sundheds- og Omsorgsudvalget.",
    )
    slug = models.SlugField(max_length=80, unique=True)
    topics = models.ManyToManyField(Topic, verbose_name="emner", blank=True, related_name="committees")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "udvalg"
        verbose_name_plural = "udvalg"
        ordering = ["party__name", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:committee_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        administration = self.administration if self.administration_id is not None else None
        if (
            administration is not None
            and self.party_id is not None
            and administration.party_id != self.party_id
        ):
            raise ValidationError({"administration": "Forvaltningen hører ikke til udvalgets part."})


class Person(Sourced):
    name = models.CharField("navn", max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    party = models.ForeignKey(
        Party, verbose_name="part", on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    title = models.CharField("titel", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:person_detail", args=[self.slug])


class AuthorityArea(Sourced):
    """A topic on which a kind of party (or one party) holds the authority (myndighedsansvar).

    A cluster is no authority: it may not make a joint decision on such a topic when a
    participating party holds the authority; it can only recommend.
    """

    topic = models.ForeignKey(
        Topic, verbose_name="emne", on_delete=models.PROTECT, related_name="authority_areas"
    )
    holder_kind = models.CharField("myndighed (type)", max_length=30, choices=PartyKind.choices)
    party = models.ForeignKey(
        Party,
        verbose_name="bestemt part",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authority_areas",
        help_text="Udfyldes kun, hvis myndigheden ligger hos én bestemt part og ikke hos alle af typen.",
    )
    description = models.TextField("beskrivelse", blank=True)
    legal_basis = models.CharField("hjemmel", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "myndighedsområde"
        verbose_name_plural = "myndighedsområder"
        ordering = ["topic__name"]

    def __str__(self) -> str:
        holder = self.party.name if self.party is not None else self.get_holder_kind_display()
        return f"{self.topic}: {holder}"

    def clean(self) -> None:
        super().clean()
        if self.party is not None and self.holder_kind and self.party.kind != self.holder_kind:
            raise ValidationError(
                {"party": f"{self.party} er ikke af typen »{self.get_holder_kind_display().lower()}«."}
            )

    def held_by_any_of(self, parties: Iterable[Party]) -> list[Party]:
        return [
            p
            for p in parties
            if p.kind == self.holder_kind and (self.party_id is None or p.pk == self.party_id)
        ]
