"""Import the national reference data, all or nothing: sources, regions, municipalities (by kommunekode),
their regions before and after 1 January 2027, acute hospitals, clusters and health councils.

Records are found by their natural key (a source's key, a municipality's kommunekode or else its name, a
region's, hospital's or collaboration's name) and updated only where the files differ, so importing the
same files again changes nothing. Existing records keep what the files do not say (a demo record's own
description, its source when that is not one of the reference sources, participations the app added)."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from klynge.bodies.models import Body, BodyLevel, Collaboration, CollaborationKind, Participation
from klynge.bodies.services import body_create
from klynge.catchment.models import Hospital
from klynge.kernel.records import create_validated, unique_slug, update_validated
from klynge.organisation.models import Party, PartyKind, RegionMembership
from klynge.provenance.models import Source, SourceKind
from klynge.reference.importing import (
    REQUIRED_SOURCE,
    CollaborationRow,
    ReferenceData,
    ReferenceDataError,
    read_reference_data,
)

M = TypeVar("M", bound=models.Model)

DATASET_KEY = "klynge-referencedata"
REGIONS_START = datetime.date(2007, 1, 1)
REFORM_DATE = datetime.date(2027, 1, 1)
CLUSTERS_START = datetime.date(2022, 7, 1)
CLUSTERS_END = datetime.date(2026, 12, 31)

MEMBERSHIP_TEXT = {
    "complete": "Kommunerne er dem, kilden nævner.",
    "partial": "Kilden nævner kun nogle af kommunerne; der kan være flere, som ikke er registreret.",
    "unknown": "Kommunerne er ikke fundet i en offentlig kilde og er ikke registreret.",
}


@dataclass
class ImportResult:
    version: str
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))


class _Writer:
    def __init__(self, data: ReferenceData, result: ImportResult) -> None:
        self.data, self.result = data, result
        self.sources: dict[str, Source] = {}
        self.regions: dict[str, Party] = {}
        self.municipalities: dict[str, Party] = {}
        self.hospitals: dict[str, Hospital] = {}

    # One row at a time: a rule broken in the database is reported as the row's problem.
    def _guard(self, file: str, row: int, error: ValidationError) -> ReferenceDataError:
        if hasattr(error, "error_dict"):
            name, messages = next(iter(error.message_dict.items()))
            return ReferenceDataError(file, row, name, "; ".join(messages))
        return ReferenceDataError(file, row, None, "; ".join(error.messages))

    def _save(self, file: str, row: int, label: str, instance: M | None, model: type[M], **fields: Any) -> M:
        try:
            if instance is None:
                created = create_validated(model, **fields)
                self.result.created[label] += 1
                return created
            changes = {k: v for k, v in fields.items() if getattr(instance, k) != v}
            if not changes:
                self.result.unchanged[label] += 1
                return instance
            self.result.updated[label] += 1
            return update_validated(instance, **changes)
        except ValidationError as error:
            raise self._guard(file, row, error) from None

    def _owned_source(self, instance: models.Model | None, key: str, note: str) -> dict[str, Any]:
        """The row's source for a new record or one without a source. A record that already rests on a
        source keeps it (a demo record quoting a memo stays as it is); one that rests on the row's own
        source gets the row's note."""
        current = getattr(instance, "source_id", None)
        if instance is None or current is None or current == self.sources[key].pk:
            return {"source": self.sources[key], "source_note": note}
        return {}

    def sources_(self) -> None:
        existing = {s.key: s for s in Source.objects.filter(key__in=[r.key for r in self.data.sources])}
        for r in self.data.sources:
            self.sources[r.key] = self._save(
                "sources.csv", r.row, "kilder", existing.get(r.key), Source,
                key=r.key, kind=SourceKind.PUBLIC, title=r.title, publisher=r.publisher, date=r.date,
                url=r.url, description=r.description,
            )  # fmt: skip
        dataset = Source.objects.filter(key=DATASET_KEY).first()
        self._save(
            "manifest.json", 0, "kilder", dataset, Source,
            key=DATASET_KEY, kind=SourceKind.REFERENCE, title=f"{self.data.title} (version {self.data.version})",
            publisher="Klynge", date=datetime.date.fromisoformat(self.data.version)
            if _is_date(self.data.version) else None, url="", description=self.data.description,
        )  # fmt: skip

    def regions_(self) -> None:
        parties = Party.objects.filter(kind=PartyKind.REGION)
        by_code = {p.official_code: p for p in parties if p.official_code}
        by_name = {p.name: p for p in parties}
        for r in self.data.regions:
            party = (by_code.get(r.code) if r.code else None) or by_name.get(r.name)
            fields: dict[str, Any] = {
                "name": r.name, "kind": PartyKind.REGION, "official_code": r.code,
                "valid_from": r.valid_from, "valid_to": r.valid_to,
                **self._owned_source(party, r.source, r.source_note),
            }  # fmt: skip
            if party is None:
                fields["slug"] = unique_slug(Party, r.name)
            if r.short_name or party is None:
                fields["short_name"] = r.short_name
            self.regions[r.name] = self._save("regions.csv", r.row, "regioner", party, Party, **fields)

    def municipalities_(self) -> None:
        parties = Party.objects.filter(kind=PartyKind.MUNICIPALITY)
        by_code = {p.official_code: p for p in parties if p.official_code}
        by_name = {p.name: p for p in parties}
        memberships = {
            (m.municipality_id, m.region_id): m
            for m in RegionMembership.objects.filter(municipality__in=parties)
        }
        for r in self.data.municipalities:
            party = by_code.get(r.code) or by_name.get(r.name)
            fields: dict[str, Any] = {
                "name": r.name, "kind": PartyKind.MUNICIPALITY, "official_code": r.code,
                "region": self.regions[r.region_until_2026],
                **self._owned_source(party, r.source, r.source_note),
            }  # fmt: skip
            if party is None:
                fields["slug"] = unique_slug(Party, r.name)
            party = self._save("municipalities.csv", r.row, "kommuner", party, Party, **fields)
            self.municipalities[r.code] = party
            old, new = self.regions[r.region_until_2026], self.regions[r.region_from_2027]
            periods = (
                [(old, REGIONS_START, None, r.source)]
                if old.pk == new.pk
                else [(old, REGIONS_START, REFORM_DATE - datetime.timedelta(days=1), r.source),
                      (new, REFORM_DATE, None, r.source_2027)]
            )  # fmt: skip
            for region, start, end, source in periods:
                membership = memberships.get((party.pk, region.pk))
                self._save(
                    "municipalities.csv", r.row, "regionstilhør", membership, RegionMembership,
                    municipality=party, region=region, valid_from=start, valid_to=end,
                    **self._owned_source(membership, source, f"{party.name} hører til {region.name}."),
                )  # fmt: skip

    def hospitals_(self) -> None:
        existing = {h.name: h for h in Hospital.objects.all()}
        for r in self.data.hospitals:
            hospital = existing.get(r.name)
            fields: dict[str, Any] = {
                "name": r.name, "region": self.regions[r.region], **self._owned_source(hospital, r.source, r.source_note)
            }  # fmt: skip
            if hospital is None:
                fields["slug"] = unique_slug(Hospital, r.name)
            if r.short_name or hospital is None:
                fields["short_name"] = r.short_name
            self.hospitals[r.name] = self._save(
                "hospitals.csv", r.row, "hospitaler", hospital, Hospital, **fields
            )

    def collaborations_(self, file: str, rows: list[CollaborationRow], kind: CollaborationKind) -> None:
        existing = {c.name: c for c in Collaboration.objects.filter(name__in=[r.name for r in rows])}
        participations = set(
            Participation.objects.filter(collaboration__in=existing.values()).values_list(
                "collaboration_id", "party_id"
            )
        )
        label = "klynger" if kind == CollaborationKind.CLUSTER else "sundhedsråd"
        political_ids = set(
            Body.objects.filter(collaboration__in=existing.values(), level=BodyLevel.POLITICAL).values_list(
                "collaboration_id", flat=True
            )
        )
        for r in rows:
            collaboration = existing.get(r.name)
            if collaboration is not None and collaboration.kind != kind:
                raise ReferenceDataError(
                    file, r.row, "name", f"'{r.name}' exists and is not a {kind.label.lower()}"
                )
            region = self.regions[r.region] if r.region else None
            note = f"{r.source_note} {MEMBERSHIP_TEXT[r.membership]}".strip()
            if kind == CollaborationKind.CLUSTER:
                period = {"valid_from": CLUSTERS_START, "valid_to": CLUSTERS_END}
                what = f"Sundhedsklynge i {r.region} fra 1. juli 2022 til 31. december 2026."
            else:
                period = {"valid_from": REFORM_DATE}
                where = f" i {r.region}" if r.region else ""
                what = f"Et af de 17 sundhedsråd{where} fra 1. januar 2027 (L 214)."
            if collaboration is not None:  # the app's dates stand (a council that worked already in 2026)
                period = {k: v for k, v in period.items() if getattr(collaboration, k) is None}
            fields: dict[str, Any] = {
                "name": r.name, "kind": kind, "region": region, **period,
                **self._owned_source(collaboration, r.source, note),
            }  # fmt: skip
            if collaboration is None:
                fields.update(
                    slug=unique_slug(Collaboration, r.name), short_name=r.short_name,
                    description=f"{what} {MEMBERSHIP_TEXT[r.membership]}",
                )  # fmt: skip
            collaboration = self._save(file, r.row, label, collaboration, Collaboration, **fields)
            wanted = ([region] if region is not None else []) + [
                self.municipalities[c] for c in r.municipalities
            ]
            for party in wanted:
                if (collaboration.pk, party.pk) not in participations:
                    try:
                        create_validated(Participation, collaboration=collaboration, party=party)
                    except ValidationError as error:
                        raise self._guard(file, r.row, error) from None
                    participations.add((collaboration.pk, party.pk))
                    self.result.created["deltagelser"] += 1
            if kind == CollaborationKind.HEALTH_COUNCIL:
                self._political_body(file, r.row, collaboration, political_ids)
            hospitals = [self.hospitals[name] for name in r.hospitals]
            have = set(collaboration.hospitals.values_list("pk", flat=True))
            missing = [h for h in hospitals if h.pk not in have]
            if missing:
                collaboration.hospitals.add(*missing)
                self.result.created["klyngehospitaler"] += len(missing)

    def _political_body(self, file: str, row: int, council: Collaboration, political_ids: set[int]) -> None:
        """A council is a committee of regional and municipal politicians (L 214): its political body, which
        approves what it carries on from the clusters. Made once; members are not in any source."""
        if council.pk in political_ids:
            return
        try:
            body_create(
                collaboration=council,
                level=BodyLevel.POLITICAL,
                name=f"{council.name} (politisk)",
                description="Rådets politiske niveau: regionale og kommunale politikere. Medlemmerne er ikke registreret.",
                valid_from=REFORM_DATE,
                source=self.sources[REQUIRED_SOURCE],
                source_note="Sundhedsrådene består af regionale og kommunale politikere (L 214 2024-25).",
            )
        except ValidationError as error:
            raise self._guard(file, row, error) from None
        political_ids.add(council.pk)
        self.result.created["organer"] += 1


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def reference_import(*, path: Path | str | None = None) -> ImportResult:
    """Import the reference data in `path` (default: Klynge's own files) in one transaction.

    Raises ReferenceDataError (English, naming file, row and field) with nothing written."""
    data = read_reference_data(path)
    result = ImportResult(version=data.version)
    with transaction.atomic():
        writer = _Writer(data, result)
        writer.sources_()
        writer.regions_()
        writer.municipalities_()
        writer.hospitals_()
        writer.collaborations_("clusters.csv", data.clusters, CollaborationKind.CLUSTER)
        writer.collaborations_("councils.csv", data.councils, CollaborationKind.HEALTH_COUNCIL)
    return result
