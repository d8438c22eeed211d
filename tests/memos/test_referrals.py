"""Items flagged "til orientering" for a committee: marked on the meeting page (or by the API), listed on
the memo screen until a final memo has included them, drafted into the committee's next memo and marked
included only when that memo is finalised."""

import datetime
import re
from typing import Any

import pytest
from django.test import Client

from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.memos import commands
from klynge.memos.drafting.referrals import REFERRALS_HEADING
from klynge.memos.models import CommitteeReferral, Memo, MemoKind
from klynge.memos.services import memo_draft, memo_finalise, memo_public_version
from klynge.organisation.models import Committee, PartyKind
from klynge.organisation.services import committee_create, party_create
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def committee(world: ClusterWorld) -> Committee:
    return Committee.objects.get(party=world.municipality)


def flag(client: Client, item: AgendaItem, committee: Committee, **fields: object) -> object:
    prefix = f"orientering-{item.pk}"
    data = {f"{prefix}-committee": committee.pk, **{f"{prefix}-{k}": v for k, v in fields.items()}}
    return client.post(f"/punkter/{item.pk}/til-orientering/", data, **HX)


def status_memo(committee: Committee) -> Memo:
    return memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
    )


def test_flag_draft_finalise_and_the_item_is_no_longer_pending(
    world: ClusterWorld, committee: Committee
) -> None:
    editor = editor_of(world.municipality)

    response = flag(editor, world.agenda_item, committee, note="Udvalget bør kende beslutningen.")
    assert response.status_code == 200
    block = response.content.decode()
    assert f'id="orientering-{world.agenda_item.pk}"' in block
    assert "Venter på næste notat" in block and committee.name in block
    referral = CommitteeReferral.objects.get()
    assert referral.flagged_by is not None and referral.is_pending

    # The memo screen lists it, and the meeting page shows it under the item.
    assert world.agenda_item.title in editor.get("/notater/").content.decode()
    assert "Venter på næste notat" in editor.get(f"/moeder/{world.meeting.pk}/").content.decode()

    # A draft brings it (a section of the memo's text), but leaves it pending.
    memo = status_memo(committee)
    assert f"## {REFERRALS_HEADING}" in memo.body
    assert "Udvalget bør kende beslutningen." in memo.body
    referral.refresh_from_db()
    assert referral.is_pending
    assert "Punkter til orientering" in editor.get(f"/notater/{memo.pk}/").content.decode()

    # Finalising asks first, and says the item will leave the list; finalising includes it.
    assert world.agenda_item.title in editor.get(f"/notater/{memo.pk}/endelig/").content.decode()
    assert editor.post(f"/notater/{memo.pk}/endelig/", {"confirm": "yes"}).status_code == 302
    referral.refresh_from_db()
    assert referral.included_in == memo
    assert not referral.is_pending
    assert world.agenda_item.title not in _pending_section(editor.get("/notater/").content.decode())
    assert "Medtaget i udvalgets notat" in editor.get(f"/moeder/{world.meeting.pk}/").content.decode()
    # The next memo does not bring it again.
    assert REFERRALS_HEADING not in status_memo(committee).body
    assert referral.history.count() == 2  # flagged, included


def _pending_section(page: str) -> str:
    match = re.search(r"<h2>Punkter til orientering</h2>(.*?)<h2>Notater</h2>", page, re.S)
    return match.group(1) if match else ""


def test_a_discarded_draft_does_not_swallow_the_item(world: ClusterWorld, committee: Committee) -> None:
    referral = commands.referral_create(
        actor=_admin_user(),
        command=commands.ReferralCreate(agenda_item_id=world.agenda_item.pk, committee_id=committee.pk),
    )
    abandoned = status_memo(committee)
    assert REFERRALS_HEADING in abandoned.body
    kept = memo_draft(committee=committee, kind=MemoKind.ORIENTATION, memo_date=datetime.date(2023, 12, 12))
    assert REFERRALS_HEADING in kept.body
    referral.refresh_from_db()
    assert referral.is_pending
    memo_finalise(memo=kept)
    referral.refresh_from_db()
    assert referral.included_in == kept
    # Finalising the other draft later changes nothing: the item was included once.
    memo_finalise(memo=abandoned)
    referral.refresh_from_db()
    assert referral.included_in == kept


