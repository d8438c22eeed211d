import datetime
from collections.abc import Iterable

from django.db import transaction

from klynge.bodies.models import (
    Body,
    BodyLevel,
    Collaboration,
    CollaborationKind,
    Membership,
    MembershipRole,
    Seat,
    Substitution,
)
from klynge.catchment.models import Hospital
from klynge.organisation.models import Administration, Party, Person, Topic
from klynge.provenance.models import Source
from klynge.records import create_validated, unique_slug


def collaboration_create(
    *,
    name: str,
    kind: CollaborationKind,
    short_name: str = "",
    description: str = "",
    region: Party | None = None,
    parties: Iterable[Party] = (),
    hospitals: Iterable[Hospital] = (),
    spans: Iterable[Collaboration] = (),
    administrations: Iterable[Administration] = (),
    host_party: Party | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    source: Source | None = None,
    source_note: str = "",
) -> Collaboration:
    return create_validated(
        Collaboration,
        name=name,
        slug=unique_slug(Collaboration, name),
        kind=kind,
        short_name=short_name,
        description=description,
        region=region,
        host_party=host_party,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        source_note=source_note,
        m2m={"parties": parties, "hospitals": hospitals, "spans": spans, "administrations": administrations},
    )


def body_create(
    *,
    collaboration: Collaboration,
    level: BodyLevel,
    name: str,
    description: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    source: Source | None = None,
    source_note: str = "",
) -> Body:
    return create_validated(
        Body,
        collaboration=collaboration,
        level=level,
        name=name,
        slug=unique_slug(Body, name),
        description=description,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        source_note=source_note,
    )


def seat_set(
    *, body: Body, party: Party, count: int, source: Source | None = None, source_note: str = ""
) -> Seat:
    """Set how many seats a party holds in a body (refused if more members already sit at once)."""
    with transaction.atomic():
        seat = Seat.objects.select_for_update().filter(body=body, party=party).first()
        if seat is None:
            return create_validated(
                Seat, body=body, party=party, count=count, source=source, source_note=source_note
            )
        seat.count = count
        seat.source = source or seat.source
        seat.source_note = source_note or seat.source_note
        seat.full_clean()
        seat.save()
        return seat


def membership_create(
    *,
    person: Person,
    body: Body,
    party: Party,
    start: datetime.date,
    end: datetime.date | None = None,
    role: MembershipRole = MembershipRole.MEMBER,
    title: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> Membership:
    with transaction.atomic():
        # Lock the seat row so two concurrent appointments cannot both take the last seat.
        list(Seat.objects.select_for_update().filter(body=body, party=party))
        return create_validated(
            Membership,
            person=person,
            body=body,
            party=party,
            start=start,
            end=end,
            role=role,
            title=title,
            source=source,
            source_note=source_note,
        )


def substitution_create(
    *,
    principal: Membership,
    substitute: Person,
    start: datetime.date,
    end: datetime.date | None = None,
    topics: Iterable[Topic] = (),
    condition: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> Substitution:
    return create_validated(
        Substitution,
        principal=principal,
        substitute=substitute,
        start=start,
        end=end,
        condition=condition,
        source=source,
        source_note=source_note,
        m2m={"topics": topics},
    )
