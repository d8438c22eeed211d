"""The "til orientering" block under each agenda item on the meeting page: the committees the item (or
a decision on it) is marked for, and, for those who may change the meeting, the form to mark it.

Worked out once per meeting and request (three queries at most, whatever the number of items), so the
meeting page's own view needs no change: its template asks per item through `{% item_referrals item %}`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from klynge.meetings.models import AgendaItem, Meeting
from klynge.memos.access import access_referral_write, referrals_visible_to
from klynge.memos.models import CommitteeReferral
from klynge.memos.selectors import referral_committees, referrals_filtered
from klynge.organisation.models import Committee
from klynge.site.memos.forms import ReferralForm


@dataclass
class MeetingReferrals:
    by_item: dict[int, list[CommitteeReferral]] = field(default_factory=dict)
    can_flag: bool = False
    committees: list[Committee] = field(default_factory=list)


def meeting_referrals(request: HttpRequest, meeting: Meeting) -> MeetingReferrals:
    cache: dict[int, MeetingReferrals] = request.__dict__.setdefault("_klynge_meeting_referrals", {})
    if meeting.pk not in cache:
        by_item: dict[int, list[CommitteeReferral]] = defaultdict(list)
        for referral in referrals_filtered(visible=referrals_visible_to(request.user), meeting_id=meeting.pk):
            by_item[referral.agenda_item_id].append(referral)
        can_flag = access_referral_write(request.user, meeting)
        committees = list(referral_committees(meeting=meeting)) if can_flag else []
        cache[meeting.pk] = MeetingReferrals(by_item=dict(by_item), can_flag=can_flag, committees=committees)
    return cache[meeting.pk]


def item_referrals_context(
    request: HttpRequest, item: AgendaItem, form: ReferralForm | None = None
) -> dict[str, Any]:
    data = meeting_referrals(request, item.meeting)
    if data.can_flag and form is None:
        form = ReferralForm(item=item, committees=data.committees)
    return {
        "item": item,
        "referrals": data.by_item.get(item.pk, []),
        "can_flag": data.can_flag,
        "form": form,
        "request": request,
    }
