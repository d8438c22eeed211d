"""Reads for sources: what each record rests on, and what rests on each source.

Some records rest on a source but may not be seen by everyone (closed agenda items and what follows
them). Provenance knows no meetings, so the caller passes `restrict`: a function that narrows any
queryset to the records the viewer may see (for the public, `restrict_to_visible` with no items).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from klynge.provenance.models import Source, Sourced

# Narrows a queryset of any sourced model to what the viewer may see (others pass unchanged).
Restriction = Callable[[QuerySet[Any]], QuerySet[Any]]


def sourced_models() -> list[type[Model]]:
    """Every concrete model that records its source, in app order (never the history tables)."""
    return [m for m in apps.get_models() if issubclass(m, Sourced) and not m._meta.abstract]


def _count_for(model: type[Model], restrict: Restriction) -> Coalesce:
    """How many records of a kind rest on a source — counting only what the viewer may see."""
    counted = (
        restrict(model._default_manager.all())
        .filter(source=OuterRef("pk"))
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def source_list(*, restrict: Restriction) -> QuerySet[Source]:
    """All sources with `record_count`: how many records of any kind rest on each (one query)."""
    total: Combinable | None = None
    for model in sourced_models():
        expression = _count_for(model, restrict)
        total = expression if total is None else total + expression
    sources = Source.objects.all()
    if total is not None:
        sources = sources.annotate(record_count=total)
    return sources.order_by("kind", "title")


def source_detail(*, key: str) -> Source | None:
    return Source.objects.filter(key=key).first()


@dataclass(frozen=True)
class SourceUsage:
    """How many records of one kind rest on a source, with the records when the kind has a page."""

    label: str
    count: int
    records: list[Model]


# Kinds whose records have their own page, in the order the source page lists them.
LINKED_KINDS = (
    "bodies.collaboration",
    "bodies.body",
    "meetings.meeting",
    "work.focusarea",
    "work.initiative",
    "organisation.person",
    "organisation.committee",
    "organisation.party",
)
LISTED_LIMIT = 50
# What a listed record's name needs, so listing it costs no further queries.
_SELECT_RELATED = {"meetings.meeting": ("body",)}


def source_usage(*, source: Source, restrict: Restriction) -> list[SourceUsage]:
    """Per kind of record: how many rest on the source (one query per kind, so a fixed number)."""
    counts = Source.objects.filter(pk=source.pk)
    models = {m._meta.label_lower: m for m in sourced_models()}
    for label, model in models.items():
        counts = counts.annotate(**{label.replace(".", "__"): _count_for(model, restrict)})
    row = counts.values(*(label.replace(".", "__") for label in models)).first() or {}
    usage = []
    for label, model in models.items():
        count = row.get(label.replace(".", "__"), 0)
        if not count:
            continue
        records: list[Model] = []
        if label in LINKED_KINDS:
            related = _SELECT_RELATED.get(label, ())
            records = list(
                model._default_manager.filter(source=source).select_related(*related)[:LISTED_LIMIT]
            )
        usage.append(SourceUsage(label=str(model._meta.verbose_name_plural), count=count, records=records))
    usage.sort(key=lambda u: (not u.records, -u.count, u.label))
    return usage


def sources_filtered(*, restrict: Restriction, kind: str | None = None) -> QuerySet[Source]:
    """The sources as their page lists them (with `record_count` of what the viewer may see), by kind."""
    sources = source_list(restrict=restrict)
    if kind:
        sources = sources.filter(kind=kind)
    return sources.order_by("kind", "title", "pk")


def source_get(*, pk: int) -> Source | None:
    return Source.objects.filter(pk=pk).first()
