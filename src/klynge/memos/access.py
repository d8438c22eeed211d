"""Who may see and change memos — the one place these checks live.

A final memo is a public document — unless it is a closed memo (lukket notat): one that draws on closed
agenda items is seen only by those who may read every one of those items, in every channel (pages,
downloads, API, search, public export, history). A draft is seen, and a memo drafted and changed, only
by an administrator or by a secretariat editor of the party whose committee the memo is for:
Copenhagen's secretariat writes to Copenhagen's committees, not to another municipality's.
"""

from typing import Any

from django.db.models import Q, QuerySet

from klynge.accounts.access import editor_party_id, is_administrator
from klynge.bodies.access import access_collaboration_edit
from klynge.meetings.access import (
    ensure_meeting_edit,
    visibility_key,
    visible_agenda_items,
    visible_items_condition,
)
from klynge.meetings.models import Meeting
from klynge.memos.models import Memo, MemoStatus
from klynge.organisation.models import Committee, Party


def _may_write_memos(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.has_perm("memos.change_memo"))


def _committee_scope(user: Any) -> Q | None:
    """The committees whose memos the user may write: Q() for all, None for none."""
    if not _may_write_memos(user):
        return None
    if is_administrator(user):
        return Q()
    party_id = editor_party_id(user)
    return None if party_id is None else Q(party=party_id)


def _closed_items_readable(user: Any) -> Q:
    """Memos none of whose closed items is hidden from the user (a subquery, no query of its own)."""
    if is_administrator(user):
        return Q()
    unreadable = Memo.closed_items.through.objects.exclude(agendaitem__in=visible_agenda_items(user)).values(
        "memo"
    )
    return ~Q(pk__in=unreadable)


def access_memo_draft(user: Any) -> bool:
    """May the user draft memos at all (for some committee)?"""
    return _committee_scope(user) is not None


def committees_for_drafting(user: Any, committees: QuerySet[Committee]) -> QuerySet[Committee]:
    scope = _committee_scope(user)
    return committees.none() if scope is None else committees.filter(scope)


def _may_write_to_committee(user: Any, memo: Memo) -> bool:
    scope = _committee_scope(user)
    if scope is None:
        return False
    return scope == Q() or memo.committee.party_id == editor_party_id(user)


def _may_read_closed_items(user: Any, memo: Memo) -> bool:
    # memo_detail prefetches the closed items: a memo without any needs no query here.
    if is_administrator(user) or not memo.closed_items.all():
        return True
    return Memo.objects.filter(_closed_items_readable(user), pk=memo.pk).exists()


def access_memo_edit(user: Any, memo: Memo) -> bool:
    return _may_write_to_committee(user, memo) and _may_read_closed_items(user, memo)


def memos_visible_to(user: Any) -> Q:
    """Final memos whose closed items the user may read; drafts only for those who may write to the
    memo's committee (and read its closed items)."""
    scope = _committee_scope(user)
    readable = _closed_items_readable(user)
    if scope is None:
        return Q(status=MemoStatus.FINAL) & readable
    if scope == Q():
        return Q()
    return (Q(status=MemoStatus.FINAL) | Q(committee__party=editor_party_id(user))) & readable


def memo_visibility_key(user: Any) -> tuple[Any, ...]:
    """Everything memos_visible_to reads from the user (with the agenda items' rule, whose key it
    includes): two users with the same key see the same memos, so a compiled condition may be kept by it.
    A rule here that comes to read more from the user adds it here."""
    return (_may_write_memos(user), is_administrator(user), editor_party_id(user), visibility_key(user))


def access_memo_view(user: Any, memo: Memo) -> bool:
    return (memo.is_final or _may_write_to_committee(user, memo)) and _may_read_closed_items(user, memo)


def memo_history_visible(user: Any, memo: Memo) -> bool:
    """A memo's drafts are the secretariat's working copies: their history is shown to those who may
    write the memo; everyone else sees the memo only as it was finalised."""
    return _may_write_to_committee(user, memo)


# ---- Items flagged for a committee (til orientering) -------------------------------------------------


def referrals_visible_to(user: Any) -> Q:
    """Referrals are as closed as their agenda item: seen only by those who may read the item."""
    return visible_items_condition(user, path="agenda_item")


def access_referral_write(user: Any, meeting: Meeting) -> bool:
    """Those who may change a meeting mark its items (and decisions) for a committee, and withdraw
    a mark not yet included in a memo."""
    return access_collaboration_edit(user, meeting.body.collaboration)


def ensure_referral_write(user: Any, meeting: Meeting) -> None:
    ensure_meeting_edit(user, meeting)


# ---- A party's memo template (letterhead) ------------------------------------------------------------


def memo_template_parties(user: Any, parties: QuerySet[Party]) -> QuerySet[Party]:
    """The parties whose memo template the user may change: all for an administrator, their own party
    for a secretariat editor, none for anyone else."""
    if is_administrator(user):
        return parties
    party_id = editor_party_id(user) if _may_write_memos(user) else None
    return parties.none() if party_id is None else parties.filter(pk=party_id)


def access_memo_template_edit(user: Any, party: Party) -> bool:
    return is_administrator(user) or (_may_write_memos(user) and editor_party_id(user) == party.pk)
