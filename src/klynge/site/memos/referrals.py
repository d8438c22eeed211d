"""The "til orientering" block under each agenda item on the meeting page: the committees the item (or
a decision on it) is marked for, and, for those who may change the meeting, the form to mark it.

Worked out once per meeting and request (three queries at most, whatever the number of items), so the
meeting page's own view needs no change: its template asks per item through `{% item_referrals item %}`.
"""

import html
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.forms import BoundField, ChoiceField
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from klynge.meetings.models import AgendaItem, Decision, Meeting
from klynge.memos.access import access_referral_write, referrals_visible_to
from klynge.memos.models import CommitteeReferral
from klynge.memos.selectors import referral_committees, referrals_filtered
from klynge.organisation.models import Committee
from klynge.site.memos.forms import ReferralForm, referral_decision_choices


@dataclass
class MeetingReferrals:
    by_item: dict[int, list[CommitteeReferral]] = field(default_factory=dict)
    can_flag: bool = False
    committees: list[Committee] = field(default_factory=list)
    # The empty form's fields, rendered once per request for a stand-in item (FORM_STAND_IN): without
    # and with a decision field, each with the stand-in's decision <select> to put the item's own in.
    form_fields: dict[bool, tuple[str, str, ReferralForm]] = field(default_factory=dict)
    # The block of an item marked for no committee, for a viewer who may not mark it: rendered once per
    # request for a stand-in item id (EMPTY_STAND_IN), the item's id put in its place.
    empty: str | None = None
    # The stand-in's decision <select> in parts: before its options, one option (OPTION_MARK's), between
    # two options, after them.
    decision_select: tuple[str, str, str, str] | None = None


FORM_STAND_IN = "orientering-klyngepunkt"
REFUSAL_HEADING = "Punktet er ikke sat til orientering"


def meeting_referrals(
    request: HttpRequest, meeting: Meeting, *, agenda: list[AgendaItem] | None = None
) -> MeetingReferrals:
    """The meeting's referrals the viewer may see, by item, and what marking needs (kept for the request).

    `agenda`, if given, is the meeting's agenda as the viewer may see it (`meetings.selectors.meeting_agenda`
    with their visibility): a referral is as closed as its item, so those of its items are the ones shown,
    without the visibility condition built and compiled again for the query."""
    cache: dict[int, MeetingReferrals] = request.__dict__.setdefault("_klynge_meeting_referrals", {})
    if meeting.pk not in cache:
        by_item: dict[int, list[CommitteeReferral]] = defaultdict(list)
        rows: Iterable[CommitteeReferral]
        if agenda is None:
            rows = referrals_filtered(visible=referrals_visible_to(request.user), meeting_id=meeting.pk)
        else:
            shown = {item.pk for item in agenda}
            rows = (
                referral
                for referral in referrals_filtered(visible=Q(), meeting_id=meeting.pk)
                if referral.agenda_item_id in shown
            )
        for referral in rows:
            by_item[referral.agenda_item_id].append(referral)
        can_flag = access_referral_write(request.user, meeting)
        committees = list(referral_committees(meeting=meeting)) if can_flag else []
        cache[meeting.pk] = MeetingReferrals(by_item=dict(by_item), can_flag=can_flag, committees=committees)
    return cache[meeting.pk]


EMPTY_STAND_IN = 918_273_645_546_372_819  # an id no item has
FIELDS_MARK = "<!-- klynge: the item's form fields -->"


def empty_block(request: HttpRequest, item: AgendaItem, csrf_token: object) -> SafeString | None:
    """The item's block when no committee is marked on it (None otherwise), as the template renders it:
    rendered once per request for a stand-in item, with the item's id put in place of the stand-in's and,
    for those who may mark it, the item's own empty form fields (`empty_form_fields`) in place of a mark.
    A 200-item meeting's page rendered the block's template 200 times."""
    data = meeting_referrals(request, item.meeting)
    if data.by_item.get(item.pk):
        return None
    if data.empty is None:
        stand_in = AgendaItem(pk=EMPTY_STAND_IN, meeting=item.meeting)
        data.empty = render_to_string(
            "memos/includes/item_referrals.html",
            {
                "item": stand_in,
                "referrals": [],
                "can_flag": data.can_flag,
                "form": None,
                "form_fields": mark_safe(FIELDS_MARK) if data.can_flag else None,
                "request": request,
                "csrf_token": csrf_token,
            },
        )
        assert not data.can_flag or data.empty.count(FIELDS_MARK) == 1
    pk = str(item.pk)
    if not data.can_flag:
        return SafeString(
            pk.join(data.empty.split(str(EMPTY_STAND_IN)))
        )  # rendered and escaped by the engine
    head, tail = data.empty.split(FIELDS_MARK)
    return SafeString(  # rendered and escaped by the engine, the fields too
        pk.join(head.split(str(EMPTY_STAND_IN)))
        + empty_form_fields(data, item)
        + pk.join(tail.split(str(EMPTY_STAND_IN)))
    )


