"""focus_area_update: a focus area's description is changed in one checked save — it keeps at least one
collaboration, its period does not end before it starts, and a save based on an outdated copy is refused."""

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.kernel.records import record_version
from klynge.work.access import access_focus_area_edit
from klynge.work.models import FocusArea, FocusAreaStatus
from klynge.work.services import focus_area_update
from tests.factories import ClusterWorld, build_cluster


def update(world: ClusterWorld, **changes: Any) -> FocusArea:
    fields: dict[str, Any] = {
        "focus_area": world.focus_area,
        "seen_version": record_version(world.focus_area),
        "name": "Forebyggelse og sundhedsfremme",
        "collaborations": [world.cluster],
        "status": FocusAreaStatus.ADOPTED,
        "description": "Fælles forebyggelse på tværs af sektorer.",
        "topics": [world.prevention_topic, world.hospitals_topic],
        "decided_at": world.agenda_item,
        "health_agreement": None,
        "period_start": datetime.date(2024, 1, 1),
        "period_end": datetime.date(2025, 12, 31),
    }
    fields.update(changes)
    return focus_area_update(**fields)


def stored(world: ClusterWorld) -> FocusArea:
    return FocusArea.objects.get(pk=world.focus_area.pk)


def test_the_fields_and_links_are_changed(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    slug = world.focus_area.slug

    update(world, collaborations=[world.cluster, other.cluster], status=FocusAreaStatus.CLOSED)

    focus_area = stored(world)
    assert focus_area.name == "Forebyggelse og sundhedsfremme"
    assert focus_area.slug == slug  # links to it keep working
    assert focus_area.status == FocusAreaStatus.CLOSED
    assert set(focus_area.collaborations.all()) == {world.cluster, other.cluster}
    assert set(focus_area.topics.all()) == {world.prevention_topic, world.hospitals_topic}
    assert focus_area.period_end == datetime.date(2025, 12, 31)


def test_without_collaboration_is_refused_and_nothing_changes(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world, collaborations=[])

    assert exc.value.message_dict == {"collaborations": ["Et fokusområde hører til mindst ét samarbejde."]}
    assert stored(world).name == "Forebyggelse Test"
    assert list(stored(world).collaborations.all()) == [world.cluster]


def test_a_period_ending_before_it_starts_is_refused_on_the_end(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world, period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2024, 1, 1))

    assert exc.value.message_dict["period_end"] == ["Slutdatoen ligger før startdatoen."]
    assert stored(world).name == "Forebyggelse Test"
    assert set(stored(world).topics.all()) == {world.prevention_topic}  # links untouched too


def test_a_stale_save_is_refused_and_the_newer_change_is_kept(world: ClusterWorld) -> None:
    seen = record_version(world.focus_area)
    update(world, name="Først gemt")

    with pytest.raises(ValidationError) as exc:
        update(world, seen_version=seen, name="Gemt på en gammel kopi")

    assert "mens du redigerede" in exc.value.messages[0]
    assert "navn" in exc.value.messages[0]  # says what changed
    assert stored(world).name == "Først gemt"


def user(**account: Any) -> Any:
    created, _ = account_create(password="x", **account)
    return created


def test_who_may_change_it(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    outsider = user(email="anden@test.dk", role=Role.EDITOR, party=other.municipality)

    assert access_focus_area_edit(
        user(email="kk@test.dk", role=Role.EDITOR, party=world.municipality), world.focus_area
    )
    assert access_focus_area_edit(user(email="admin@test.dk", role=Role.ADMIN), world.focus_area)
    assert not access_focus_area_edit(outsider, world.focus_area)
    assert not access_focus_area_edit(
        user(email="m@test.dk", role=Role.MEMBER, person=world.mayor), world.focus_area
    )
    assert not access_focus_area_edit(AnonymousUser(), world.focus_area)
    # Shared with the other cluster: its editors may change it too.
    update(world, collaborations=[world.cluster, other.cluster])
    assert access_focus_area_edit(outsider, world.focus_area)
