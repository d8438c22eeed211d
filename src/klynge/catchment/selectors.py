"""Reads for catchment areas (optageområder): hospitals, areas, and the rule that answers for an area.

Catchment knows no collaborations: which cluster or council an answer belongs to, and the hospitals
with the collaborations around them, are read in `klynge.bodies.selectors`.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from klynge.catchment.models import Area, AreaKind, CatchmentRule, Hospital, Specialty
from klynge.kernel.validity import active_on


def areas_filtered(
    *, kind: str | None = None, parent_id: int | None = None, party_id: int | None = None
) -> QuerySet[Area]:
    """Areas (region, municipalities, districts) with the area they lie in and the party they are."""
    areas = Area.objects.select_related("parent", "party", "source")
    if kind:
        areas = areas.filter(kind=kind)
    if parent_id is not None:
        areas = areas.filter(parent=parent_id)
    if party_id is not None:
        areas = areas.filter(party=party_id)
    return areas.order_by("kind", "name", "pk")


# --- Lookup: which hospital and which cluster or council an area belongs to on a date ---------------------


class UnknownArea(LookupError):
    """No area has that slug or name."""


class UnknownSpecialty(LookupError):
    """No specialty has that slug or name."""


@dataclass(frozen=True)
class CatchmentAnswer:
    """The answer for one area (and specialty) on one day; `rule` is None when no rule covers it."""

    area: Area
    specialty: Specialty | None
    day: datetime.date
    rule: CatchmentRule | None
    why: str
    # The area and the areas it lies in, nearest first (what the answer was looked for through).
    chain: tuple[Area, ...] = field(default=(), repr=False)

    @property
    def hospital(self) -> Hospital | None:
        return self.rule.hospital if self.rule is not None else None


def area_by_key(*, key: str) -> Area:
    """An area by its slug or its name (case-insensitive), with the areas it lies in."""
    areas = Area.objects.select_related("parent", "parent__parent", "party", "parent__party")
    text = key.strip()
    area = areas.filter(slug=text).first() if text else None
    if area is None and text:
        named = list(areas.filter(name__iexact=text)[:2])
        area = named[0] if len(named) == 1 else None
    if area is None:
        raise UnknownArea(key)
    return area


def specialty_by_key(*, key: str) -> Specialty:
    text = key.strip()
    specialty = Specialty.objects.filter(slug=text).first() if text else None
    if specialty is None and text:
        specialty = Specialty.objects.filter(name__iexact=text).first()
    if specialty is None:
        raise UnknownSpecialty(key)
    return specialty


def area_chain(area: Area) -> list[Area]:
    """The area and the areas it lies in, nearest first (a district, its municipality, the region)."""
    chain: list[Area] = []
    current: Area | None = area
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.parent
    return chain


def municipality_party_id(chain: list[Area]) -> int | None:
    for area in chain:
        if area.kind == AreaKind.MUNICIPALITY and area.party_id is not None:
            return area.party_id
    return None


def _choose_rule(
    chain: list[Area],
    specialty: Specialty | None,
    rules_by_key: dict[tuple[int, int | None], CatchmentRule],
) -> tuple[CatchmentRule | None, str]:
    """The rule that answers, and why. A specialty's own rules come first (for the area, then for the areas
    it lies in), then the general rules in the same order: a district without a rule of its own belongs
    where its municipality does."""
    attempts: list[int | None] = [specialty.pk, None] if specialty is not None else [None]
    for specialty_id in attempts:
        for position, area in enumerate(chain):
            rule = rules_by_key.get((area.pk, specialty_id))
            if rule is None:
                continue
            what = (
                f"optageområdet for {specialty.name.lower()}"
                if specialty is not None and specialty_id
                else "det generelle optageområde"
            )
            where = (
                f"reglen for {area.name}"
                if position == 0
                else f"{chain[0].name} har ingen egen regel, så reglen for {area.name}, som området ligger i, gælder"
            )
            fallback = (
                f" {specialty.name} har ingen egen regel her, så det generelle optageområde gælder."
                if specialty is not None and specialty_id is None
                else ""
            )
            return rule, f"Svaret følger {what}: {where}.{fallback}"
    return None, "Ingen regel dækker området på datoen."


def _rules_on(
    day: datetime.date, area_ids: list[int] | None = None
) -> dict[tuple[int, int | None], CatchmentRule]:
    rules = CatchmentRule.objects.filter(active_on(day)).select_related(
        "area", "hospital", "specialty", "source"
    )
    if area_ids is not None:
        rules = rules.filter(area_id__in=area_ids)
    return {(r.area_id, r.specialty_id): r for r in rules}


def catchment_answer(
    *, area: Area, day: datetime.date, specialty: Specialty | None = None
) -> CatchmentAnswer:
    """The hospital an area (optionally for a specialty) belongs to on `day` and the rule that says so.
    A fixed number of queries. (The clusters or councils it belongs to: `bodies.selectors.catchment_lookup`.)"""
    chain = area_chain(area)
    rules = _rules_on(day, [a.pk for a in chain])
    rule, why = _choose_rule(chain, specialty, rules)
    return CatchmentAnswer(area=area, specialty=specialty, day=day, rule=rule, why=why, chain=tuple(chain))


def catchment_answers(*, day: datetime.date, specialty: Specialty | None = None) -> list[CatchmentAnswer]:
    """Every municipality and district of the demo's areas with its answer on `day` (general catchment, or
    the specialty's): municipalities by name, each followed by its districts. A fixed number of queries."""
    areas = list(
        Area.objects.filter(
            kind__in=[AreaKind.REGION, AreaKind.MUNICIPALITY, AreaKind.DISTRICT]
        ).select_related("party")
    )
    by_id = {a.pk: a for a in areas}
    for a in areas:  # the parents from the same list: no query per area
        if a.parent_id in by_id:
            a.parent = by_id[a.parent_id]
    rules = _rules_on(day)
    municipalities = sorted((a for a in areas if a.kind == AreaKind.MUNICIPALITY), key=lambda a: a.name)
    districts: dict[int, list[Area]] = {}
    for a in areas:
        if a.kind == AreaKind.DISTRICT and a.parent_id is not None:
            districts.setdefault(a.parent_id, []).append(a)
    answers: list[CatchmentAnswer] = []
    for municipality in municipalities:
        for area in [municipality, *sorted(districts.get(municipality.pk, []), key=lambda a: a.name)]:
            chain = area_chain(area)
            rule, why = _choose_rule(chain, specialty, rules)
            answers.append(
                CatchmentAnswer(
                    area=area,
                    specialty=specialty,
                    day=day,
                    rule=rule,
                    why=why,
                    chain=tuple(chain),
                )
            )
    return answers


