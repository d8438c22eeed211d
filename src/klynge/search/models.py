"""The search index: one row per searchable record, kept current by klynge.search.signals.

The row holds what a result shows (title, date, link) and the text that is searched. Whether a viewer
may see the row is not copied into it: a row of an agenda item or a decision points to its agenda item,
and a memo's row to its memo, so the access rules in klynge.meetings.access and klynge.memos.access
decide at query time, exactly as on the record's own page. The agenda item's two fields the rule reads
(`is_public`, `meeting`) are copied into the row when it is written (the row is refreshed whenever the
item is saved), so the rule needs no join to the agenda items.

Full-text matching is the database's: on PostgreSQL the `vector` column (config 'danish', title
weighted A, text B) with a GIN index; on SQLite an FTS5 table holding Snowball-stemmed tokens. Both are
created by migration 0002 for their database only; the code for each lives in klynge.search.backends.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Kind(models.TextChoices):
    """What kind of record a result is, in the order the kind filter lists them."""

    MEETING = "meeting", "Møde"
    AGENDA_ITEM = "agenda_item", "Dagsordenspunkt"
    DECISION = "decision", "Beslutning"
    FOCUS_AREA = "focus_area", "Fokusområde"
    INITIATIVE = "initiative", "Indsats"
    TRIAL_ACTION = "trial_action", "Prøvehandling"
    MEMO = "memo", "Notat"
    ATTACHMENT = "attachment", "Bilag"
    PERSON = "person", "Person"


class SearchEntry(models.Model):
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField("post-id")
    title = models.CharField("titel", max_length=500)
    text = models.TextField("tekst", blank=True)
    date = models.DateField("dato", null=True, blank=True)
    date_precision = models.CharField(
        "datoens præcision", max_length=20, default="day", help_text="Som et mødes: day, month, half_year."
    )
    url = models.CharField("adresse", max_length=500)
    # Visibility follows these records (see the module docstring); empty for public kinds.
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name="dagsordenspunkt",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    memo = models.ForeignKey(
        "memos.Memo", verbose_name="notat", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Copies of the agenda item's `is_public` and `meeting`, written with the row (services.py), so
    # the access rule is a test of the row's own columns instead of a join to every agenda item.
    item_is_public = models.BooleanField("punktet er offentligt", default=False)
    item_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="punktets møde",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # A meeting's own closed attachment: visible only to those who may read the meeting's closed items.
    closed_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="lukket del af mødet",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # PostgreSQL only (filled by the PostgreSQL backend); unused on SQLite.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = "søgeindeks-post"
        verbose_name_plural = "søgeindeks"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_record"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
