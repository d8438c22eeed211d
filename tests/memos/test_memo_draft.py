import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.memos.models import Memo, MemoKind, MemoStatus
from klynge.memos.services import memo_draft, memo_finalise
from klynge.organisation.models import Committee
from tests.factories import ClusterWorld

MEETING = datetime.date(2023, 12, 14)
MEMO_DAY = datetime.date(2023, 12, 11)


@pytest.fixture
def committee(world: ClusterWorld) -> Committee:
    return Committee.objects.get(party=world.municipality)


def test_status_memo_covers_the_meetings_of_the_period(committee: Committee) -> None:
    memo = memo_draft(committee=committee, kind=MemoKind.STATUS, meeting_date=MEETING, memo_date=MEMO_DAY)
    assert memo.status == MemoStatus.DRAFT
    assert memo.title.endswith("den 14. december 2023")
    assert "## Møde i Sundhedsklynge Test den 28. november" in memo.body
    assert "Der er afsat 2 mio. kr. i klyngemidler til fokusområdet 'Forebyggelse Test'." in memo.body
    assert (memo.period_start, memo.period_end) == (MEMO_DAY - datetime.timedelta(weeks=8), MEMO_DAY)


def test_a_period_without_meetings_gives_a_memo_that_says_so(committee: Committee) -> None:
    memo = memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2024, 3, 1),
        memo_date=datetime.date(2024, 2, 26),
        period_start=datetime.date(2024, 1, 1),
    )
    assert "Der har ikke været afholdt møder" in memo.body
    assert "1. januar 2024 til 26. februar 2024" in memo.body


def test_the_next_status_memo_continues_from_the_previous_final_one(committee: Committee) -> None:
    first = memo_draft(committee=committee, kind=MemoKind.STATUS, meeting_date=MEETING, memo_date=MEMO_DAY)
    memo_finalise(memo=first)
    second = memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2024, 2, 1),
        memo_date=datetime.date(2024, 1, 29),
    )
    assert second.period_start == MEMO_DAY + datetime.timedelta(days=1)
    assert "28. november" not in second.body


def test_a_period_ending_before_it_starts_is_refused(committee: Committee) -> None:
    with pytest.raises(ValidationError) as error:
        memo_draft(
            committee=committee,
            kind=MemoKind.STATUS,
            meeting_date=MEETING,
            period_start=datetime.date(2023, 12, 31),
            period_end=datetime.date(2023, 12, 1),
        )
    assert "Perioden starter efter" in error.value.message_dict["period_start"][0]
    assert Memo.objects.count() == 0


def test_a_status_memo_needs_the_committee_meeting(committee: Committee) -> None:
    with pytest.raises(ValidationError) as error:
        memo_draft(committee=committee, kind=MemoKind.STATUS)
    assert "mødedato" in error.value.message_dict["committee_meeting_date"][0]
    assert Memo.objects.count() == 0


def test_unknown_case_number_kind_is_refused_and_nothing_saved(committee: Committee) -> None:
    with pytest.raises(ValidationError) as error:
        memo_draft(
            committee=committee,
            kind=MemoKind.STATUS,
            meeting_date=MEETING,
            case_numbers={"edoc": "2023-0476658", "sbsys": "1"},
        )
    message = error.value.message_dict["case_numbers"][0]
    assert "Ukendt sagsnummertype: sbsys" in message and "edoc" in message
    assert Memo.objects.count() == 0


def test_case_numbers_of_configured_kinds_are_kept(committee: Committee) -> None:
    memo = memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=MEETING,
        case_numbers={"edoc": "2023-0476658", "f2": "2023 - 21613"},
    )
    assert [(c.kind.label, c.number) for c in memo.case_numbers.all()] == [
        ("Edoc-sagsnummer", "2023-0476658"),
        ("F2 sagsnummer", "2023 - 21613"),
    ]


def test_orientation_memo_names_the_committee_and_the_structure(committee: Committee) -> None:
    memo = memo_draft(committee=committee, kind=MemoKind.ORIENTATION, memo_date=MEMO_DAY)
    assert memo.title == "Sundhedsklynger med deltagelse af Test Kommune, region og praktiserende læger"
    assert "Sundhedsklyngerne er ikke nye myndigheder." in memo.body
    assert "to pladser" in memo.body