def catchment_history(*, area: Area) -> list[CatchmentRule]:
    """Every rule for the area and the areas it lies in, over time (all specialties)."""
    return list(
        CatchmentRule.objects.filter(area_id__in=[a.pk for a in area_chain(area)])
        .select_related("area", "hospital", "specialty", "source")
        .order_by("specialty__name", "valid_from", "area__kind", "pk")
    )


def lookup_areas() -> list[Area]:
    """Municipalities, districts and localities for the lookup's select, by municipality."""
    return list(Area.objects.exclude(kind=AreaKind.REGION).select_related("parent").order_by("kind", "name"))


def specialties_all() -> QuerySet[Specialty]:
    return Specialty.objects.order_by("name")


def catchment_rules_filtered(
    *,
    area_slug: str | None = None,
    hospital_slug: str | None = None,
    specialty_slug: str | None = None,
    general_only: bool = False,
    valid_on: datetime.date | None = None,
) -> QuerySet[CatchmentRule]:
    """Catchment rules with their area, hospital, specialty and source, by area, specialty and start."""
    rules = CatchmentRule.objects.select_related("area", "hospital", "specialty", "source")
    if area_slug:
        rules = rules.filter(area__slug=area_slug)
    if hospital_slug:
        rules = rules.filter(hospital__slug=hospital_slug)
    if specialty_slug:
        rules = rules.filter(specialty__slug=specialty_slug)
    elif general_only:
        rules = rules.filter(specialty__isnull=True)
    if valid_on is not None:
        rules = rules.filter(active_on(valid_on))
    return rules.order_by("area__name", "specialty__name", "valid_from", "pk")
