from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from klynge.kernel.records import create_validated, unique_slug, update_checked
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


def _ensure_code_free(code: str, exclude_pk: int | None) -> None:
    if Committee.objects.filter(code__iexact=code).exclude(pk=exclude_pk or 0).exists():
        raise ValidationError({"code": f"Koden {code} bruges allerede af et andet udvalg."})


def committee_add(
    *,
    party: Party,
    name: str,
    code: str,
    administration: Administration | None = None,
    topics: Iterable[Topic] = (),
) -> Committee:
    """A new committee of a party, as its secretariat adds it (the code is unique, in capitals)."""
    with transaction.atomic():
        _ensure_code_free(code.strip().upper(), None)
        return committee_create(
            party=party, name=name, code=code, administration=administration, topics=topics
        )


def committee_update(
    *,
    committee: Committee,
    name: str,
    code: str,
    administration: Administration | None,
    topics: Iterable[Topic],
    seen_version: int | None = None,
) -> Committee:
    """Change a committee's name, code, administration or topics (its party stays)."""
    code = code.strip().upper()
    with transaction.atomic():
        _ensure_code_free(code, committee.pk)
        return update_checked(
            committee,
            seen_version=seen_version,
            m2m={"topics": topics},
            name=name,
            code=code,
            administration=administration,
        )


def person_update(
    *,
    person: Person,
    name: str,
    party: Party | None,
    title: str,
    seen_version: int | None = None,
) -> Person:
    """Change a person's name, party or title (the slug, and so the person's address, stays)."""
    return update_checked(person, seen_version=seen_version, name=name, party=party, title=title)
