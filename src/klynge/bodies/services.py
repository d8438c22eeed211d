import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from klynge.bodies.models import (
    Body,
    BodyLevel,
    Collaboration,
    CollaborationKind,
    Membership,
    MembershipRole,
    Participation,
    Seat,
    Substitution,
)
from klynge.catchment.models import Hospital
from klynge.kernel.formatting import danish_date
from klynge.kernel.records import create_validated, ensure_unchanged_since, unique_slug, update_checked
from klynge.organisation.models import Administration, Party, Person, Topic
from klynge.provenance.models import Source


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


def _ensure_body_level_free(*, collaboration: Collaboration, level: str, exclude_pk: int | None) -> None:
    taken = Body.objects.filter(collaboration=collaboration, level=level).exclude(pk=exclude_pk or 0)
    if taken.exists():
        label = BodyLevel(level).label.lower()
        raise ValidationError({"level": f"{collaboration} har allerede et organ på {label}."})


def _ensure_body_name_free(*, name: str, exclude_pk: int | None) -> None:
    if Body.objects.filter(name=name).exclude(pk=exclude_pk or 0).exists():
        raise ValidationError({"name": f"Der findes allerede et organ med navnet »{name}«."})


def body_add(
    *,
    collaboration: Collaboration,
    level: BodyLevel,
    name: str,
    description: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> Body:
    """A new body of a collaboration, as an editor adds it: one per level, with a name of its own."""
    with transaction.atomic():
        # Lock the collaboration, so two bodies of one level cannot be added at the same moment.
        list(Collaboration.objects.select_for_update().filter(pk=collaboration.pk))
        _ensure_body_level_free(collaboration=collaboration, level=level, exclude_pk=None)
        _ensure_body_name_free(name=name, exclude_pk=None)
        return body_create(
            collaboration=collaboration,
            level=level,
            name=name,
            description=description,
            valid_from=valid_from,
            valid_to=valid_to,
        )


def body_update(
    *,
    body: Body,
    level: BodyLevel,
    name: str,
    description: str,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None,
    seen_version: int | None = None,
) -> Body:
    """Change a body's level, name, description or period. The period keeps every membership and
    meeting of the body inside it (as they are refused outside it when they are entered)."""
    with transaction.atomic():
        list(Collaboration.objects.select_for_update().filter(pk=body.collaboration_id))
        _ensure_body_level_free(collaboration=body.collaboration, level=level, exclude_pk=body.pk)
        _ensure_body_name_free(name=name, exclude_pk=body.pk)
        errors: dict[str, list[str]] = {}
        memberships = Membership.objects.filter(body=body)
        # The body's meetings, by its reverse relation (the meetings app stands above this one).
        meetings = body.meetings.all()
        if valid_from is not None:
            early = memberships.filter(start__lt=valid_from).count()
            early_meetings = meetings.filter(date__lt=valid_from).count()
            if early or early_meetings:
                errors["valid_from"] = [
                    f"{early} medlemskaber og {early_meetings} møder begynder før {danish_date(valid_from)}. "
                    "Ret dem først."
                ]
        if valid_to is not None:
            late = memberships.filter(
                Q(end__isnull=True) | Q(end__gt=valid_to) | Q(start__gt=valid_to)
            ).count()
            late_meetings = meetings.filter(date__gt=valid_to).count()
            if late or late_meetings:
                errors["valid_to"] = [
                    f"{late} medlemskaber og {late_meetings} møder rækker ud over {danish_date(valid_to)}. "
                    "Sæt en slutdato på medlemskaberne, eller ret møderne, først."
                ]
        if errors:
            raise ValidationError(errors)
        return update_checked(
            body,
            seen_version=seen_version,
            level=level,
            name=name,
            description=description,
            valid_from=valid_from,
            valid_to=valid_to,
        )


def seats_version(*, body: Body) -> int:
    """The version of a body's seats as an editor sees them: the id of the latest change to any of them.

    A seat form carries it, so a save is refused if the chosen party's seats changed after the form
    was opened, whichever party the editor picks."""
    latest = Seat.history.filter(body_id=body.pk).aggregate(latest=Max("history_id"))["latest"]
    return int(latest or 0)


def _ensure_seat_unchanged_since(seat: Seat, seen_version: int | None) -> None:
    """Refuse a save if the seat changed after `seen_version` (a seats_version of its body)."""
    if seen_version is None:
        return
    seen = (
        seat.history.filter(history_id__lte=seen_version)
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    # 0 if the seat row did not exist yet when the form was opened: someone else has created it since.
    ensure_unchanged_since(seat, seen or 0)


def seat_set(
    *,
    body: Body,
    party: Party,
    count: int,
    source: Source | None = None,
    source_note: str = "",
    seen_version: int | None = None,
) -> Seat:
    """Set how many seats a party holds in a body (refused if more members already sit at once).

    `seen_version` is `seats_version(body=body)` when the editor opened the form; the save is refused if
    this party's seats were changed since (no lost updates)."""
    with transaction.atomic():
        seat = Seat.objects.select_for_update().filter(body=body, party=party).first()
        if seat is None:
            try:
                return create_validated(
                    Seat, body=body, party=party, count=count, source=source, source_note=source_note
                )
            except IntegrityError as error:
                # Someone else created the party's seat row at the same moment.
                raise ValidationError(
                    {"party": "Partens pladser blev gemt af en anden samtidig. Se siden igen, og prøv igen."}
                ) from error
        _ensure_seat_unchanged_since(seat, seen_version)
        seat.count = count
        seat.source = source or seat.source
        seat.source_note = source_note or seat.source_note
        seat.full_clean()
        seat.save()
        return seat


def participation_set(
    *,
    collaboration: Collaboration,
    party: Party,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> Participation:
    """The party takes part in the collaboration from start to end (open ends: the collaboration's
    lifetime). Closed agenda items follow it: the party's secretariat reads those of the meetings held
    while it took part."""
    with transaction.atomic():
        participation, _ = Participation.objects.select_for_update().get_or_create(
            collaboration=collaboration, party=party
        )
        participation.start, participation.end = start, end
        participation.full_clean()
        participation.save()
    return participation


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


def membership_update(
    *,
    membership: Membership,
    role: MembershipRole,
    title: str,
    start: datetime.date,
    end: datetime.date | None,
    seen_version: int | None = None,
) -> Membership:
    """Change a member's role, title or period, fx set the end date when they leave.

    The party's seat row is locked as when appointing, so the seat rule holds whatever happens at the
    same time. Substitutes who would sit longer than the member are ended with the membership; one who
    would fall outside the new period altogether is refused (their period must be corrected first)."""
    with transaction.atomic():
        list(
            Seat.objects.select_for_update().filter(body_id=membership.body_id, party_id=membership.party_id)
        )
        updated = update_checked(
            membership, seen_version=seen_version, role=role, title=title, start=start, end=end
        )
        _fit_substitutions_to(updated)
    return updated


def _fit_substitutions_to(membership: Membership) -> None:
    substitutions = (
        membership.substitutions.select_for_update(of=("self",))
        .select_related("substitute")
        .order_by("start")
    )
    for substitution in substitutions:
        who, since = substitution.substitute.name, danish_date(substitution.start)
        if substitution.start < membership.start:
            raise ValidationError(
                {
                    "start": f"{who} er stedfortræder fra {since}, før den nye startdato. "
                    "Ret stedfortræderens periode først."
                }
            )
        if membership.end is None:
            continue
        if substitution.start > membership.end:
            raise ValidationError(
                {
                    "end": f"{who} er stedfortræder fra {since}, efter den nye slutdato. "
                    "Ret stedfortræderens periode først."
                }
            )
        if substitution.end is None or substitution.end > membership.end:
            substitution.end = membership.end
            substitution.full_clean()
            substitution.save()


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
    with transaction.atomic():
        # Lock the membership so its period cannot change while the substitute is checked against it.
        principal = Membership.objects.select_for_update().get(pk=principal.pk)
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


def substitution_update(
    *,
    substitution: Substitution,
    topics: Iterable[Topic],
    condition: str,
    start: datetime.date,
    end: datetime.date | None,
    seen_version: int | None = None,
) -> Substitution:
    """Change when and for which topics a substitute may attend, fx end the arrangement."""
    with transaction.atomic():
        # The membership first, in the same order as membership_update, so its period holds still.
        list(Membership.objects.select_for_update().filter(pk=substitution.principal_id))
        return update_checked(
            substitution,
            seen_version=seen_version,
            m2m={"topics": topics},
            condition=condition,
            start=start,
            end=end,
        )
