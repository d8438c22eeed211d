"""Reads for the public data dump: every public record of every kind, by its stable id.

The same for whoever asks: closed agenda items and what follows them (their decisions, reported figures
and the allocations those decisions made) and draft memos are never in it. A reference to a record that
is not in the dump (e.g. the closed agenda item at which a focus area was chosen) is null, and a list of
references leaves it out. Who imported a file (a user account) is never exported.

Each record holds all its fields: references as `<name>_id`, many-to-many references as a list of ids
under the field's name. An agenda item's `position` is its number among the meeting's public items (1, 2, 3),
not the stored one, which would tell where a closed item lies. One query per kind and one per many-to-many
field, whatever the data size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from klynge.bodies.models import Body, Collaboration, Membership, Seat, Substitution
from klynge.catchment.models import Area, CatchmentRule, Hospital, Specialty
from klynge.gpcoverage.models import GpCoverageDataset, GpCoverageFigure
from klynge.meetings.access import public_agenda_items
from klynge.meetings.models import AgendaItem, Decision, Meeting, ReportedFigure
from klynge.meetings.selectors import visible_number
from klynge.memos.access import memos_visible_to
from klynge.memos.models import CaseNumberKind, Memo, MemoCaseNumber
from klynge.organisation.models import Administration, AuthorityArea, Committee, Party, Person, Topic
from klynge.provenance.models import Source
from klynge.temporaryplaces.models import PlaceCapacity, PlaceCount, PlaceTrade
from klynge.work.models import (
    Allocation,
    FocusArea,
    FollowUpResearch,
    Fund,
    HealthAgreement,
    Initiative,
    TrialAction,
)

ABOUT = (
    "Every public record in Klynge, by kind, with stable ids. Closed agenda items, their decisions, "
    "reported figures and allocations, and draft memos are never included, whoever asks; a reference to a "
    "record that is not included is null. An agenda item's position is its number among its meeting's "
    "public items. Dates and times are ISO 8601, amounts decimal strings."
)


@dataclass(frozen=True)
class RecordKind:
    key: str
    model: type[models.Model]
    public: Q | None = None  # which records are public; None: all
    shown_as: dict[str, Any] | None = None  # fields exported as computed (name → expression), not as stored


def record_kinds() -> list[RecordKind]:
    public_items = public_agenda_items()
    return [
        RecordKind("sources", Source),
        RecordKind("topics", Topic),
        RecordKind("parties", Party),
        RecordKind("administrations", Administration),
        RecordKind("committees", Committee),
        RecordKind("people", Person),
        RecordKind("authority_areas", AuthorityArea),
        RecordKind("hospitals", Hospital),
        RecordKind("specialties", Specialty),
        RecordKind("areas", Area),
        RecordKind("catchment_rules", CatchmentRule),
        RecordKind("collaborations", Collaboration),
        RecordKind("bodies", Body),
        RecordKind("seats", Seat),
        RecordKind("memberships", Membership),
        RecordKind("substitutions", Substitution),
        RecordKind("meetings", Meeting),
        RecordKind(
            "agenda_items",
            AgendaItem,
            Q(pk__in=public_items),
            shown_as={"position": visible_number(public_items)},
        ),
        RecordKind("decisions", Decision, Q(agenda_item__in=public_items)),
        RecordKind("reported_figures", ReportedFigure, Q(agenda_item__in=public_items)),
        RecordKind("health_agreements", HealthAgreement),
        RecordKind("focus_areas", FocusArea),
        RecordKind("initiatives", Initiative),
        RecordKind("trial_actions", TrialAction),
        RecordKind("follow_up_research", FollowUpResearch),
        RecordKind("funds", Fund),
        RecordKind("allocations", Allocation, Q(decision__agenda_item__in=public_items)),
        RecordKind("case_number_kinds", CaseNumberKind),
        RecordKind("memos", Memo, memos_visible_to(None)),
        RecordKind(
            "memo_case_numbers", MemoCaseNumber, Q(memo__in=Memo.objects.filter(memos_visible_to(None)))
        ),
        RecordKind("gp_coverage_datasets", GpCoverageDataset),
        RecordKind("gp_coverage_figures", GpCoverageFigure),
        RecordKind("temporary_place_counts", PlaceCount),
        RecordKind("temporary_place_capacities", PlaceCapacity),
        RecordKind("temporary_place_trades", PlaceTrade),
    ]


def _is_account(model: Any) -> bool:
    return bool(model is not None and model._meta.label == settings.AUTH_USER_MODEL)


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The record's own fields, without references to user accounts."""
    return [
        field
        for field in model._meta.concrete_fields
        if not (field.is_relation and _is_account(field.related_model))
    ]


def _many_to_many(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    return [
        field
        for field in model._meta.many_to_many
        if isinstance(field, models.ManyToManyField) and not _is_account(field.related_model)
    ]


def _links(field: models.ManyToManyField[Any, Any]) -> dict[int, list[int]]:
    """The many-to-many field's links: record id → the ids it refers to (one query)."""
    through: Any = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    links: dict[int, list[int]] = defaultdict(list)
    for record_id, target_id in through.objects.order_by(source, target).values_list(source, target):
        links[record_id].append(target_id)
    return links


def public_records() -> dict[str, Any]:
    """The dump: {"about": …, "<kind>": [records, oldest id first], …}."""
    kinds = record_kinds()
    rows: dict[str, list[dict[str, Any]]] = {}
    exported: dict[type[models.Model], set[int]] = {}
    for kind in kinds:
        records = kind.model._default_manager.all()
        if kind.public is not None:
            records = records.filter(kind.public)
        names = [field.attname for field in _fields(kind.model)]
        shown_as = kind.shown_as or {}
        computed = {f"shown_{name}": expression for name, expression in shown_as.items()}
        rows[kind.key] = [
            {name: row[f"shown_{name}"] if name in shown_as else row[name] for name in names}
            for row in records.order_by("pk").values(*names, **computed)
        ]
        exported[kind.model] = {row["id"] for row in rows[kind.key]}
    filtered = {kind.model for kind in kinds if kind.public is not None}

    def included(model: Any, pk: Any) -> bool:
        return model not in filtered or pk in exported[model]

    for kind in kinds:
        references = [
            field for field in _fields(kind.model) if field.is_relation and field.related_model in filtered
        ]
        links = {field.name: (field, _links(field)) for field in _many_to_many(kind.model)}
        for row in rows[kind.key]:
            for field in references:
                if row[field.attname] is not None and not included(field.related_model, row[field.attname]):
                    row[field.attname] = None
            for name, (field, by_record) in links.items():
                row[name] = [pk for pk in by_record.get(row["id"], []) if included(field.related_model, pk)]
    return {"about": ABOUT, **rows}
