"""The permission matrix: every role × every view × a public and a closed record.

Every page of the app is listed here with what it is; a new view without an entry fails the test.
For each role: read pages answer everyone and never show a closed item to those who may not see it;
editing pages answer only those who may change the record (anonymous users are sent to log in, others
get 403, or 404 where the record itself is closed to them); and no refused request changes anything.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from klynge.agendas.models import ApprovalKind, Minutes
from klynge.agendas.services import agenda_version_create, minutes_approve, minutes_draft, minutes_publish
from klynge.attachments.models import Attachment
from klynge.attachments.services import attachment_create
from klynge.attendance.services import absence_record
from klynge.bodies.models import CollaborationKind
from klynge.bodies.services import collaboration_create
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan
from klynge.healthplans.services import health_plan_goal_create, local_health_plan_create
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaItemProposal,
    Decision,
    DecisionKind,
    Meeting,
)
from klynge.meetings.services import decision_create, meeting_create
from klynge.memos.models import Memo, MemoKind
from klynge.memos.services import memo_draft, referral_create
from klynge.notifications.tokens import confirm_token, unsubscribe_token
from klynge.organisation.models import Committee
from klynge.work.models import FollowUpResearchStatus
from klynge.work.services import allocation_create, follow_up_research_create
from tests.attachments.files import pdf_bytes
from tests.clients import administrator, editor_of, member_as
from tests.databases import built_once_per_module
from tests.factories import ClusterWorld, build_cluster, linked_agenda_item
from tests.gpcoverage.helpers import gp_coverage_matrix_records
from tests.temporaryplaces.helpers import temporary_places_matrix_records

CLOSED_TITLE = "Fortroligt punkt om budget"
CLOSED_DECISION = "Fortrolig beslutning om budget"
# An allocation by the closed decision: its amount, and the fund's remainder if it were counted
# (3 mio. − 2 mio. public − 456.789), must not show to those who may not see the item.
CLOSED_AMOUNT = Decimal(456_789)
CLOSED_MONEY = ("456.789", "543.211")
ROLES = [
    "anonymous",
    "admin",
    "editor_participating",
    "editor_other_party",
    "member_in_body",
    "member_elsewhere",
]
SEES_CLOSED = {"admin", "editor_participating", "member_in_body"}
EDITS = {"admin", "editor_participating"}
EDITORS = {"admin", "editor_participating", "editor_other_party"}  # may add records to their own clusters


@dataclass
class Records:
    world: ClusterWorld
    other: ClusterWorld
    closed_item: AgendaItem
    closed_decision: Decision
    draft_memo: Memo
    recommendation: Decision  # a recommendation to a party, whose decision on it is recorded
    plan: LocalHealthPlan  # of a health council of the world's parties
    goal: HealthPlanGoal
    closed_attachment: Attachment
    planned_meeting: Meeting
    proposal: AgendaItemProposal


# What each view is. read: anyone may see it; edit: only who may change the record; edit_closed: an
# editing page reached through the closed item (404 to those who may not see it); create: any editor
# for their own clusters; post: an action by POST only; memo_*: memos, by the memo rules; own: the
# logged-in user's own page (Min side), own_post: an action on it; secret: a personal calendar link (404
# for every unknown secret, whoever asks).
URLS: dict[str, tuple[str, Callable[[Records], str]]] = {
    "web:front": ("read", lambda r: "/"),
    "web:structure": ("read", lambda r: "/struktur/"),
    "web:decision_support": ("read", lambda r: "/beslutningsstoette/"),
    "web:picker": ("search", lambda r: "/vaelg/dagsordenspunkter/"),  # what an editor may pick in a form
    "bodies:collaboration_list": ("read", lambda r: "/samarbejder/"),
    "bodies:collaboration_detail": ("read", lambda r: f"/samarbejder/{r.world.cluster.slug}/"),
    "bodies:body_detail": ("read", lambda r: f"/organer/{r.world.political.slug}/"),
    "bodies:membership_create": ("edit", lambda r: f"/organer/{r.world.political.slug}/medlemmer/ny/"),
    "bodies:seat_set": ("edit", lambda r: f"/organer/{r.world.political.slug}/pladser/"),
    "bodies:membership_update": ("edit", lambda r: f"/medlemskaber/{r.world.mayor_membership.pk}/rediger/"),
    "bodies:substitution_create": (
        "edit",
        lambda r: f"/medlemskaber/{r.world.mayor_membership.pk}/stedfortraedere/ny/",
    ),
    "bodies:substitution_update": (
        "edit",
        lambda r: f"/stedfortraedere/{r.world.mayor_membership.substitutions.get().pk}/rediger/",
    ),
    "meetings:meeting_list": ("read", lambda r: "/moeder/"),
    "meetings:meeting_create": ("create", lambda r: "/moeder/ny/"),
    "meetings:meeting_detail": ("read", lambda r: f"/moeder/{r.world.meeting.pk}/"),
    "meetings:meeting_edit": ("edit", lambda r: f"/moeder/{r.world.meeting.pk}/rediger/"),
    "meetings:agenda_item_create": ("edit", lambda r: f"/moeder/{r.world.meeting.pk}/punkter/ny/"),
    "meetings:agenda_item_edit": ("edit_closed", lambda r: f"/punkter/{r.closed_item.pk}/rediger/"),
    "meetings:agenda_item_move": ("post_closed", lambda r: f"/punkter/{r.closed_item.pk}/flyt/"),
    "meetings:agenda_item_remove": ("post_closed", lambda r: f"/punkter/{r.closed_item.pk}/fjern/"),
    "meetings:decision_create": ("edit_closed", lambda r: f"/punkter/{r.closed_item.pk}/beslutninger/ny/"),
    "meetings:decision_edit": ("edit_closed", lambda r: f"/beslutninger/{r.closed_decision.pk}/rediger/"),
    "meetings:proposal_list": ("edit", lambda r: f"/moeder/{r.planned_meeting.pk}/forslag/"),
    "meetings:proposal_create": ("edit", lambda r: f"/moeder/{r.planned_meeting.pk}/forslag/ny/"),
    "meetings:proposal_detail": ("proposal", lambda r: f"/forslag/{r.proposal.pk}/"),
    "meetings:proposal_edit": ("proposal", lambda r: f"/forslag/{r.proposal.pk}/rediger/"),
    "meetings:proposal_decide": ("proposal_post", lambda r: f"/forslag/{r.proposal.pk}/afgoer/"),
    "meetings:proposal_withdraw": ("proposal_post", lambda r: f"/forslag/{r.proposal.pk}/traek-tilbage/"),
    "attachments:download": ("file_closed", lambda r: f"/bilag/{r.closed_attachment.pk}/"),
    "attachments:edit": ("edit_closed", lambda r: f"/bilag/{r.closed_attachment.pk}/rediger/"),
    "attachments:move": ("post_closed", lambda r: f"/bilag/{r.closed_attachment.pk}/flyt/"),
    "attachments:remove": ("post_closed", lambda r: f"/bilag/{r.closed_attachment.pk}/fjern/"),
    "attachments:meeting_create": ("edit", lambda r: f"/moeder/{r.world.meeting.pk}/bilag/ny/"),
    "attachments:item_create": ("edit_closed", lambda r: f"/punkter/{r.closed_item.pk}/bilag/ny/"),
    "attachments:proposal_create": ("proposal", lambda r: f"/forslag/{r.proposal.pk}/bilag/ny/"),
    "attendance:meeting_attendance": ("read", lambda r: f"/moeder/{r.world.meeting.pk}/deltagere/"),
    "attendance:absence_new": ("edit", lambda r: f"/moeder/{r.world.meeting.pk}/deltagere/afbud/"),
    "attendance:absence_edit": (
        "edit",
        lambda r: f"/moeder/{r.world.meeting.pk}/deltagere/afbud/{r.world.meeting.absences.get().pk}/",
    ),
    "attendance:absence_withdraw": (
        "post",
        lambda r: (
            f"/moeder/{r.world.meeting.pk}/deltagere/afbud/{r.world.meeting.absences.get().pk}/traek-tilbage/"
        ),
    ),
    "work:focus_area_list": ("read", lambda r: "/fokusomraader/"),
    "work:focus_area_create": ("create", lambda r: "/fokusomraader/ny/"),
    "work:focus_area_detail": ("read", lambda r: f"/fokusomraader/{r.world.focus_area.slug}/"),
    "work:focus_area_update": ("edit", lambda r: f"/fokusomraader/{r.world.focus_area.slug}/rediger/"),
    "work:trial_action_create": (
        "edit",
        lambda r: f"/fokusomraader/{r.world.focus_area.slug}/proevehandlinger/ny/",
    ),
    "work:focus_area_research_create": (
        "edit",
        lambda r: f"/fokusomraader/{r.world.focus_area.slug}/foelgeforskning/ny/",
    ),
    "work:trial_action_update": (
        "edit",
        lambda r: f"/proevehandlinger/{r.world.focus_area.trial_actions.first().pk}/rediger/",  # type: ignore[union-attr]
    ),
    "work:research_update": (
        "edit",
        lambda r: f"/foelgeforskning/{r.world.focus_area.follow_up_research.first().pk}/rediger/",  # type: ignore[union-attr]
    ),
    "work:initiative_list": ("read", lambda r: "/indsatser/"),
    "work:initiative_create": ("create", lambda r: "/indsatser/ny/"),
    "work:initiative_detail": ("read", lambda r: f"/indsatser/{r.world.initiative.slug}/"),
    "work:initiative_update": ("edit", lambda r: f"/indsatser/{r.world.initiative.slug}/rediger/"),
    "work:initiative_follow_up": ("edit", lambda r: f"/indsatser/{r.world.initiative.slug}/opfoelgning/"),
    "work:initiative_research_create": (
        "edit",
        lambda r: f"/indsatser/{r.world.initiative.slug}/foelgeforskning/ny/",
    ),
    "work:fund_list": ("read", lambda r: "/puljer/"),
    "work:fund_create": ("create", lambda r: "/puljer/ny/"),
    "work:fund_detail": ("read", lambda r: f"/puljer/{r.world.fund.pk}/"),
    "work:fund_update": ("edit", lambda r: f"/puljer/{r.world.fund.pk}/rediger/"),
    "meetings:recommendation_response": (
        "edit",
        lambda r: f"/beslutninger/{r.recommendation.pk}/modtagerens-beslutning/",
    ),
    "meetings:recommendation_response_remove": (
        "post",
        lambda r: f"/beslutninger/{r.recommendation.pk}/modtagerens-beslutning/fjern/",
    ),
    "agendas:agenda_page": ("read", lambda r: f"/moeder/{r.world.meeting.pk}/dagsorden/"),
    "agendas:agenda_publish": ("post", lambda r: f"/moeder/{r.world.meeting.pk}/dagsorden/offentliggoer/"),
    "agendas:agenda_version_pdf": (
        "read",
        lambda r: f"/moeder/{r.world.meeting.pk}/dagsorden/1/offentlig.pdf",
    ),
    "agendas:minutes_draft": ("post", lambda r: f"/moeder/{r.world.meeting.pk}/referat/udarbejd/"),
    "agendas:minutes_edit": ("post", lambda r: f"/moeder/{r.world.meeting.pk}/referat/gem/"),
    "agendas:minutes_approve": ("post", lambda r: f"/moeder/{r.world.meeting.pk}/referat/godkend/"),
    "agendas:minutes_publish": ("post", lambda r: f"/moeder/{r.world.meeting.pk}/referat/offentliggoer/"),
    "agendas:minutes_file": ("closed_edition", lambda r: f"/moeder/{r.world.meeting.pk}/referat/lukket.pdf"),
    "healthplans:plan_list": ("read", lambda r: "/naersundhedsplaner/"),
    "healthplans:plan_create": ("create", lambda r: "/naersundhedsplaner/ny/"),
    "healthplans:plan_detail": ("read", lambda r: f"/naersundhedsplaner/{r.plan.slug}/"),
    "healthplans:plan_update": ("edit", lambda r: f"/naersundhedsplaner/{r.plan.slug}/rediger/"),
    "healthplans:goal_create": ("edit", lambda r: f"/naersundhedsplaner/{r.plan.slug}/maal/ny/"),
    "healthplans:goal_update": ("edit", lambda r: f"/maal/{r.goal.pk}/rediger/"),
    "healthplans:goal_remove": ("post", lambda r: f"/maal/{r.goal.pk}/fjern/"),
    "portal:overview": ("read", lambda r: "/foelg/"),
    "portal:collaboration": ("read", lambda r: f"/foelg/{r.world.cluster.slug}/"),
    "gpcoverage:overview": ("read", lambda r: "/laegedaekning/"),
    "gpcoverage:dataset_detail": ("read", lambda r: "/laegedaekning/matrix/?maal=2027"),
    "gpcoverage:example_file": ("read", lambda r: "/laegedaekning/eksempelfil.csv"),
    "gpcoverage:import": ("create", lambda r: "/laegedaekning/import/"),
    "temporaryplaces:place_count_list": ("read", lambda r: "/midlertidige-pladser/"),
    "temporaryplaces:place_count_detail": ("read", lambda r: "/midlertidige-pladser/matrix/?periode=2023-K4"),
    "temporaryplaces:example_file": (
        "read",
        lambda r: "/midlertidige-pladser/import/midlertidige-pladser-eksempel.csv",
    ),
    "temporaryplaces:place_count_import": ("create", lambda r: "/midlertidige-pladser/import/"),
    "catchment:lookup": ("read", lambda r: f"/optageomraader/?omraade={r.world.area.slug}&dato=2024-01-01"),
    "catchment:example_file": ("read", lambda r: "/optageomraader/import/optageomraader-eksempel.csv"),
    "catchment:import": ("admin", lambda r: "/optageomraader/import/"),
    "bodies:body_create": ("edit", lambda r: f"/samarbejder/{r.world.cluster.slug}/organer/ny/"),
    "bodies:body_update": ("edit", lambda r: f"/organer/{r.world.political.slug}/rediger/"),
    "organisation:person_create": ("create", lambda r: "/personer/ny/"),
    "organisation:person_update": ("edit", lambda r: f"/personer/{r.world.mayor.slug}/rediger/"),
    "organisation:committee_create": ("create", lambda r: "/udvalg/ny/"),
    "organisation:committee_update": ("edit", lambda r: f"/udvalg/{r.draft_memo.committee.slug}/rediger/"),
    "members:my_page": ("own", lambda r: "/min-side/"),
    "members:calendar_link_issue": ("own_post", lambda r: "/min-side/kalender/nyt-link/"),
    "members:calendar_link_revoke": ("own_post", lambda r: "/min-side/kalender/tilbagekald/"),
    "members:calendar_feed": ("secret", lambda r: "/min-side/kalender/kal_ukendt-hemmelighed.ics"),
    "organisation:person_list": ("read", lambda r: "/personer/"),
    "organisation:person_detail": ("read", lambda r: f"/personer/{r.world.mayor.slug}/"),
    "organisation:committee_list": ("read", lambda r: "/udvalg/"),
    "organisation:committee_detail": ("read", lambda r: f"/udvalg/{r.draft_memo.committee.slug}/"),
    "organisation:committee_memos": ("read", lambda r: f"/udvalg/{r.draft_memo.committee.slug}/notater/"),
    "organisation:committee_focus_areas": (
        "read",
        lambda r: f"/udvalg/{r.draft_memo.committee.slug}/fokusomraader/",
    ),
    "organisation:committee_initiatives": (
        "read",
        lambda r: f"/udvalg/{r.draft_memo.committee.slug}/indsatser/",
    ),
    "organisation:committee_agenda_items": (
        "read",
        lambda r: f"/udvalg/{r.draft_memo.committee.slug}/moeder/",
    ),
    "organisation:party_list": ("read", lambda r: "/parter/"),
    "organisation:party_detail": ("read", lambda r: f"/parter/{r.world.municipality.slug}/"),
    "provenance:source_list": ("read", lambda r: "/kilder/"),
    "provenance:source_detail": ("read", lambda r: f"/kilder/{r.world.source.key}/"),
    "memos:memo_list": ("read", lambda r: "/notater/"),
    "memos:memo_new": ("create", lambda r: "/notater/nyt/"),
    "memos:memo_detail": ("memo_draft", lambda r: f"/notater/{r.draft_memo.pk}/"),
    "memos:memo_edit": ("memo_edit", lambda r: f"/notater/{r.draft_memo.pk}/rediger/"),
    "memos:memo_finalise": ("memo_edit", lambda r: f"/notater/{r.draft_memo.pk}/endelig/"),
    "memos:memo_public_version": ("memo_post", lambda r: f"/notater/{r.draft_memo.pk}/offentlig-version/"),
    "memos:memo_new_version": ("memo_post", lambda r: f"/notater/{r.draft_memo.pk}/ny-version/"),
    "memos:memo_download": ("memo_draft", lambda r: f"/notater/{r.draft_memo.pk}/hent/md/"),
    "memos:memo_template_edit": ("edit", lambda r: f"/notater/skabeloner/{r.world.municipality.slug}/"),
    "memos:memo_template_default": ("read", lambda r: "/notater/skabeloner/standard.docx"),
    "memos:referral_create": ("edit_closed", lambda r: f"/punkter/{r.closed_item.pk}/til-orientering/"),
    "memos:referral_withdraw": (
        "post_closed",
        lambda r: f"/til-orientering/{r.closed_item.committee_referrals.get().pk}/traek-tilbage/",
    ),
    "search:search": ("read", lambda r: "/soeg/?q=fortroligt+budget"),
    "reform:overview": ("read", lambda r: "/reform/"),
    "reform:plan": ("edit", lambda r: f"/reform/{r.world.cluster.slug}/"),
    "reform:transfer": ("post", lambda r: f"/reform/{r.world.cluster.slug}/overfoer/"),
    "reform:coordination": ("read", lambda r: f"/koordination/{r.world.municipality.slug}/"),
    "notifications:subscriptions": ("read", lambda r: "/abonnementer/"),
    "notifications:subscription_change": ("post", lambda r: "/abonnementer/999999/aendr/"),
    "notifications:subscription_delete": ("post", lambda r: "/abonnementer/999999/slet/"),
    "notifications:confirm": ("read", lambda r: f"/abonnementer/bekraeft/{confirm_token(999999)}/"),
    "notifications:unsubscribe": (
        "read",
        lambda r: f"/abonnementer/afmeld/{unsubscribe_token(subscription_id=999999)}/",
    ),
    "notifications:feed_rss": ("read", lambda r: f"/feeds/organ/{r.world.political.slug}.rss"),
    "notifications:feed_atom": ("read", lambda r: f"/feeds/samarbejde/{r.world.cluster.slug}.atom"),
    "notifications:feed_rss_search": ("read", lambda r: "/feeds/soegning.rss?q=fortroligt+budget"),
    "notifications:feed_atom_search": ("read", lambda r: "/feeds/soegning.atom?q=fortroligt+budget"),
}
NOT_PAGES = {"accounts:login", "accounts:logout"}  # the login itself (tested in tests/accounts)


def url_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", None) and pattern.app_name == "admin":
                continue
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            names |= url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_view_is_in_the_matrix() -> None:
    # The API (api:*) answers by the same access rules; its role matrix is tests/api/test_visibility.py.
    app_views = {
        n for n in url_names(get_resolver().url_patterns) if ":" in n and not n.startswith(("admin:", "api:"))
    }
    assert app_views - NOT_PAGES - set(URLS) == set(), "add the new views to the permission matrix"


def expected_get(kind: str, role: str) -> set[int]:
    if kind == "secret":
        return {404}
    if kind == "closed_edition":  # an agenda's or minutes' closed edition: for the readers of closed items
        return {200} if role in SEES_CLOSED else {403}
    if role == "anonymous" and kind not in ("read", "memo_draft", "file_closed"):
        return {302}
    if kind == "read":
        return {200}
    if kind == "file_closed":  # a closed item's attachment: not there for those who may not read the item
        return {200} if role in SEES_CLOSED else {404}
    if kind in ("post", "post_closed", "memo_post", "own_post", "proposal_post"):
        return {405}
    if kind == "own":
        return {200}
    if kind == "proposal":  # a proposal: only its party and the secretariat know of it
        return {200} if role in EDITS else {404}
    if kind == "edit":
        return {200} if role in EDITS else {403}
    if kind == "edit_closed":
        return {200} if role in EDITS else {403} if role in SEES_CLOSED else {404}
    if kind in ("create", "search"):
        return {200} if role in EDITORS else {403}
    if kind == "admin":  # administrators only (e.g. the region's reference data)
        return {200} if role == "admin" else {403}
    if kind in ("memo_draft", "memo_edit"):  # a draft is there only for those who may write to its committee
        return {200} if role in EDITS else {404}
    raise AssertionError(kind)


def everything() -> tuple[int, ...]:
    """Row counts of every table with history, and of their history: any write changes one of them."""
    counts = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical") or model._meta.label == "memos.Memo":
            counts.append(model._default_manager.count())
    return tuple(counts)


def _records(world: ClusterWorld) -> Records:
    closed_item = linked_agenda_item(
        meeting=world.meeting,
        title=CLOSED_TITLE,
        kind=AgendaItemKind.DECISION,
        is_public=False,
        topics=[world.prevention_topic],
        focus_areas=[world.focus_area],
        initiatives=[world.initiative],
    )
    closed_decision = decision_create(
        agenda_item=closed_item, kind=DecisionKind.COORDINATION, text=CLOSED_DECISION
    )
    allocation_create(
        fund=world.fund,
        decision=closed_decision,
        amount=CLOSED_AMOUNT,
        focus_area=world.focus_area,
        initiative=world.initiative,
    )
    follow_up_research_create(
        title="Evaluering", status=FollowUpResearchStatus.PLANNED, focus_area=world.focus_area
    )
    absence_record(meeting=world.meeting, membership=world.mayor_membership, agenda_items=[closed_item])
    memo = memo_draft(committee=Committee.objects.get(party=world.municipality), kind=MemoKind.ORIENTATION)
    # Flagged for the committee after the draft, so it waits for the next memo (and can be withdrawn).
    referral_create(committee=Committee.objects.get(party=world.municipality), agenda_item=closed_item)
    gp_coverage_matrix_records(world.area, closed_item)
    temporary_places_matrix_records(world)
    other = build_cluster("Anden")
    recommendation = decision_create(
        agenda_item=world.agenda_item,
        kind=DecisionKind.RECOMMENDATION,
        text="Klyngen anbefaler regionen at udvide akutteamet.",
        recommended_to=world.region,
    )
    # A health council of each editor's party, so each may write a plan (for its own council only).
    council = collaboration_create(
        name="Sundhedsråd Test",
        kind=CollaborationKind.HEALTH_COUNCIL,
        region=world.region,
        parties=[world.region, world.municipality],
    )
    collaboration_create(
        name="Sundhedsråd Anden",
        kind=CollaborationKind.HEALTH_COUNCIL,
        region=world.region,
        parties=[other.municipality],
    )
    plan = local_health_plan_create(council=council, name="Nærsundhedsplan Test")
    goal = health_plan_goal_create(plan=plan, title="Færre genindlæggelser", initiatives=[world.initiative])
    closed_attachment = attachment_create(
        meeting=world.meeting,
        agenda_item=closed_item,
        content=pdf_bytes(f"{CLOSED_TITLE}: bilag"),
        original_name="budget.pdf",
        title=f"{CLOSED_TITLE} (bilag)",
    )
    # A planned meeting, and a party's proposal for it (the planned meeting's date may lie in the past:
    # the pages answer by who may see the proposal, whatever the deadline).
    planned = meeting_create(body=world.political, date=datetime.date(2026, 6, 1))
    proposal = AgendaItemProposal.objects.create(
        meeting=planned, party=world.general_practice, title=f"{CLOSED_TITLE} (forslag)", kind="decision"
    )
    # The meeting's agenda published as version 1, and its minutes published after approval in writing.
    agenda_version_create(meeting=world.meeting, notify=False)
    minutes = minutes_draft(meeting=world.meeting)
    minutes_approve(minutes=minutes, kind=ApprovalKind.WRITTEN, on=datetime.date(2024, 1, 5))
    minutes_publish(minutes=Minutes.objects.get(pk=minutes.pk))
    return Records(
        world,
        other,
        closed_item,
        closed_decision,
        memo,
        recommendation,
        plan,
        goal,
        closed_attachment,
        planned,
        proposal,
    )


def client_for(role: str, records: Records) -> Client:
    world, other = records.world, records.other
    return {
        "anonymous": Client,
        "admin": administrator,
        "editor_participating": lambda: editor_of(world.municipality),
        "editor_other_party": lambda: editor_of(other.municipality),
        "member_in_body": lambda: member_as(world.mayor),
        "member_elsewhere": lambda: member_as(other.mayor),
    }[role]()


@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role(records: Records, role: str) -> None:
    client = client_for(role, records)
    for name, (kind, build) in URLS.items():
        url = build(records)
        response = client.get(url)
        assert response.status_code in expected_get(kind, role), (name, url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/log-ind/"), (name, url)
        if response.status_code == 200 and role not in SEES_CLOSED:
            body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
            html = body.decode(errors="replace")  # files too (the Word template, the agenda's PDF)
            assert CLOSED_TITLE not in html and CLOSED_DECISION not in html, (name, url)
            assert not [money for money in CLOSED_MONEY if money in html], (name, url)


@pytest.mark.parametrize("role", [r for r in ROLES if r not in EDITS])
def test_refused_posts_change_nothing(records: Records, role: str) -> None:
    client = client_for(role, records)
    before = everything()
    for name, (kind, build) in URLS.items():
        url = build(records)
        if kind in ("own", "own_post", "secret"):  # the user's own calendar link is no shared record
            assert client.post(url).status_code in (302, 200, 404, 405), (name, url)
            continue
        if kind == "search":  # a search for a form's field answers GET only
            assert client.post(url, {"q": "x"}).status_code == 405, (name, url)
            continue
        if kind in (
            "read",
            "memo_draft",
            "file_closed",
            "closed_edition",
        ):  # pages to read: a POST there may not write either
            assert client.post(url, {"title": "x"}).status_code < 500, (name, url)
            continue
        response = client.post(url, {"retning": "op", "title": "x", "text": "x", "kind": "coordination"})
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/log-ind/"), (name, url)
        elif kind == "create" and role in EDITORS:
            assert response.status_code == 422, (name, url)  # the form again, with its errors (422)
        else:
            assert response.status_code in (403, 404), (name, url, response.status_code)
    assert everything() == before


module_records, records = built_once_per_module("records", _records)
