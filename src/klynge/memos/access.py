"""Who may see and change memos — the one place these checks live.

A final memo is a public document; a draft is seen only by those who may edit memos.
"""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Q

from klynge.memos.models import Memo, MemoStatus

User = AbstractUser | AnonymousUser


def access_memo_edit(user: User) -> bool:
    return bool(user.is_authenticated and user.has_perm("memos.change_memo"))


def access_memo_draft(user: User) -> bool:
    return bool(user.is_authenticated and user.has_perm("memos.add_memo"))


def memos_visible_to(user: User) -> Q:
    return Q() if access_memo_edit(user) else Q(status=MemoStatus.FINAL)


def access_memo_view(user: User, memo: Memo) -> bool:
    return memo.is_final or access_memo_edit(user)