def _admin_user() -> object:
    from klynge.accounts.services import account_create

    user, _ = account_create(email="admin-ref@test.dk", role="admin", password="x")
    return user


def test_a_decision_is_flagged_with_its_text(world: ClusterWorld, committee: Committee) -> None:
    editor = editor_of(world.municipality)
    assert flag(editor, world.agenda_item, committee, decision=world.decision.pk).status_code == 200
    referral = CommitteeReferral.objects.get()
    assert referral.decision == world.decision
    assert f"Beslutning: {world.decision.text}" in status_memo(committee).body


def test_the_same_item_is_pending_once_per_committee(world: ClusterWorld, committee: Committee) -> None:
    editor = editor_of(world.municipality)
    flag(editor, world.agenda_item, committee)
    response = flag(editor, world.agenda_item, committee)
    assert response.status_code == 422
    assert "allerede til orientering" in response.content.decode()
    assert CommitteeReferral.objects.count() == 1


def test_only_committees_of_the_meetings_parties_may_be_chosen(world: ClusterWorld) -> None:
    outsider = party_create(name="Udenfor Kommune", kind=PartyKind.MUNICIPALITY, region=world.region)
    outside = committee_create(party=outsider, name="Udvalget udenfor", code="UDE")
    response = flag(administrator(), world.agenda_item, outside)
    assert response.status_code == 422
    assert commands.REFERRAL_COMMITTEE_NOT_ALLOWED in response.content.decode()
    assert not CommitteeReferral.objects.exists()


def test_who_may_flag(world: ClusterWorld, committee: Committee) -> None:
    other = build_cluster("Anden")
    assert flag(member_as(world.mayor), world.agenda_item, committee).status_code == 403
    assert flag(editor_of(other.municipality), world.agenda_item, committee).status_code == 403
    anonymous = flag(Client(), world.agenda_item, committee)
    assert anonymous.status_code == 302 and "/log-ind/" in anonymous["Location"]
    assert not CommitteeReferral.objects.exists()
    # Those who may not flag are not offered the form.
    page = member_as(world.mayor, "m2@test.dk").get(f"/moeder/{world.meeting.pk}/").content.decode()
    assert "Til orientering for et udvalg" not in page
    page = editor_of(world.municipality).get(f"/moeder/{world.meeting.pk}/").content.decode()
    assert "Til orientering for et udvalg" in page


def test_the_page_without_javascript(world: ClusterWorld, committee: Committee) -> None:
    editor = editor_of(world.municipality)
    url = f"/punkter/{world.agenda_item.pk}/til-orientering/"
    assert editor.get(url).status_code == 200
    prefix = f"orientering-{world.agenda_item.pk}"
    response = editor.post(url, {f"{prefix}-committee": committee.pk})
    assert response.status_code == 302 and response["Location"].endswith(world.agenda_item.anchor)
    refused = editor.post(url, {f"{prefix}-committee": ""})
    assert refused.status_code == 422


def test_withdraw_a_pending_mark_but_not_an_included_one(world: ClusterWorld, committee: Committee) -> None:
    editor = editor_of(world.municipality)
    flag(editor, world.agenda_item, committee)
    referral = CommitteeReferral.objects.get()
    assert member_as(world.mayor).post(f"/til-orientering/{referral.pk}/traek-tilbage/").status_code == 403
    response = editor.post(f"/til-orientering/{referral.pk}/traek-tilbage/", **HX)
    assert response.status_code == 200 and "Venter på næste notat" not in response.content.decode()
    assert not CommitteeReferral.objects.exists()

    flag(editor, world.agenda_item, committee)
    memo_finalise(memo=status_memo(committee))
    referral = CommitteeReferral.objects.get()
    editor.post(f"/til-orientering/{referral.pk}/traek-tilbage/")
    assert CommitteeReferral.objects.filter(pk=referral.pk, included_in__isnull=False).exists()


# ---- Closed items --------------------------------------------------------------------------------------


@pytest.fixture
def closed_item(world: ClusterWorld) -> AgendaItem:
    return agenda_item_create(
        meeting=world.meeting,
        title="Fortroligt udbud af træningstilbud",
        kind=AgendaItemKind.DISCUSSION,
        summary="Tilbudsgiverne må ikke kendes.",
        is_public=False,
    )