def empty_form_fields(data: MeetingReferrals, item: AgendaItem) -> SafeString:
    """The fields of the item's empty form, as `web/includes/form_fields.html` renders them.

    Rendered once per request and reused for each of a meeting's items with only the prefix (the item's
    id) and the decision <select> (the item's decisions) changed: a form rendered per item cost 200
    forms and their selects' options through the template engine on a 200-item meeting."""
    listed = getattr(item, "decision_list", None)  # as the meeting page reads its agenda (meeting_agenda)
    decisions = list(item.decisions.all()) if listed is None else listed
    has_decisions = bool(decisions)
    if has_decisions not in data.form_fields:
        stand_in = ReferralForm(item=item, committees=data.committees, prefix=FORM_STAND_IN)
        fields: str = render_to_string(
            "web/includes/form_fields.html", {"form": stand_in, "refusal_heading": REFUSAL_HEADING}
        )
        data.form_fields[has_decisions] = (fields, str(stand_in["decision"]) if decisions else "", stand_in)
    fields, stand_in_decision, stand_in = data.form_fields[has_decisions]
    prefix = f"orientering-{item.pk}"
    if not decisions:
        return SafeString(prefix.join(fields.split(FORM_STAND_IN)))  # rendered and escaped by the engine
    before, after = fields.split(stand_in_decision, 1)
    return SafeString(  # each part rendered and escaped by the template engine, the labels escaped here
        prefix.join(before.split(FORM_STAND_IN))
        + _decision_select(data, stand_in, decisions, prefix)
        + prefix.join(after.split(FORM_STAND_IN))
    )


OPTION_MARK = "klynge-beslutning"


def _decision_select(
    data: MeetingReferrals, stand_in: ReferralForm, decisions: list[Decision], prefix: str
) -> str:
    """The stand-in form's decision <select> with the item's decisions as its options, as the engine
    renders the item's own (`referral_decision_choices`): the stand-in's field is rendered once with two
    marked options, and each of the item's options is the marked one with its value and label put in."""
    if data.decision_select is None:
        decision_field = stand_in.fields["decision"]
        assert isinstance(decision_field, ChoiceField)
        decision_field.choices = [
            ("", "Hele punktet"),
            (EMPTY_STAND_IN, OPTION_MARK),
            (EMPTY_STAND_IN, OPTION_MARK),
        ]
        rendered = str(BoundField(stand_in, decision_field, "decision"))
        option = f'<option value="{EMPTY_STAND_IN}">{OPTION_MARK}</option>'
        head, between, tail = rendered.split(option)
        data.decision_select = (head, option, between, tail)
    head, option, between, tail = data.decision_select
    options = (
        option.replace(str(EMPTY_STAND_IN), html.escape(str(value))).replace(OPTION_MARK, html.escape(label))
        for value, label in referral_decision_choices(decisions)[1:]
    )
    return head.replace(FORM_STAND_IN, prefix) + between.join(options) + tail


def item_referrals_context(
    request: HttpRequest, item: AgendaItem, form: ReferralForm | None = None
) -> dict[str, Any]:
    """The block's context: with the form given (after a refusal) or, for an empty form, its fields
    rendered (`form_fields`)."""
    data = meeting_referrals(request, item.meeting)
    return {
        "item": item,
        "referrals": data.by_item.get(item.pk, []),
        "can_flag": data.can_flag,
        "form": form,
        "form_fields": empty_form_fields(data, item) if data.can_flag and form is None else None,
        "request": request,
    }
