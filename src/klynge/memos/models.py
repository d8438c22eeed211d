"""Memos (notater) from the secretariat to a political committee, drafted from the records.

A memo's wording lives in `body` (a small Markdown dialect: paragraphs, `## ` headings, `- ` bullets,
`*italic*`), so the secretariat can edit it; every output format is rendered from that one text.
A final memo is frozen; a new version is drafted from it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from klynge.kernel.validity import period_constraint
from klynge.meetings.models import AgendaItem
from klynge.organisation.models import Committee


class CaseNumberKind(models.Model):
    """A kind of case number a memo carries, e.g. Edoc-sagsnummer, F2 sagsnummer (configurable)."""

    code = models.SlugField("kode", max_length=30, unique=True)
    label = models.CharField("betegnelse", max_length=100, unique=True)
    position = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        verbose_name = "sagsnummertype"
        verbose_name_plural = "sagsnummertyper"
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class MemoKind(models.TextChoices):
    ORIENTATION = "orientation", "Orienteringsnotat"
    STATUS = "status", "Statusnotat"


class MemoStatus(models.TextChoices):
    DRAFT = "draft", "Kladde"
    FINAL = "final", "Endelig"


class Memo(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name="udvalg", on_delete=models.PROTECT, related_name="memos"
    )
    kind = models.CharField("type", max_length=20, choices=MemoKind.choices)
    status = models.CharField("status", max_length=10, choices=MemoStatus.choices, default=MemoStatus.DRAFT)
    title = models.CharField("titel", max_length=300)
    memo_date = models.DateField("notatets dato", null=True, blank=True)
    committee_meeting_date = models.DateField("til udvalgets møde", null=True, blank=True)
    period_start = models.DateField("periode fra", null=True, blank=True)
    period_end = models.DateField("periode til", null=True, blank=True)
    case_handler = models.CharField("sagsbehandler", max_length=200, blank=True)
    body = models.TextField("tekst")
    version = models.PositiveSmallIntegerField("version", default=1)
    previous_version = models.OneToOneField(
        "self",
        verbose_name="tidligere version",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    closed_items = models.ManyToManyField(
        AgendaItem,
        verbose_name="lukkede punkter",
        blank=True,
        related_name="memos_drawing_on",
        help_text="Lukkede punkter, som notatet gengiver. Et notat med lukkede punkter er et lukket notat: "
        "kun den, der må læse hvert af punkterne, kan se det. Listen bliver aldrig kortere; "
        "en offentlig version er et nyt notat uden de lukkede passager.",
    )
    public_version_of = models.ForeignKey(
        "self",
        verbose_name="offentlig version af",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_versions",
    )
    finalised_at = models.DateTimeField("endeligt", null=True, blank=True)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    updated_at = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "notat"
        verbose_name_plural = "notater"
        ordering = ["-memo_date", "-pk"]
        constraints = [
            period_constraint("memo_period", start="period_start", end="period_end"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(finalised_at__isnull=False),
                name="memo_final_has_timestamp",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("memos:memo_detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.status == MemoStatus.FINAL

    def clean(self) -> None:
        super().clean()
        if not self.body.strip():
            raise ValidationError({"body": "Notatet har ingen tekst."})


class MemoCaseNumber(models.Model):
    memo = models.ForeignKey(
        Memo, verbose_name="notat", on_delete=models.CASCADE, related_name="case_numbers"
    )
    kind = models.ForeignKey(
        CaseNumberKind, verbose_name="type", on_delete=models.PROTECT, related_name="case_numbers"
    )
    number = models.CharField("sagsnummer", max_length=100)

    class Meta:
        verbose_name = "sagsnummer"
        verbose_name_plural = "sagsnumre"
        ordering = ["kind__position", "kind__label"]
        constraints = [models.UniqueConstraint(fields=["memo", "kind"], name="memo_case_number_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.number}"
