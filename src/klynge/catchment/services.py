import datetime

from klynge.catchment.models import Area, AreaKind, CatchmentRule, Hospital, Specialty
from klynge.organisation.models import Party
from klynge.provenance.models import Source
from klynge.records import create_validated, unique_slug


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
