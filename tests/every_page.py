"""Every page of the app (outside the admin and the API) and how to reach it with the records at hand:
the list that the browser test of every form and the benchmark of every page (bench/every_page.py) walk.

`PAGES` maps each URL name to a function that builds the page's address from the first suitable record
in the database; `NO_PAGE` names the URLs that are no page to look at. A lookup that finds no record
raises (AttributeError on None): the data at hand has no such page to show.
`test_every_page_is_visited_or_is_no_page` (tests/browser/test_form_controls.py) keeps the lists
complete."""

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, URLResolver, reverse

from klynge.attachments.models import Attachment
from klynge.attendance.models import Absence
from klynge.bodies.models import Collaboration, Membership, Substitution
from klynge.gpcoverage.models import GpCoverageDataset
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan
from klynge.meetings.models import AgendaItem, AgendaItemProposal, Decision, Meeting
from klynge.memos.models import Memo
from klynge.organisation.models import Committee, Party, PartyKind, Person
from klynge.provenance.models import Source
from klynge.temporaryplaces.models import PlaceCount
from klynge.work.models import FocusArea, FollowUpResearch, Fund, Initiative, TrialAction

# URL names that are no page to look at: they answer a POST only, or are a file to download.
NO_PAGE = {
    "accounts:logout",
    "meetings:agenda_item_move",
    "meetings:agenda_item_remove",
    "attendance:absence_withdraw",
    "memos:memo_public_version",
    "memos:memo_new_version",
    "memos:memo_download",
    "reform:transfer",
    "gpcoverage:example_file",
    "temporaryplaces:example_file",
    "catchment:example_file",
    # POST-only actions
    "agendas:agenda_publish",
    "agendas:minutes_draft",
    "agendas:minutes_edit",
    "agendas:minutes_approve",
    "agendas:minutes_publish",
    "attachments:move",
    "attachments:remove",
    "healthplans:goal_remove",
    "meetings:proposal_decide",
    "meetings:proposal_withdraw",
    "meetings:recommendation_response_remove",
    "members:calendar_link_issue",
    "members:calendar_link_revoke",
    "memos:referral_withdraw",
    "notifications:subscription_delete",
    "notifications:subscription_change",
    # files and feeds
    "agendas:agenda_version_pdf",
    "agendas:minutes_file",
    "attachments:download",
    "members:calendar_feed",
    "memos:memo_template_default",
    "notifications:feed_rss",
    "notifications:feed_atom",
    "notifications:feed_rss_search",
    "notifications:feed_atom_search",
    # links with a signed token sent by e-mail (each tested in tests/notifications)
    "notifications:confirm",
    "notifications:unsubscribe",
}

