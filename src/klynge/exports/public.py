"""Reads for the public data dump: every public record of every kind, by its stable id.

The same for whoever asks: closed agenda items and what follows them (their decisions, reported figures
and the allocations those decisions made) and draft memos are never in it. A reference to a record that
is not in the dump (e.g. the closed agenda item at which a focus area was chosen) is null, and a list of
references leaves it out. Who imported a file (a user account) is never exported.

Each record holds all its fields: references as `<name>_id`, many-to-many references as a list of ids
under the field's name. An agenda item's `position` is its number among the meeting's public items (1, 2, 3),
not the stored one, which would tell where a closed item lies. One query per kind, one per many-to-many
field and one for the ids of each kind with closed or draft records, whatever the data size.

The dump is written as it is read (`public_json_chunks`), a few thousand records at a time, so its memory
does not grow with the data (the ids of the kinds with closed records and the many-to-many links of one
kind at a time are held); on PostgreSQL its queries read one snapshot (a read-only, repeatable-read
transaction), so a reference and the record it refers to agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
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


# Records read from the database at a time, and written to the response at a time.
CHUNK_SIZE = 2000


def _public_ids(kinds: list[RecordKind]) -> dict[type[models.Model], set[int]]:
    """The ids of the records in the dump, of each kind that has records left out (one query each)."""
    return {
        kind.model: set(kind.model._default_manager.filter(kind.public).values_list("pk", flat=True))
        for kind in kinds
        if kind.public is not None
    }


def _records(kind: RecordKind, public_ids: dict[type[models.Model], set[int]]) -> Iterator[dict[str, Any]]:
    """The kind's records in the dump, oldest id first, read a chunk at a time."""
    records = kind.model._default_manager.all()
    if kind.public is not None:
        records = records.filter(kind.public)
    fields = _fields(kind.model)
    names = [field.attname for field in fields]
    shown_as = kind.shown_as or {}
    computed = {f"shown_{name}": expression for name, expression in shown_as.items()}
    # The references to kinds with records left out, each with the ids of its kind's records in the dump.
    references = [
        (field.attname, ids)
        for field in fields
        if field.is_relation and (ids := public_ids.get(field.related_model)) is not None  # type: ignore[arg-type]
    ]
    links = {
        field.name: (public_ids.get(field.related_model), _links(field))
        for field in _many_to_many(kind.model)
    }
    own = public_ids.get(kind.model)
    for row in records.order_by("pk").values(*names, **computed).iterator(chunk_size=CHUNK_SIZE):
        if own is not None and row["id"] not in own:
            continue  # made public after the dump's ids were read (outside a snapshot)
        record = {name: row[f"shown_{name}"] if name in shown_as else row[name] for name in names}
        for attname, ids in references:
            if record[attname] is not None and record[attname] not in ids:
                record[attname] = None
        for name, (ids, by_record) in links.items():
            record[name] = [pk for pk in by_record.get(record["id"], []) if ids is None or pk in ids]
        yield record


def public_records() -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """The dump's kinds in order, each with its records (oldest id first), read as they are consumed."""
    kinds = record_kinds()
    public_ids = _public_ids(kinds)
    for kind in kinds:
        yield kind.key, _records(kind, public_ids)


def public_json_chunks() -> Iterator[str]:
    """The dump as JSON, a chunk at a time: the text `json.dumps` writes for {"about": …, "<kind>": [records,
    oldest id first], …} (DjangoJSONEncoder, non-ASCII as it is)."""
    encode = DjangoJSONEncoder(ensure_ascii=False).encode
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield '{"about": ' + encode(ABOUT)
        for key, records in public_records():
            chunk = [f", {encode(key)}: ["]
            separator = ""
            for record in records:
                chunk.append(separator + encode(record))
                separator = ", "
                if len(chunk) >= CHUNK_SIZE:
                    yield "".join(chunk)
                    chunk = []
            chunk.append("]")
            yield "".join(chunk)
        yield "}"
