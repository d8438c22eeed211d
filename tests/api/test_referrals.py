"""Reading the items flagged "til orientering" for committees: what the caller may see, with filters."""

import pytest
from django.test import Client

from klynge.accounts.models import Role
from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.memos.models import CommitteeReferral
from klynge.memos.services import referral_create
from klynge.organisation.models import Committee
from tests.api.test_memos import bearer
from tests.factories import ClusterWorld, build_cluster


@pytest.fixture
def flagged(world: ClusterWorld) -> tuple[CommitteeReferral, CommitteeReferral]:
    committee = Committee.objects.get(party=world.municipality)
    closed = agenda_item_create(
        meeting=world.meeting, title="Lukket sag", kind=AgendaItemKind.DISCUSSION, is_public=False
    )
    return (
        referral_create(committee=committee, agenda_item=world.agenda_item, note="Åben"),
        referral_create(committee=committee, agenda_item=closed, note="Lukket"),
    )


def listed(headers: dict[str, str] | None = None, **params: object) -> list[dict]:
    response = Client().get("/api/v1/referrals", params, **(headers or {}))
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_the_public_sees_only_referrals_of_public_items(world: ClusterWorld, flagged: tuple) -> None:
    public, closed = flagged
    assert [r["id"] for r in listed()] == [public.pk]
    editor = bearer(Role.EDITOR, party=world.municipality)
    assert {r["id"] for r in listed(editor)} == {public.pk, closed.pk}
    outsider = bearer(Role.EDITOR, party=build_cluster("Anden").municipality)
    assert [r["id"] for r in listed(outsider)] == [public.pk]
    assert [r["note"] for r in listed(editor, pending=True, meeting=world.meeting.pk)] == ["Åben", "Lukket"]
    assert listed(editor, pending=False) == []


def test_a_closed_referral_is_not_found_to_withdraw(world: ClusterWorld, flagged: tuple) -> None:
    _, closed = flagged
    outsider = bearer(Role.EDITOR, party=build_cluster("Anden").municipality)
    assert Client().delete(f"/api/v1/referrals/{closed.pk}", **outsider).status_code == 404
    assert CommitteeReferral.objects.filter(pk=closed.pk).exists()