# Every page and how to reach it with the demo data (a draft memo and an absence added).
PAGES: dict[str, Callable[[], str]] = {
    "web:front": lambda: reverse("web:front"),
    "web:structure": lambda: reverse("web:structure"),
    "web:decision_support": lambda: reverse("web:decision_support"),
    "web:picker": lambda: reverse("web:picker", args=["dagsordenspunkter"]),
    "bodies:collaboration_list": lambda: reverse("bodies:collaboration_list"),
    "bodies:collaboration_detail": lambda: reverse("bodies:collaboration_detail", args=[_cluster().slug]),
    "bodies:body_detail": lambda: reverse("bodies:body_detail", args=[_membership().body.slug]),
    "bodies:membership_create": lambda: reverse("bodies:membership_create", args=[_membership().body.slug]),
    "bodies:seat_set": lambda: reverse("bodies:seat_set", args=[_membership().body.slug]),
    "bodies:membership_update": lambda: reverse("bodies:membership_update", args=[_membership().pk]),
    "bodies:substitution_create": lambda: reverse("bodies:substitution_create", args=[_membership().pk]),
    "bodies:substitution_update": lambda: reverse(
        "bodies:substitution_update", args=[_first(Substitution).pk]
    ),
    "meetings:meeting_list": lambda: reverse("meetings:meeting_list"),
    "meetings:meeting_create": lambda: reverse("meetings:meeting_create"),
    "meetings:meeting_detail": lambda: reverse("meetings:meeting_detail", args=[_held_item().meeting_id]),
    "meetings:meeting_edit": lambda: reverse("meetings:meeting_edit", args=[_held_item().meeting_id]),
    "meetings:agenda_item_create": lambda: reverse(
        "meetings:agenda_item_create", args=[_held_item().meeting_id]
    ),
    "meetings:agenda_item_edit": lambda: reverse("meetings:agenda_item_edit", args=[_held_item().pk]),
    "meetings:decision_create": lambda: reverse("meetings:decision_create", args=[_held_item().pk]),
    "meetings:decision_edit": lambda: reverse("meetings:decision_edit", args=[_first(Decision).pk]),
    "attendance:meeting_attendance": lambda: reverse(
        "attendance:meeting_attendance", args=[_absence().meeting_id]
    ),
    "attendance:absence_new": lambda: reverse("attendance:absence_new", args=[_absence().meeting_id]),
    "attendance:absence_edit": lambda: reverse(
        "attendance:absence_edit", args=[_absence().meeting_id, _absence().pk]
    ),
    "work:focus_area_list": lambda: reverse("work:focus_area_list"),
    "work:focus_area_create": lambda: reverse("work:focus_area_create"),
    "work:focus_area_detail": lambda: reverse("work:focus_area_detail", args=[_first(FocusArea).slug]),
    "work:focus_area_update": lambda: reverse("work:focus_area_update", args=[_first(FocusArea).slug]),
    "work:trial_action_create": lambda: reverse("work:trial_action_create", args=[_first(FocusArea).slug]),
    "work:focus_area_research_create": lambda: reverse(
        "work:focus_area_research_create", args=[_first(FocusArea).slug]
    ),
    "work:trial_action_update": lambda: reverse("work:trial_action_update", args=[_first(TrialAction).pk]),
    "work:research_update": lambda: reverse("work:research_update", args=[_first(FollowUpResearch).pk]),
    "work:initiative_list": lambda: reverse("work:initiative_list"),
    "work:initiative_create": lambda: reverse("work:initiative_create"),
    "work:initiative_detail": lambda: reverse("work:initiative_detail", args=[_first(Initiative).slug]),
    "work:initiative_update": lambda: reverse("work:initiative_update", args=[_first(Initiative).slug]),
    "work:initiative_follow_up": lambda: reverse("work:initiative_follow_up", args=[_first(Initiative).slug]),
    "work:initiative_research_create": lambda: reverse(
        "work:initiative_research_create", args=[_first(Initiative).slug]
    ),
    "work:fund_list": lambda: reverse("work:fund_list"),
    "work:fund_create": lambda: reverse("work:fund_create"),
    "work:fund_detail": lambda: reverse("work:fund_detail", args=[_first(Fund).pk]),
    "work:fund_update": lambda: reverse("work:fund_update", args=[_first(Fund).pk]),
    "organisation:person_list": lambda: reverse("organisation:person_list"),
    "organisation:person_detail": lambda: reverse("organisation:person_detail", args=[_first(Person).slug]),
    "organisation:committee_list": lambda: reverse("organisation:committee_list"),
    "organisation:committee_detail": lambda: reverse(
        "organisation:committee_detail", args=[_first(Committee).slug]
    ),
    "organisation:committee_memos": lambda: reverse(
        "organisation:committee_memos", args=[_first(Committee).slug]
    ),
    "organisation:committee_focus_areas": lambda: reverse(
        "organisation:committee_focus_areas", args=[_first(Committee).slug]
    ),
    "organisation:committee_initiatives": lambda: reverse(
        "organisation:committee_initiatives", args=[_first(Committee).slug]
    ),
    "organisation:committee_agenda_items": lambda: reverse(
        "organisation:committee_agenda_items", args=[_first(Committee).slug]
    ),
    "organisation:party_list": lambda: reverse("organisation:party_list"),
    "organisation:party_detail": lambda: reverse("organisation:party_detail", args=[_municipality().slug]),
    "provenance:source_list": lambda: reverse("provenance:source_list"),
    "provenance:source_detail": lambda: reverse("provenance:source_detail", args=[_first(Source).key]),
    "memos:memo_list": lambda: reverse("memos:memo_list"),
    "memos:memo_new": lambda: reverse("memos:memo_new"),
    "memos:memo_detail": lambda: reverse("memos:memo_detail", args=[_draft().pk]),
    "memos:memo_edit": lambda: reverse("memos:memo_edit", args=[_draft().pk]),
    "memos:memo_finalise": lambda: reverse("memos:memo_finalise", args=[_draft().pk]),
    "accounts:login": lambda: reverse("accounts:login"),
    "search:search": lambda: reverse("search:search") + "?q=klynge",
    "portal:overview": lambda: reverse("portal:overview"),
    "portal:collaboration": lambda: reverse("portal:collaboration", args=[_cluster().slug]),
    "gpcoverage:overview": lambda: reverse("gpcoverage:overview"),
    "gpcoverage:import": lambda: reverse("gpcoverage:import"),
    "gpcoverage:dataset_detail": lambda: reverse(
        "gpcoverage:dataset_detail", args=[_first(GpCoverageDataset).slug]
    ),
    "temporaryplaces:place_count_list": lambda: reverse("temporaryplaces:place_count_list"),
    "temporaryplaces:place_count_import": lambda: reverse("temporaryplaces:place_count_import"),
    "temporaryplaces:place_count_detail": lambda: reverse(
        "temporaryplaces:place_count_detail", args=[_first(PlaceCount).slug]
    ),
    "catchment:lookup": lambda: reverse("catchment:lookup"),
    "catchment:import": lambda: reverse("catchment:import"),
    "reform:overview": lambda: reverse("reform:overview"),
    "reform:plan": lambda: reverse("reform:plan", args=[_cluster().slug]),
    "reform:coordination": lambda: reverse("reform:coordination", args=[_municipality().slug]),
    "agendas:agenda_page": lambda: reverse("agendas:agenda_page", args=[_held_item().meeting_id]),
    "attachments:edit": lambda: reverse("attachments:edit", args=[_first(Attachment).pk]),
    "attachments:meeting_create": lambda: reverse(
        "attachments:meeting_create", args=[_held_item().meeting_id]
    ),
    "attachments:item_create": lambda: reverse("attachments:item_create", args=[_held_item().pk]),
    "attachments:proposal_create": lambda: reverse("attachments:proposal_create", args=[_open_proposal().pk]),
    "bodies:body_create": lambda: reverse("bodies:body_create", args=[_cluster().slug]),
    "bodies:body_update": lambda: reverse("bodies:body_update", args=[_membership().body.slug]),
    "healthplans:plan_list": lambda: reverse("healthplans:plan_list"),
    "healthplans:plan_create": lambda: reverse("healthplans:plan_create"),
    "healthplans:plan_detail": lambda: reverse(
        "healthplans:plan_detail", args=[_first(LocalHealthPlan).slug]
    ),
    "healthplans:plan_update": lambda: reverse(
        "healthplans:plan_update", args=[_first(LocalHealthPlan).slug]
    ),
    "healthplans:goal_create": lambda: reverse(
        "healthplans:goal_create", args=[_first(LocalHealthPlan).slug]
    ),
    "healthplans:goal_update": lambda: reverse("healthplans:goal_update", args=[_first(HealthPlanGoal).pk]),
    "meetings:proposal_list": lambda: reverse("meetings:proposal_list", args=[_planned_meeting().pk]),
    "meetings:proposal_create": lambda: reverse("meetings:proposal_create", args=[_planned_meeting().pk]),
    "meetings:proposal_detail": lambda: reverse("meetings:proposal_detail", args=[_open_proposal().pk]),
    "meetings:proposal_edit": lambda: reverse("meetings:proposal_edit", args=[_open_proposal().pk]),
    "meetings:recommendation_response": lambda: reverse(
        "meetings:recommendation_response",
        args=[_first(Decision.objects.filter(kind="council_recommendation")).pk],
    ),
    "members:my_page": lambda: reverse("members:my_page"),
    "memos:memo_template_edit": lambda: reverse("memos:memo_template_edit", args=[_municipality().slug]),
    "memos:referral_create": lambda: reverse("memos:referral_create", args=[_held_item().pk]),
    "notifications:subscriptions": lambda: reverse("notifications:subscriptions"),
    "organisation:person_create": lambda: reverse("organisation:person_create"),
    "organisation:person_update": lambda: reverse("organisation:person_update", args=[_first(Person).slug]),
    "organisation:committee_create": lambda: reverse("organisation:committee_create"),
    "organisation:committee_update": lambda: reverse(
        "organisation:committee_update", args=[_first(Committee).slug]
    ),
}


