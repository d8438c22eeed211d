"""The writes on memos, one command each, whoever asks: the page's Danish form and the API's JSON both
build these and get the same result and the same refusal (see `klynge.kernel.commands`).

A draft is seen, and a memo drafted and changed, only by those `klynge.memos.access` allows: a memo
the actor may not see is "not found" (404), one they see but may not change is forbidden (403).
"""

import dataclasses
import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.http import Http404
from django.utils.translation import gettext_lazy

from klynge.kernel.commands import (
    UNSET,
    Actor,
    Unset,
    changes_of,
    record_by_id,
    record_or_404,
    refuse,
    required,
)
from klynge.meetings.access import visible_items_condition
from klynge.meetings.models import AgendaItem
from klynge.memos import services
from klynge.memos.access import (
    access_memo_draft,
    access_memo_edit,
    access_memo_template_edit,
    access_memo_view,
    committees_for_drafting,
    ensure_referral_write,
    referrals_visible_to,
)
from klynge.memos.models import CommitteeReferral, Memo, MemoCaseNumber, MemoKind, MemoTemplate
from klynge.memos.selectors import committees_for_memos, memo_detail, referral_committees, referral_detail
from klynge.organisation.models import Party

# The refusals of a missing committee, title or text: the same words the page's form uses for them.
REQUIRED = gettext_lazy("This field is required.")
UNKNOWN_COMMITTEE = "Vælg et udvalg fra listen."
MAY_NOT_DRAFT = "Du må ikke oprette notater."
MAY_NOT_EDIT = "Du kan kun rette notater til din egen parts udvalg."


@dataclasses.dataclass(frozen=True)
class MemoDraft:
    """Draft a memo to a committee from the records. Dates left out are chosen as the service says
    (the memo's date: today; a status memo's period: since the committee's previous one)."""

    committee_id: int
    kind: MemoKind
    meeting_date: datetime.date | None = None
    memo_date: datetime.date | None = None
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    case_handler: str = ""
    case_numbers: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class MemoChange:
    """Change a draft. `case_numbers` names the kinds to change: an empty number removes that kind's
    number, kinds not named keep theirs. A memo date of None leaves it as it is."""

    memo_id: int
    seen_version: int | None = None
    title: str | Unset = UNSET
    body: str | Unset = UNSET
    memo_date: datetime.date | Unset | None = UNSET
    case_handler: str | Unset = UNSET
    case_numbers: Mapping[str, str] | Unset = UNSET


@dataclasses.dataclass(frozen=True)
class MemoFinalise:
    memo_id: int


@dataclasses.dataclass(frozen=True)
class MemoNewVersion:
    memo_id: int


@dataclasses.dataclass(frozen=True)
class MemoPublicVersion:
    memo_id: int


def visible_memo(actor: Actor, memo_id: int) -> Memo:
    """The memo with its case numbers and closed items, if the actor may see it; else a 404."""
    memo = memo_detail(pk=memo_id)
    if memo is None or not access_memo_view(actor, memo):
        raise Http404("Notatet findes ikke.")
    return memo


def writable_memo(actor: Actor, memo_id: int) -> Memo:
    """A memo the actor may change: one they may not see is not found, one they see is forbidden."""
    memo = visible_memo(actor, memo_id)
    if not access_memo_edit(actor, memo):
        raise PermissionDenied(MAY_NOT_EDIT)
    return memo


def _checked_case_numbers(case_numbers: Mapping[str, str]) -> dict[str, str]:
    """The case numbers given, each within the stored length (refused by its kind's code otherwise);
    unknown kinds are the service's to refuse, by name."""
    within_length = MaxLengthValidator(MemoCaseNumber._meta.get_field("number").max_length)
    for code, number in case_numbers.items():
        try:
            within_length(number.strip())
        except ValidationError as error:
            raise ValidationError({f"case_numbers.{code}": error.messages}) from error
    return dict(case_numbers)


def memo_draft(*, actor: Actor, command: MemoDraft) -> Memo:
    if not access_memo_draft(actor):
        raise PermissionDenied(MAY_NOT_DRAFT)
    committee = committees_for_drafting(actor, committees_for_memos()).filter(pk=command.committee_id).first()
    if committee is None:
        if committees_for_memos().filter(pk=command.committee_id).exists():
            raise PermissionDenied(MAY_NOT_EDIT)  # another party's committee: it is not the actor's
        refuse("committee", UNKNOWN_COMMITTEE)
    return services.memo_draft(
        committee=committee,
        kind=MemoKind(command.kind),
        meeting_date=command.meeting_date,
        memo_date=command.memo_date,
        period_start=command.period_start,
        period_end=command.period_end,
        case_handler=command.case_handler,
        case_numbers=_checked_case_numbers(
            {code: number for code, number in command.case_numbers.items() if number}
        ),
    )


