"""memo_public_version: the closed memo's text without its closed passages, as a draft of its own; and
the rules on marking closed passages by hand (memo_update)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.accounts.models import Role
from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.memos.models import Memo, MemoKind, MemoStatus
from klynge.memos.services import memo_draft, memo_finalise, memo_public_version, memo_update
from klynge.organisation.models import Committee
from tests.api.conftest import TokenClient, token_for
from tests.factories import ClusterWorld, build_cluster


def closed_item(world: ClusterWorld, title: str = "Fortroligt udbud") -> AgendaItem:
    return agenda_item_create(
        meeting=world.meeting, title=title, kind=AgendaItemKind.DISCUSSION, is_public=False
    )


def status_memo(world: ClusterWorld) -> Memo:
    return memo_draft(
        committee=Committee.objects.get(party=world.municipality),
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
    )


def test_the_public_version_leaves_out_every_closed_passage(world: ClusterWorld) -> None:
    item = closed_item(world)
    memo = memo_finalise(memo=status_memo(world))
    assert list(memo.closed_items.all()) == [item] and "Fortroligt udbud" in memo.body

    public = memo_public_version(memo=memo)
    assert public.status == MemoStatus.DRAFT and public.public_version_of == memo
    assert "Fortroligt udbud" not in public.body and "lukket-punkt" not in public.body
    assert "Møde i Sundhedsklynge Test den 28. november" in public.body  # the public items stay
    assert not public.closed_items.exists() and public.history.count() == 1
    with pytest.raises(ValidationError, match="allerede en kladde"):
        memo_public_version(memo=memo)


def test_a_memo_without_closed_passages_has_no_public_version_to_make(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError, match="ingen lukkede passager"):
        memo_public_version(memo=status_memo(world))


def test_a_memo_of_closed_passages_only_has_nothing_to_publish(world: ClusterWorld) -> None:
    memo = status_memo(world)
    item = closed_item(world)
    memo_update(memo=memo, body=f"::: lukket-punkt {item.pk}\nKun fortroligt.\n:::\n")
    with pytest.raises(ValidationError, match="kun af lukkede passager"):
        memo_public_version(memo=memo)
    assert Memo.objects.count() == 1


def test_a_hand_marked_passage_must_name_a_closed_item_the_party_may_read(world: ClusterWorld) -> None:
    memo = status_memo(world)
    elsewhere = closed_item(build_cluster("Anden"), "Andres hemmelighed")
    for body, message in [
        ("::: lukket-punkt\nTekst.\n:::\n", "hvilket lukket punkt"),
        (f"::: lukket-punkt {world.agenda_item.pk}\nTekst.\n:::\n", "ikke er lukkede punkter"),
        (f"::: lukket-punkt {elsewhere.pk}\nTekst.\n:::\n", "ikke er lukkede punkter"),
    ]:
        with pytest.raises(ValidationError, match=message):
            memo_update(memo=memo, body=body)
    item = closed_item(world)
    memo = memo_update(memo=memo, body=f"Indledning.\n\n::: lukket-punkt {item.pk}\nTekst.\n:::\n")
    assert list(memo.closed_items.all()) == [item]
    memo = memo_update(memo=memo, body="Indledning.\n")  # the passage deleted: the memo stays closed
    assert list(memo.closed_items.all()) == [item]


def test_the_api_drafts_the_public_version(world: ClusterWorld) -> None:
    closed_item(world)
    memo = status_memo(world)
    api = TokenClient(token_for(email="sek@test.dk", role=Role.EDITOR, party=world.municipality))
    detail = api.get(f"/api/v1/memos/{memo.pk}").json()
    assert detail["is_closed"] is True and "::: lukket-punkt" in detail["text"]
    response = api.post(f"/api/v1/memos/{memo.pk}/public-version")
    assert response.status_code == 201, response.content
    public = response.json()
    assert public["is_closed"] is False and public["public_version_of_id"] == memo.pk
    assert "Fortroligt udbud" not in public["text"]
    again = api.post(f"/api/v1/memos/{memo.pk}/public-version")
    assert again.status_code == 422 and "allerede en kladde" in again.content.decode()
    outsider = TokenClient(
        token_for(email="anden@test.dk", role=Role.EDITOR, party=build_cluster("X").municipality)
    )
    assert outsider.post(f"/api/v1/memos/{memo.pk}/public-version").status_code == 404
