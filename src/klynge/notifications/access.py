"""Who reads what in an e-mail or a feed, and who may manage a subscription — the one place it is decided.

An e-mail is written for one recipient and holds only what that recipient may read on the day it is
sent, by the rules of klynge.meetings.access: a logged-in subscriber or a member reads as their account
(an administrator everything, an editor the closed items of meetings held while their party took part,
a member those of meetings held while they sat in the body), an e-mail address alone as the public.

Those rules depend only on the meeting, so for a batch of e-mails the database is asked once which of
the meetings involved each kind of reader ("view") may read closed items of — one query for the whole
batch (`closed_readable`), whatever the number of recipients and items.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404

from klynge.accounts.access import editor_party_id, is_administrator, member_person_id
from klynge.meetings.access import meetings_with_closed_items_of_member, meetings_with_closed_items_of_party
from klynge.meetings.models import Meeting
from klynge.notifications.models import Subscription

# A reader's view: ("public", 0), ("all", 0), ("party", party id) or ("person", person id).
View = tuple[str, int]
PUBLIC: View = ("public", 0)
ALL: View = ("all", 0)
VIEWS_PER_QUERY = 200  # columns in one query; more views take one more query per this many


def view_of(user: Any) -> View:
    """The view a user reads with (the public's for None, an anonymous user or an account with no role)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if is_administrator(user):
        return ALL
    party_id = editor_party_id(user)
    if party_id is not None:
        return ("party", party_id)
    person_id = member_person_id(user)
    if person_id is not None:
        return ("person", person_id)
    return PUBLIC


@dataclass(frozen=True)
class Reader:
    """One recipient of an e-mail: where it goes, whose account (if any) and the view it is written for."""

    email: str
    view: View
    user_id: int | None = None


def closed_readable(meeting_ids: Iterable[int], views: Iterable[View]) -> dict[View, frozenset[int]]:
    """For each view, the meetings among `meeting_ids` whose closed items it may read."""
    meetings = sorted(set(meeting_ids))
    wanted = sorted(set(views))
    readable: dict[View, frozenset[int]] = {PUBLIC: frozenset(), ALL: frozenset(meetings)}
    asked = [view for view in wanted if view not in readable]
    if not meetings:
        return {**readable, **{view: frozenset() for view in asked}}
    for start in range(0, len(asked), VIEWS_PER_QUERY):
        chunk = asked[start : start + VIEWS_PER_QUERY]
        columns = {
            f"v{n}": ExpressionWrapper(
                Q(
                    pk__in=meetings_with_closed_items_of_party(key)
                    if kind == "party"
                    else meetings_with_closed_items_of_member(key)
                ),
                output_field=BooleanField(),
            )
            for n, (kind, key) in enumerate(chunk)
        }
        rows = Meeting.objects.filter(pk__in=meetings).annotate(**columns).values("pk", *columns)
        found: dict[View, set[int]] = {view: set() for view in chunk}
        for row in rows:
            for n, view in enumerate(chunk):
                if row[f"v{n}"]:
                    found[view].add(row["pk"])
        readable.update({view: frozenset(ids) for view, ids in found.items()})
    return readable


def may_subscribe_as_account(user: Any) -> bool:
    """A logged-in user with an e-mail address subscribes as their account (no confirmation needed)."""
    return bool(user is not None and user.is_authenticated and user.email)


def ensure_subscription_owner(user: Any, subscription: Subscription) -> None:
    """Someone else's subscription does not exist for this user (404, never a hint that it does)."""
    if not (user is not None and user.is_authenticated and subscription.user_id == user.pk):
        raise Http404