def memo_change(*, actor: Actor, command: MemoChange) -> Memo:
    memo = writable_memo(actor, command.memo_id)
    if memo.is_final:
        refuse(None, services.FINAL_MEMO_IS_LOCKED)
    changes = changes_of(command, exclude=("memo_id", "seen_version", "case_numbers"))
    for field in ("title", "body"):
        if field in changes:
            required(field, changes[field], str(REQUIRED))
    case_numbers = None
    if not isinstance(command.case_numbers, Unset):
        current = {c.kind.code: c.number for c in memo.case_numbers.all()}
        sent = _checked_case_numbers(command.case_numbers)
        case_numbers = {code: number for code, number in {**current, **sent}.items() if number}
    return services.memo_update(
        memo=memo, **changes, case_numbers=case_numbers, seen_version=command.seen_version
    )


def memo_finalise(*, actor: Actor, command: MemoFinalise) -> Memo:
    return services.memo_finalise(memo=writable_memo(actor, command.memo_id))


def memo_new_version(*, actor: Actor, command: MemoNewVersion) -> Memo:
    return services.memo_new_version(memo=writable_memo(actor, command.memo_id))


def memo_public_version(*, actor: Actor, command: MemoPublicVersion) -> Memo:
    return services.memo_public_version(memo=writable_memo(actor, command.memo_id))


# ---- Items flagged for a committee (til orientering) -------------------------------------------------

REFERRAL_COMMITTEE_NOT_ALLOWED = "Vælg et udvalg hos en af de parter, der deltog i samarbejdet på mødedagen."
REFERRAL_DECISION_NOT_ALLOWED = "Vælg en beslutning under punktet."
REFERRAL_NOTE_MAX_LENGTH = 2000


@dataclasses.dataclass(frozen=True)
class ReferralCreate:
    """Mark an agenda item, or one decision on it, "til orientering" for a committee."""

    agenda_item_id: int
    committee_id: int
    decision_id: int | None = None
    note: str = ""


@dataclasses.dataclass(frozen=True)
class ReferralWithdraw:
    referral_id: int


def visible_item(actor: Actor, agenda_item_id: int) -> AgendaItem:
    items = AgendaItem.objects.filter(visible_items_condition(actor)).select_related(
        "meeting__body__collaboration"
    )
    return record_or_404(items, agenda_item_id)


def referral_create(*, actor: Actor, command: ReferralCreate) -> CommitteeReferral:
    item = visible_item(actor, command.agenda_item_id)
    ensure_referral_write(actor, item.meeting)
    if len(command.note.strip()) > REFERRAL_NOTE_MAX_LENGTH:
        refuse("note", f"Bemærkningen må højst være {REFERRAL_NOTE_MAX_LENGTH} tegn.")
    committee = record_by_id(
        referral_committees(meeting=item.meeting),
        command.committee_id,
        field="committee",
        message=REFERRAL_COMMITTEE_NOT_ALLOWED,
    )
    assert committee is not None
    decision = record_by_id(
        item.decisions.all(), command.decision_id, field="decision", message=REFERRAL_DECISION_NOT_ALLOWED
    )
    return services.referral_create(
        committee=committee, agenda_item=item, decision=decision, note=command.note, flagged_by=actor
    )


def visible_referral(actor: Actor, referral_id: int) -> CommitteeReferral:
    referral = referral_detail(pk=referral_id, visible=referrals_visible_to(actor))
    if referral is None:
        raise Http404("Markeringen findes ikke.")
    return referral


def referral_withdraw(*, actor: Actor, command: ReferralWithdraw) -> CommitteeReferral:
    referral = visible_referral(actor, command.referral_id)
    ensure_referral_write(actor, referral.agenda_item.meeting)
    services.referral_withdraw(referral=referral)
    return referral


# ---- A party's memo template (letterhead) ------------------------------------------------------------

MAY_NOT_SET_TEMPLATE = "Du kan kun ændre din egen parts notatskabelon."


@dataclasses.dataclass(frozen=True)
class MemoTemplateSet:
    """Upload (or clear) a party's Word template and logo; None leaves a file as it is."""

    party_id: int
    template: bytes | None = None
    logo: bytes | None = None
    clear_template: bool = False
    clear_logo: bool = False


def memo_template_set(*, actor: Actor, command: MemoTemplateSet) -> MemoTemplate:
    party = record_or_404(Party.objects.select_related("memo_template"), command.party_id)
    if not access_memo_template_edit(actor, party):
        raise PermissionDenied(MAY_NOT_SET_TEMPLATE)
    return services.memo_template_set(
        party=party,
        template=command.template,
        logo=command.logo,
        clear_template=command.clear_template and command.template is None,
        clear_logo=command.clear_logo and command.logo is None,
    )
