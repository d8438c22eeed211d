"""The section of a memo that brings the items flagged "til orientering" for the committee: each item (or
the decision on it) with the body and day it was treated, and the note of whoever flagged it.

A closed item's passage is a closed passage, so the memo becomes a closed memo and its public version
leaves the passage out (`klynge.memos.content`)."""

from klynge.memos.content import Block, ClosedPassage, Paragraph, Run, Section, plain
from klynge.memos.drafting.prose import day_in_memo
from klynge.memos.models import CommitteeReferral

REFERRALS_HEADING = "Punkter til udvalgets orientering"


def _referral_blocks(referral: CommitteeReferral, memo_year: int | None) -> list[Block]:
    item = referral.agenda_item
    meeting = item.meeting
    blocks: list[Block] = [
        Paragraph(
            (
                *plain(f"{meeting.body.name} behandlede den {day_in_memo(meeting.date, memo_year)} "),
                Run(item.title, italic=True),
                Run("."),
            )
        )
    ]
    if referral.decision is not None:
        blocks.append(Paragraph(plain(f"Beslutning: {referral.decision.text.strip()}")))
    elif item.decision_text.strip():
        blocks.append(Paragraph(plain(f"Beslutning: {item.decision_text.strip()}")))
    if referral.note.strip():
        blocks.extend(Paragraph(plain(p.strip())) for p in referral.note.split("\n\n") if p.strip())
    if item.is_public:
        return blocks
    return [ClosedPassage((item.pk,), tuple(b for b in blocks if not isinstance(b, ClosedPassage)))]


def referrals_section(referrals: list[CommitteeReferral], memo_year: int | None) -> Section | None:
    """The section for these referrals, public ones first (so the public version keeps its order); None
    when there are none."""
    if not referrals:
        return None
    section = Section(heading=REFERRALS_HEADING)
    for referral in sorted(referrals, key=lambda r: not r.agenda_item.is_public):
        section.blocks.extend(_referral_blocks(referral, memo_year))
    return section
