"""Where each record comes from: a memo, a public source, or an example file.

Every domain record points at a Source, so the UI can always say what a fact rests on.
"""

from django.db import models
from django.urls import reverse


class SourceKind(models.TextChoices):
    MEMO = "memo", "Notat"
    PUBLIC = "public", "Offentlig kilde"
    REFERENCE = "reference", "Referencedata"
    EXAMPLE = "example", "Eksempeldata (ikke rigtige tal)"
    USER = "user", "Indtastet i Klynge"


class Source(models.Model):
    key = models.SlugField("nøgle", max_length=80, unique=True)
    kind = models.CharField("type", max_length=20, choices=SourceKind.choices)
    title = models.CharField("titel", max_length=300)
    publisher = models.CharField("udgiver", max_length=200, blank=True)
    date = models.DateField("dato", null=True, blank=True)
    url = models.URLField("adresse", blank=True)
    description = models.TextField("beskrivelse", blank=True)

    class Meta:
        verbose_name = "kilde"
        verbose_name_plural = "kilder"
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("provenance:source_detail", args=[self.key])


class Sourced(models.Model):
    """Abstract base for records that must say where they come from."""

    source = models.ForeignKey(
        Source,
        verbose_name="kilde",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_note = models.TextField(
        "kildehenvisning",
        blank=True,
        help_text="Citat eller præcisering: hvad i kilden posten bygger på.",
    )

    class Meta:
        abstract = True