def test_a_flagged_closed_item_reaches_only_those_who_may_read_it(
    world: ClusterWorld, committee: Committee, closed_item: AgendaItem
) -> None:
    editor = editor_of(world.municipality)
    assert flag(editor, closed_item, committee, note="Fortrolig bemærkning").status_code == 200
    other_editor = editor_of(build_cluster("Anden").municipality)

    assert closed_item.title in editor.get("/notater/").content.decode()
    for client in (Client(), other_editor):
        assert closed_item.title not in client.get(f"/moeder/{world.meeting.pk}/").content.decode()
        listed = client.get("/api/v1/referrals").json()
        assert listed["count"] == 0 if "count" in listed else listed == []
    # A flagged closed item makes the memo a closed memo; its public version has no trace of it.
    memo = memo_draft(committee=committee, kind=MemoKind.ORIENTATION, memo_date=datetime.date(2023, 12, 12))
    assert f"::: lukket-punkt {closed_item.pk}" in memo.body
    assert set(memo.closed_items.values_list("pk", flat=True)) == {closed_item.pk}
    memo = memo_finalise(memo=memo)
    assert CommitteeReferral.objects.get().included_in == memo
    public = memo_public_version(memo=memo)
    for secret in (closed_item.title, "Fortrolig bemærkning", "Tilbudsgiverne"):
        assert secret not in public.body
    public = memo_finalise(memo=public)
    for fmt in ("html", "md", "pdf", "docx"):
        content = Client().get(f"/notater/{public.pk}/hent/{fmt}/").content
        assert closed_item.title.encode() not in content
    assert Client().get(f"/notater/{memo.pk}/").status_code == 404


def test_the_party_may_flag_a_closed_item_only_to_its_own_readers(
    world: ClusterWorld, committee: Committee, closed_item: AgendaItem
) -> None:
    other = build_cluster("Anden")
    # The other party may not see the closed item: not found, never a hint that it exists.
    response = flag(editor_of(other.municipality), closed_item, committee)
    assert response.status_code == 404


# ---- Queries -------------------------------------------------------------------------------------------


def test_the_pages_cost_the_same_with_one_or_many_flagged_items(
    world: ClusterWorld, committee: Committee
) -> None:
    from tests.site.querycount import queries_for

    editor = editor_of(world.municipality)
    flag(editor, world.agenda_item, committee)
    memo = status_memo(committee)
    urls = [f"/moeder/{world.meeting.pk}/", "/notater/", f"/notater/{memo.pk}/"]
    before = {url: queries_for(editor, url) for url in urls}
    anonymous_before = queries_for(Client(), urls[0])
    for n in range(5):
        item = agenda_item_create(meeting=world.meeting, title=f"Punkt {n}", kind=AgendaItemKind.DISCUSSION)
        flag(editor, item, committee, note=f"Note {n}")
        other = build_cluster(f"R{n}")
        other_committee = Committee.objects.get(party=other.municipality)
        commands.referral_create(
            actor=_admin_user_once(),
            command=commands.ReferralCreate(
                agenda_item_id=other.agenda_item.pk, committee_id=other_committee.pk
            ),
        )
    memo = status_memo(committee)
    urls[2] = f"/notater/{memo.pk}/"
    after = {url: queries_for(editor, url) for url in urls}
    assert list(after.values()) == list(before.values())
    assert queries_for(Client(), urls[0]) == anonymous_before
    assert max(after.values()) <= 28


def _admin_user_once() -> object:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email="admin-ref@test.dk").first() or _admin_user()


