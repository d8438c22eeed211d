from collections.abc import Iterable

from klynge.kernel.records import create_validated, unique_slug
from klynge.organisation.models import (
    Administration,
    AuthorityArea,
    Committee,
    Party,
    PartyKind,
    Person,
    Topic,
)
from klynge.provenance.models import Source


def topic_create(*, name: str) -> Topic:
    return create_validated(Topic, name=name, slug=unique_slug(Topic, name))


def party_create(
    *,
    name: str,
    kind: PartyKind,
    short_name: str = "",
    region: Party | None = None,
    source: Source | None = None,
    source_note: str = "",
) -> Party:
    return create_validated(
        Party,
        name=name,
        slug=unique_slug(Party, name),
        kind=kind,
        short_name=short_name,
        region=region,
        source=source,
        source_note=source_note,
    )


def administration_create(
    *, party: Party, name: str, abbreviation: str, source: Source | None = None, source_note: str = ""
) -> Administration:
    return create_validated(
        Administration,
        party=party,
        name=name,
        abbreviation=abbreviation,
        slug=unique_slug(Administration, f"{party.short_name or party.name} {abbreviation}"),
        source=source,
        source_note=source_note,
    )


def committee_create(
    *,
    party: Party,
    name: str,
    code: str,
    administration: Administration | None = None,
    topics: Iterable[Topic] = (),
    source: Source | None = None,
    source_note: str = "",
) -> Committee:
    return create_validated(
        Committee,
        party=party,
        name=name,
        code=code.strip().upper(),
        slug=unique_slug(Committee, name),
        administration=administration,
        source=source,
        source_note=source_note,
        m2m={"topics": topics},
    )


def person_create(
    *,
    name: str,
    party: Party | None = None,
    title: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> Person:
    return create_validated(
        Person,
        name=name,
        slug=unique_slug(Person, name),
        party=party,
        title=title,
        source=source,
        source_note=source_note,
    )


def authority_area_create(
    *,
    topic: Topic,
    holder_kind: PartyKind,
    party: Party | None = None,
    description: str = "",
    legal_basis: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> AuthorityArea:
    return create_validated(
        AuthorityArea,
        topic=topic,
        holder_kind=holder_kind,
        party=party,
        description=description,
        legal_basis=legal_basis,
        source=source,
        source_note=source_note,
    )
