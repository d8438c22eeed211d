import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.memos.models import MemoKind, MemoStatus
from klynge.memos.services import memo_draft, memo_finalise, memo_new_version, memo_update
from klynge.organisation.models import Committee
from tests.factories import ClusterWorld


@pytest.fixture
def draft(world: ClusterWorld):  # type: ignore[no-untyped-def]
    committee = Committee.objects.get(party=world.municipality)
    return memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
        case_numbers={"edoc": "2023-0476658"},
    )


def test_a_draft_can_be_edited_then_finalised_and_is_frozen(draft) -> None:  # type: ignore[no-untyped-def]
    memo_update(memo=draft, body="Ny *tekst*.\n", case_handler="Melissa Holmes")
    final = memo_finalise(memo=draft)
    assert final.status == MemoStatus.FINAL and final.finalised_at is not None
    with pytest.raises(ValidationError, match="endeligt og kan ikke ændres"):
        memo_update(memo=final, body="Ændret bagefter")
    final.refresh_from_db()
    assert final.body == "Ny *tekst*.\n"
    with pytest.raises(ValidationError, match="endeligt"):
        memo_finalise(memo=final)


def test_an_empty_text_is_refused(draft) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        memo_update(memo=draft, body="   ")
    assert error.value.message_dict["body"] == ["Notatet har ingen tekst."]
    draft.refresh_from_db()
    assert draft.body.strip()


def test_a_new_version_is_drafted_from_a_final_memo(draft) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Kun et endeligt notat"):
        memo_new_version(memo=draft)
    final = memo_finalise(memo=draft)
    new = memo_new_version(memo=final)
    assert (new.version, new.status, new.previous_version) == (2, MemoStatus.DRAFT, final)
    assert new.body == final.body
    assert [c.number for c in new.case_numbers.all()] == ["2023-0476658"]
    with pytest.raises(ValidationError, match="allerede en nyere version"):
        memo_new_version(memo=final)
