"""Who may see and change memos — the one place these checks live.

A final memo is a public document. A draft is seen, and a memo drafted and changed, only by an
administrator or by a secretariat editor of the party whose committee the memo is for: Copenhagen's
secretariat writes to Copenhagen's committees, not to another municipality's.
"""

from typing import Any

from django.db.models import Q, QuerySet

from klynge.accounts.access import editor_party_id, is_administrator
from klynge.memos.models import Memo, MemoStatus
from klynge.organisation.models import Committee


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


def access_memo_draft(user: Any) -> bool:
    """May the user draft memos at all (for some committee)?"""
    return _committee_scope(user) is not None


def committees_for_drafting(user: Any, committees: QuerySet[Committee]) -> QuerySet[Committee]:
    scope = _committee_scope(user)
    return committees.none() if scope is None else committees.filter(scope)


def access_memo_edit(user: Any, memo: Memo) -> bool:
    scope = _committee_scope(user)
    if scope is None:
        return False
    return scope == Q() or memo.committee.party_id == editor_party_id(user)


def memos_visible_to(user: Any) -> Q:
    """Final memos for everyone; drafts only for those who may write to the memo's committee."""
    scope = _committee_scope(user)
    if scope is None:
        return Q(status=MemoStatus.FINAL)
    if scope == Q():
        return Q()
    return Q(status=MemoStatus.FINAL) | Q(committee__party=editor_party_id(user))


def access_memo_view(user: Any, memo: Memo) -> bool:
    return memo.is_final or access_memo_edit(user, memo)
