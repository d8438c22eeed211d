"""Memos (notater) from the secretariat to a political committee, drafted from the records.

A memo's wording lives in `body` (a small Markdown dialect: paragraphs, `## ` headings, `- ` bullets,
`*italic*`), so the secretariat can edit it; every output format is rendered from that one text.
A final memo is frozen; a new version is drafted from it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from klynge.kernel.validity import period_constraint
from klynge.meetings.models import AgendaItem
from klynge.organisation.models import Committee, Party


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


class CommitteeReferral(models.Model):
    """An agenda item, or a decision on it, marked "til orientering for <udvalg>": it reaches the
    committee's next status or orientation memo, and waits on the committee's memo screen until a
    finalised memo has included it.

    A draft that drew it in names it (`drafted_in`); only finalising such a draft marks it included
    (`included_in`), so a draft left unfinished swallows nothing. A referral is as closed as its item:
    it is seen only by those who may read the item, and the memo renders it as a closed passage."""

    committee = models.ForeignKey(
        Committee, verbose_name="udvalg", on_delete=models.PROTECT, related_name="referrals"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name="dagsordenspunkt",
        on_delete=models.CASCADE,
        related_name="committee_referrals",
    )
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name="beslutning",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="committee_referrals",
        help_text="Udfyldes, når det er en bestemt beslutning under punktet, udvalget skal orienteres om.",
    )
    note = models.TextField("bemærkning", blank=True)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="markeret af",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    flagged_at = models.DateTimeField("markeret", auto_now_add=True)
    drafted_in = models.ManyToManyField(
        Memo, verbose_name="udkast, der medtager punktet", blank=True, related_name="drafted_referrals"
    )
    included_in = models.ForeignKey(
        Memo,
        verbose_name="medtaget i notat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="included_referrals",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "punkt til orientering"
        verbose_name_plural = "punkter til orientering"
        ordering = ["agenda_item__meeting__date", "agenda_item__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "agenda_item"],
                condition=models.Q(included_in__isnull=True, decision__isnull=True),
                name="referral_item_pending_once",
            ),
            models.UniqueConstraint(
                fields=["committee", "decision"],
                condition=models.Q(included_in__isnull=True, decision__isnull=False),
                name="referral_decision_pending_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item} til orientering for {self.committee}"

    @property
    def is_pending(self) -> bool:
        return self.included_in_id is None

    def clean(self) -> None:
        super().clean()
        if self.decision is not None and self.decision.agenda_item_id != self.agenda_item_id:
            raise ValidationError({"decision": "Beslutningen hører ikke til punktet."})


def _template_path(instance: "MemoTemplate", filename: str) -> str:
    return f"notatskabeloner/{instance.party.slug}/skabelon.docx"


def _logo_path(instance: "MemoTemplate", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"notatskabeloner/{instance.party.slug}/logo.{suffix}"


class MemoTemplate(models.Model):
    """A party's own Word template and logo for its memos (its municipal letterhead). Without one, or
    without its template file, memos use the shipped default template (`memos/docx/notat.docx`)."""

    party = models.OneToOneField(
        Party, verbose_name="part", on_delete=models.CASCADE, related_name="memo_template"
    )
    template = models.FileField(
        "Word-skabelon",
        upload_to=_template_path,
        blank=True,
        validators=[FileExtensionValidator(["docx"])],
        help_text="En .docx-skabelon med docxtpl-felter (se README). Tom: Klynges standardskabelon.",
    )
    logo = models.FileField(
        "logo",
        upload_to=_logo_path,
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"])],
        help_text="PNG eller JPEG, vises i notatets sidehoved.",
    )
    updated_at = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "notatskabelon"
        verbose_name_plural = "notatskabeloner"
        ordering = ["party__name"]

    def __str__(self) -> str:
        return f"Notatskabelon for {self.party}"