def test_the_meeting_page_renders_each_items_form_as_the_item_own_form(
    world: ClusterWorld, committee: Committee
) -> None:
    """The page renders the empty form's fields once and reuses them per item (a 200-item meeting):
    each item's fields are still exactly its own form's, with its id and its own decisions."""
    from django.template.loader import render_to_string

    from klynge.meetings.services import decision_create
    from klynge.memos.selectors import referral_committees
    from klynge.site.memos.forms import ReferralForm

    without = agenda_item_create(
        meeting=world.meeting, title="Uden beslutning", kind=AgendaItemKind.DISCUSSION
    )
    other = agenda_item_create(meeting=world.meeting, title="Anden beslutning", kind=AgendaItemKind.DECISION)
    decision_create(agenda_item=other, kind="coordination", text="Et <andet> valg & en tekst")
    page = editor_of(world.municipality).get(f"/moeder/{world.meeting.pk}/").content.decode()
    committees = list(referral_committees(meeting=world.meeting))
    for item in (world.agenda_item, without, other, world.agenda_item):
        item = AgendaItem.objects.get(pk=item.pk)
        own = render_to_string(
            "web/includes/form_fields.html",
            {"form": ReferralForm(item=item, committees=committees), "refusal_heading": "x"},
        )
        assert own in page
        assert (f'name="orientering-{item.pk}-decision"' in own) == item.decisions.exists()
    assert "Et &lt;andet&gt; valg &amp; en tekst" in page


def test_each_items_block_on_the_meeting_page_is_the_blocks_own(
    world: ClusterWorld, committee: Committee
) -> None:
    """The block of an item marked for no committee is rendered once per request for a stand-in and given
    each item's id, form fields and decision options: each item's block must still be exactly what the
    block's template renders for that item, for the public and for an editor, beside a marked item."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from klynge.meetings.services import decision_create
    from klynge.site.memos.referrals import item_referrals_context

    plain = agenda_item_create(meeting=world.meeting, title="Uden beslutning", kind=AgendaItemKind.DISCUSSION)
    two = agenda_item_create(meeting=world.meeting, title="To beslutninger", kind=AgendaItemKind.DECISION)
    decision_create(agenda_item=two, kind="coordination", text="Se orientering-klyngepunkt <her> & der")
    decision_create(agenda_item=two, kind="coordination", text="918273645546372819 klynge-beslutning")
    editor = editor_of(world.municipality)
    flag(editor, world.agenda_item, committee, note="Bør <kende> den")
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    for client, user in ((Client(), AnonymousUser()), (editor, _logged_in_user(editor))):
        page = csrf.sub("csrf", client.get(f"/moeder/{world.meeting.pk}/").content.decode())
        request = RequestFactory().get("/")
        request.user = user
        for item in (world.agenda_item, plain, two):
            item = AgendaItem.objects.get(pk=item.pk)
            context = item_referrals_context(request, item)
            own = csrf.sub("csrf", render_to_string("memos/includes/item_referrals.html", context))
            assert own in page, (client, item.title)
    assert "Se orientering-klyngepunkt &lt;her&gt; &amp; der" in page
    assert "918273645546372819 klynge-beslutning" in page and page.count('id="orientering-') >= 3


def _logged_in_user(client: Client) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_the_decision_options_on_the_meeting_page_are_cut_as_truncatechars(world: ClusterWorld) -> None:
    """Each decision's option in an item's referral form is its kind and its text cut to 60 characters as
    Django's `truncatechars` cuts it (short texts whole, long ones with "…", combining accents not
    counted), escaped."""
    from django.utils.html import escape
    from django.utils.text import Truncator

    from klynge.meetings.services import decision_create

    item = agenda_item_create(meeting=world.meeting, title="Mange beslutninger", kind=AgendaItemKind.DECISION)
    texts = [
        "Kort <script>alert(\"x\")</script> & 'citat'",
        'Lang tekst med <script>alert("x")</script> & "citat" om pårørendeinddragelse i kommunerne',
        "e\u0301" * 70,  # combining accents
        "cafe\u0301 " + "ø" * 80,  # not in NFC
        "x" * 60,
        "y" * 61,
    ]
    decisions = [decision_create(agenda_item=item, kind="coordination", text=text) for text in texts]
    page = editor_of(world.municipality).get(f"/moeder/{world.meeting.pk}/").content.decode()
    for decision, text in zip(decisions, texts, strict=True):
        label = f"{decision.get_kind_display()}: {Truncator(text).chars(60)}"
        assert f'<option value="{decision.pk}">{escape(label)}</option>' in page, text
    assert "<script>alert" not in page.split(f'id="orientering-{item.pk}"', 1)[1].split("</details>", 1)[0]
