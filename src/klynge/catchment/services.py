"""Writes for catchment areas: hospitals, areas, rules, and the yearly revision imported from a file."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from klynge.catchment.importing import ExistingRule, Lookup, Ref, Reference, parse
from klynge.catchment.models import Area, AreaKind, CatchmentRule, Hospital, Specialty
from klynge.kernel.csvfiles import ImportRefused
from klynge.kernel.records import create_validated, unique_slug, update_validated
from klynge.organisation.models import Party
from klynge.provenance.models import Source


def hospital_create(
    *, name: str, region: Party, short_name: str = "", source: Source | None = None, source_note: str = ""
) -> Hospital:
    return create_validated(
        Hospital,
        name=name,
        slug=unique_slug(Hospital, name),
        region=region,
        short_name=short_name,
        source=source,
        source_note=source_note,
    )


def specialty_create(*, name: str) -> Specialty:
    return create_validated(Specialty, name=name, slug=unique_slug(Specialty, name))


def area_create(
    *,
    name: str,
    kind: AreaKind,
    parent: Area | None = None,
    party: Party | None = None,
    slug: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> Area:
    return create_validated(
        Area,
        name=name,
        slug=slug or unique_slug(Area, name),
        kind=kind,
        parent=parent,
        party=party,
        source=source,
        source_note=source_note,
    )


def catchment_rule_create(
    *,
    area: Area,
    hospital: Hospital,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    specialty: Specialty | None = None,
    source: Source | None = None,
    source_note: str = "",
) -> CatchmentRule:
    return create_validated(
        CatchmentRule,
        area=area,
        hospital=hospital,
        specialty=specialty,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        source_note=source_note,
    )


SHOWN_PROBLEMS = 50


@dataclass(frozen=True)
class CatchmentImportResult:
    created: list[CatchmentRule]
    ended: list[CatchmentRule]


def _reference() -> Reference:
    areas = [
        Ref(id=a.pk, name=a.name, keys=(a.slug,), label=a.get_kind_display())
        for a in Area.objects.only("pk", "name", "slug", "kind")
    ]
    hospitals = [
        Ref(id=h.pk, name=h.name, keys=(h.slug, h.short_name))
        for h in Hospital.objects.only("pk", "name", "slug", "short_name")
    ]
    specialties = [
        Ref(id=s.pk, name=s.name, keys=(s.slug,)) for s in Specialty.objects.only("pk", "name", "slug")
    ]
    rules = [
        ExistingRule(
            id=r.pk,
            area_id=r.area_id,
            specialty_id=r.specialty_id,
            hospital_name=r.hospital.name,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
        )
        for r in CatchmentRule.objects.select_related("hospital").only(
            "pk", "area_id", "specialty_id", "hospital__name", "valid_from", "valid_to"
        )
    ]
    return Reference(Lookup(areas), Lookup(hospitals), Lookup(specialties), rules)


def catchment_rules_import(
    *, content: bytes, source: Source | None = None, source_note: str = "", imported_by: Any = None
) -> CatchmentImportResult:
    """Import a catchment file (columns: see importing.py): the region's yearly revision.

    The whole file is checked first (ImportRefused with every problem and its line). Then, in one
    transaction, each area and specialty's open rule that a new rule starts after is ended the day before
    the earliest new rule, and the new rules are created; a refusal by the models' rules saves nothing."""
    rows, problems = parse(content, _reference())
    if problems:
        raise ImportRefused(problems, shown=SHOWN_PROBLEMS)
    note = source_note.strip()
    ended: list[CatchmentRule] = []
    created: list[CatchmentRule] = []
    with transaction.atomic():
        starts: dict[tuple[int, int | None], list[datetime.date]] = {}
        for row in rows:
            starts.setdefault((row.area.id, row.specialty.id if row.specialty else None), []).append(
                row.valid_from
            )
        for (area_id, specialty_id), days in starts.items():
            specialty_filter = (
                {"specialty__isnull": True} if specialty_id is None else {"specialty_id": specialty_id}
            )
            current = (
                CatchmentRule.objects.select_for_update()
                .filter(area_id=area_id, valid_to__isnull=True, **specialty_filter)
                .first()
            )
            later = [day for day in days if current is not None and day > current.valid_from]
            if current is not None and later:
                # The yearly revision: the open rule ends the day before the first new rule after its start.
                ended.append(update_validated(current, valid_to=min(later) - datetime.timedelta(days=1)))
        areas = Area.objects.in_bulk([row.area.id for row in rows])
        hospitals = Hospital.objects.in_bulk([row.hospital.id for row in rows])
        specialties = Specialty.objects.in_bulk([row.specialty.id for row in rows if row.specialty])
        for row in rows:
            created.append(
                catchment_rule_create(
                    area=areas[row.area.id],
                    hospital=hospitals[row.hospital.id],
                    specialty=specialties[row.specialty.id] if row.specialty else None,
                    valid_from=row.valid_from,
                    valid_to=row.valid_to,
                    source=source,
                    source_note=note,
                )
            )
    return CatchmentImportResult(created=created, ended=ended)
