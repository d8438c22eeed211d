"""membership_update: change a member's role, title and period; the seat rule holds, a stale save is
refused, and substitutes never sit longer than the member."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Membership, MembershipRole, Substitution
from klynge.bodies.services import membership_create, membership_update, substitution_create
from klynge.kernel.records import record_version
from klynge.organisation.services import person_create
from tests.factories import ClusterWorld

# The world's municipality holds 2 seats on the political level; the mayor has one since 1 July 2022.
FULL_MESSAGE = "Test Kommune har 2 pladser i Politisk sundhedsklynge Test, og de er besat i perioden."


def update(membership: Membership, **changes: object) -> Membership:
    fields: dict[str, object] = {
        "role": MembershipRole(membership.role),
        "title": membership.title,
        "start": membership.start,
        "end": membership.end,
    }
    fields.update(changes)
    return membership_update(membership=membership, **fields)  # type: ignore[arg-type]


def test_role_title_and_end_are_saved(world: ClusterWorld) -> None:
    update(
        world.mayor_membership,
        role=MembershipRole.VICE_CHAIR,
        title="sundhedsborgmester",
        end=datetime.date(2025, 12, 31),
    )

    membership = Membership.objects.get(pk=world.mayor_membership.pk)
    assert (membership.role, membership.title, membership.end) == (
        "vice_chair",
        "sundhedsborgmester",
        datetime.date(2025, 12, 31),
    )


def test_ending_a_membership_ends_its_open_substitutes_the_same_day(world: ClusterWorld) -> None:
    update(world.mayor_membership, end=datetime.date(2024, 6, 30))

    substitution = Substitution.objects.get(principal=world.mayor_membership)
    assert substitution.end == datetime.date(2024, 6, 30)


def test_a_substitute_who_ends_earlier_keeps_their_end(world: ClusterWorld) -> None:
    substitution = Substitution.objects.get(principal=world.mayor_membership)
    Substitution.objects.filter(pk=substitution.pk).update(end=datetime.date(2023, 12, 31))

    update(world.mayor_membership, end=datetime.date(2024, 6, 30))

    assert Substitution.objects.get(pk=substitution.pk).end == datetime.date(2023, 12, 31)


def test_ending_before_a_substitute_begins_is_refused_and_nothing_is_saved(world: ClusterWorld) -> None:
    substitution_create(
        principal=world.mayor_membership,
        substitute=person_create(name="Sen stedfortræder"),
        start=datetime.date(2025, 1, 1),
    )

    with pytest.raises(ValidationError) as exc:
        update(world.mayor_membership, end=datetime.date(2024, 6, 30))

    assert exc.value.message_dict == {
        "end": [
            "Sen stedfortræder er stedfortræder fra 1. januar 2025, efter den nye slutdato. "
            "Ret stedfortræderens periode først."
        ]
    }
    assert Membership.objects.get(pk=world.mayor_membership.pk).end is None
    assert set(
        Substitution.objects.filter(principal=world.mayor_membership).values_list("end", flat=True)
    ) == {None}


def test_starting_after_a_substitute_begins_is_refused(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world.mayor_membership, start=datetime.date(2023, 1, 1))

    assert exc.value.message_dict == {
        "start": [
            "Stedfortræder Test er stedfortræder fra 1. juli 2022, før den nye startdato. "
            "Ret stedfortræderens periode først."
        ]
    }
    assert Membership.objects.get(pk=world.mayor_membership.pk).start == datetime.date(2022, 7, 1)


def test_extending_into_a_period_with_all_seats_filled_is_refused(world: ClusterWorld) -> None:
    # Two members sit one after the other beside the mayor; stretching the first overlaps the second.
    first = membership_create(
        person=person_create(name="Første næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 12, 31),
    )
    membership_create(
        person=person_create(name="Anden næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2024, 1, 1),
    )

    with pytest.raises(ValidationError) as exc:
        update(first, end=datetime.date(2024, 3, 31))

    assert exc.value.message_dict == {"party": [FULL_MESSAGE]}
    assert Membership.objects.get(pk=first.pk).end == datetime.date(2023, 12, 31)


def test_changing_a_member_does_not_count_them_twice(world: ClusterWorld) -> None:
    membership_create(
        person=person_create(name="Næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
    )

    # Both seats are filled; the mayor's own seat is theirs to keep while their title changes.
    update(world.mayor_membership, title="sundheds- og omsorgsborgmester")

    assert Membership.objects.get(pk=world.mayor_membership.pk).title == "sundheds- og omsorgsborgmester"


def test_end_before_start_is_refused(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world.mayor_membership, end=datetime.date(2022, 6, 30))

    assert "end" in exc.value.message_dict
    assert Membership.objects.get(pk=world.mayor_membership.pk).end is None


def test_a_stale_save_is_refused_and_the_other_change_is_kept(world: ClusterWorld) -> None:
    seen = record_version(world.mayor_membership)
    update(world.mayor_membership, title="sundhedsborgmester")

    with pytest.raises(ValidationError) as exc:
        membership_update(
            membership=world.mayor_membership,
            role=MembershipRole.CO_CHAIR,
            title="borgmester",
            start=datetime.date(2022, 7, 1),
            end=datetime.date(2024, 12, 31),
            seen_version=seen,
        )

    assert "mens du redigerede" in exc.value.messages[0]
    assert "titel i organet" in exc.value.messages[0]
    membership = Membership.objects.get(pk=world.mayor_membership.pk)
    assert (membership.title, membership.end) == ("sundhedsborgmester", None)


def test_a_save_based_on_the_latest_version_is_accepted(world: ClusterWorld) -> None:
    membership_update(
        membership=world.mayor_membership,
        role=MembershipRole.CO_CHAIR,
        title="borgmester",
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2024, 12, 31),
        seen_version=record_version(world.mayor_membership),
    )

    assert Membership.objects.get(pk=world.mayor_membership.pk).end == datetime.date(2024, 12, 31)