def _planned_meeting() -> Meeting:
    return Meeting.objects.filter(status="planned").order_by("pk").first()  # type: ignore[return-value]


def _open_proposal() -> AgendaItemProposal:
    """The demo's proposal that awaits the secretariat (an accepted one is no longer edited)."""
    return _first(AgendaItemProposal.objects.filter(status="proposed"))  # type: ignore[no-any-return]


def _first(model: Any) -> Any:
    records = model if hasattr(model, "order_by") else model.objects
    return records.order_by("pk").first()


def _cluster() -> Collaboration:
    return Collaboration.objects.filter(kind="cluster", focus_areas__isnull=False).order_by("pk").first()  # type: ignore[return-value]


def _membership() -> Membership:
    return _first(Membership)  # type: ignore[no-any-return]


def _municipality() -> Party:
    return Party.objects.filter(kind=PartyKind.MUNICIPALITY).order_by("pk").first()  # type: ignore[return-value]


def _held_item() -> AgendaItem:
    return AgendaItem.objects.filter(meeting__status="held").order_by("pk").first()  # type: ignore[return-value]


def _draft() -> Memo:
    return Memo.objects.filter(status="draft").order_by("pk").first()  # type: ignore[return-value]


def _absence() -> Absence:
    return _first(Absence)  # type: ignore[no-any-return]


def url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api"):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names
