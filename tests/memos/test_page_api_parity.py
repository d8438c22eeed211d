"""Every memo write gives the same stored result and the same refusal by the page and by the API: both
build the same command (`klynge.memos.commands`)."""

import datetime
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from klynge.accounts.models import Role
from klynge.memos.models import Memo, MemoKind
from klynge.memos.services import memo_draft, memo_finalise
from klynge.organisation.models import Committee
from tests.api.test_memos import bearer
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster

API = "/api/v1"


@pytest.fixture
def committee(world: ClusterWorld) -> Committee:
    return Committee.objects.get(party=world.municipality)


def a_draft(committee: Committee) -> Memo:
    return memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
    )


def stored(memo: Memo) -> tuple[Any, ...]:
    memo.refresh_from_db()
    return (
        memo.kind,
        memo.status,
        memo.version,
        memo.title,
        memo.body,
        memo.memo_date,
        memo.committee_meeting_date,
        memo.period_start,
        memo.period_end,
        memo.case_handler,
        sorted((c.kind.code, c.number) for c in memo.case_numbers.all()),
    )


def api(method: str, path: str, headers: dict[str, str], body: Any = None) -> Any:
    send = getattr(Client(), method)
    if body is None:
        return send(API + path, **headers)
    return send(API + path, body, content_type="application/json", **headers)


def page_errors(response: Any) -> dict[str, list[str]]:
    form = response.context["form"]
    return {field: list(messages) for field, messages in form.errors.items()}


def page_message(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


# ---- Draft ------------------------------------------------------------------------------------------

DRAFTS = [
    {"kind": "status", "meeting_date": "2023-12-14", "memo_date": "2023-12-11", "case_handler": "M. Holmes"},
    {"kind": "orientation", "memo_date": "2023-10-02"},
]


@pytest.mark.parametrize("options", DRAFTS)
def test_a_draft_is_the_same_by_page_and_api(
    world: ClusterWorld, committee: Committee, options: dict
) -> None:
    page = editor_of(world.municipality, "side@test.dk")
    assert page.post("/notater/nyt/", {"committee": committee.pk, **options}).status_code == 302
    by_page = Memo.objects.get()

    response = api(
        "post",
        "/memos",
        bearer(Role.EDITOR, party=world.municipality),
        {"committee": committee.pk, **options},
    )

    assert response.status_code == 201, response.content
    assert stored(Memo.objects.get(pk=response.json()["id"])) == stored(by_page)


@pytest.mark.parametrize(
    ("options", "field", "page_field"),
    [
        ({"kind": "status"}, "meeting_date", "meeting_date"),
        (
            {
                "kind": "status",
                "meeting_date": "2023-12-14",
                "memo_date": "2023-12-11",
                "period_start": "2023-12-12",
            },
            "period_start",
            "period_start",
        ),
        (
            {"kind": "status", "meeting_date": "2023-12-14", "case_handler": "x" * 201},
            "case_handler",
            "case_handler",
        ),
    ],
)
def test_a_refused_draft_says_the_same_by_page_and_api(
    world: ClusterWorld, committee: Committee, options: dict, field: str, page_field: str
) -> None:
    page = editor_of(world.municipality, "side@test.dk").post(
        "/notater/nyt/", {"committee": committee.pk, **options}
    )
    response = api(
        "post",
        "/memos",
        bearer(Role.EDITOR, party=world.municipality),
        {"committee": committee.pk, **options},
    )

    assert page.status_code == 422 and response.status_code == 422, response.content
    assert page_errors(page)[page_field] == response.json()["errors"][field]
    assert Memo.objects.count() == 0


def test_a_member_may_draft_neither_by_page_nor_by_api(world: ClusterWorld, committee: Committee) -> None:
    body = {"committee": committee.pk, **DRAFTS[0]}
    assert member_as(world.mayor).post("/notater/nyt/", body).status_code == 403
    assert api("post", "/memos", bearer(Role.MEMBER, person=world.mayor), body).status_code == 403
    assert Memo.objects.count() == 0


# ---- Change -----------------------------------------------------------------------------------------


def page_change(memo: Memo, **changes: str) -> dict[str, Any]:
    """Everything the edit page sends: the memo as it is, with the changes."""
    return {
        "title": memo.title,
        "memo_date": memo.memo_date.isoformat() if memo.memo_date else "",
        "case_handler": memo.case_handler,
        "body": memo.body,
        "seen_version": "",
        **changes,
    }


def test_a_change_is_the_same_by_page_and_api(world: ClusterWorld, committee: Committee) -> None:
    by_page, by_api = a_draft(committee), a_draft(committee)
    change = {"title": "  Status til udvalget ", "case_handler": "Ny ", "memo_date": "2023-12-12"}

    response = editor_of(world.municipality).post(
        f"/notater/{by_page.pk}/rediger/",
        page_change(by_page, **change, body=by_page.body + "\n\nEt nyt afsnit.", casenumber_edoc="2023-1"),
    )
    assert response.status_code == 302
    response = api(
        "patch",
        f"/memos/{by_api.pk}",
        bearer(Role.EDITOR, party=world.municipality),
        {**change, "text": by_api.body + "\n\nEt nyt afsnit.", "case_numbers": {"edoc": "2023-1"}},
    )
    assert response.status_code == 200, response.content

    assert stored(by_api) == stored(by_page)


@pytest.mark.parametrize(
    ("page_fields", "api_fields", "page_field", "field"),
    [
        ({"title": " "}, {"title": " "}, "title", "title"),
        ({"body": ""}, {"text": ""}, "body", "text"),
        (
            {"body": "::: lukket-punkt\nHemmeligt\n:::"},
            {"text": "::: lukket-punkt\nHemmeligt\n:::"},
            "body",
            "text",
        ),
        ({"title": "x" * 301}, {"title": "x" * 301}, "title", "title"),
    ],
)
def test_a_refused_change_says_the_same_by_page_and_api(
    world: ClusterWorld,
    committee: Committee,
    page_fields: dict,
    api_fields: dict,
    page_field: str,
    field: str,
) -> None:
    memo = a_draft(committee)
    before = stored(memo)

    page = editor_of(world.municipality).post(
        f"/notater/{memo.pk}/rediger/", page_change(memo, **page_fields)
    )
    response = api("patch", f"/memos/{memo.pk}", bearer(Role.EDITOR, party=world.municipality), api_fields)

    assert page.status_code == 422 and response.status_code == 422, response.content
    assert page_errors(page)[page_field] == response.json()["errors"][field]
    assert stored(memo) == before


def test_another_partys_draft_is_not_found_by_page_or_api(committee: Committee) -> None:
    other = build_cluster("Anden").municipality
    memo = a_draft(committee)
    assert (
        editor_of(other).post(f"/notater/{memo.pk}/rediger/", page_change(memo, title="X")).status_code == 404
    )
    assert (
        api("patch", f"/memos/{memo.pk}", bearer(Role.EDITOR, party=other), {"title": "X"}).status_code == 404
    )
    assert Memo.objects.get().title == memo.title


# ---- Finalise, new version, public version ---------------------------------------------------------

ACTIONS = {
    # page path, API path, API status on success
    "finalise": ("endelig/", "finalise", 200),
    "new_version": ("ny-version/", "new-version", 201),
    "public_version": ("offentlig-version/", "public-version", 201),
}


def page_action(client: Client, memo: Memo, action: str) -> Any:
    path, _, _ = ACTIONS[action]
    return client.post(f"/notater/{memo.pk}/{path}", {"confirm": "yes"})


def api_action(headers: dict[str, str], memo: Memo, action: str) -> Any:
    _, path, _ = ACTIONS[action]
    return api("post", f"/memos/{memo.pk}/{path}", headers)


@pytest.mark.parametrize("action", ["finalise", "new_version"])
def test_an_action_is_the_same_by_page_and_api(
    world: ClusterWorld, committee: Committee, action: str
) -> None:
    start = a_draft if action == "finalise" else (lambda c: memo_finalise(memo=a_draft(c)))
    by_page, by_api = start(committee), start(committee)

    assert page_action(editor_of(world.municipality), by_page, action).status_code == 302
    response = api_action(bearer(Role.EDITOR, party=world.municipality), by_api, action)
    assert response.status_code == ACTIONS[action][2], response.content

    if action == "finalise":
        assert stored(by_api) == stored(by_page)
    else:
        assert stored(Memo.objects.get(previous_version=by_api)) == stored(
            Memo.objects.get(previous_version=by_page)
        )


@pytest.mark.parametrize(
    ("action", "final", "message"),
    [
        ("finalise", True, "Notatet er endeligt og kan ikke ændres. Opret en ny version for at rette i det."),
        ("new_version", False, "Kun et endeligt notat kan få en ny version; ret blot i kladden."),
        (
            "public_version",
            False,
            "Notatet har ingen lukkede passager; det kan ses af alle, når det er endeligt.",
        ),
    ],
)
def test_a_refused_action_says_the_same_by_page_and_api(
    world: ClusterWorld, committee: Committee, action: str, final: bool, message: str
) -> None:
    memo = memo_finalise(memo=a_draft(committee)) if final else a_draft(committee)
    before = (stored(memo), Memo.objects.count())

    page = page_action(editor_of(world.municipality), memo, action)
    response = api_action(bearer(Role.EDITOR, party=world.municipality), memo, action)

    assert response.status_code == 422, response.content
    assert response.json()["errors"] == {"__all__": [message]}
    if action != "finalise":  # finalising a final memo: the page does not ask, it says so
        assert page_message(page) == [message]
    assert (stored(memo), Memo.objects.count()) == before


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_an_action_is_forbidden_or_not_found_alike(
    world: ClusterWorld, committee: Committee, action: str
) -> None:
    other = build_cluster("Anden").municipality
    draft, final = a_draft(committee), memo_finalise(memo=a_draft(committee))
    before = Memo.objects.count()

    # A draft another party's editor may not see is not found; a final memo they see is not theirs.
    assert page_action(editor_of(other), draft, action).status_code == 404
    assert api_action(bearer(Role.EDITOR, party=other), draft, action).status_code == 404
    assert page_action(member_as(world.mayor), final, action).status_code == 403
    assert api_action(bearer(Role.MEMBER, person=world.mayor), final, action).status_code == 403
    assert Memo.objects.count() == before


# ---- Items flagged for a committee (til orientering) --------------------------------------------------


def referral_stored() -> list[tuple[Any, ...]]:
    from klynge.memos.models import CommitteeReferral

    return [
        (r.committee_id, r.agenda_item_id, r.decision_id, r.note, r.included_in_id, r.flagged_by is not None)
        for r in CommitteeReferral.objects.order_by("pk")
    ]


def page_flag(client: Client, item_id: int, **fields: Any) -> Any:
    prefix = f"orientering-{item_id}"
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    return client.post(f"/punkter/{item_id}/til-orientering/", data, HTTP_HX_REQUEST="true")


def test_a_flag_is_the_same_by_page_and_api(world: ClusterWorld, committee: Committee) -> None:
    fields = {"committee": committee.pk, "decision": world.decision.pk, "note": " Til orientering. "}
    assert page_flag(editor_of(world.municipality), world.agenda_item.pk, **fields).status_code == 200
    by_page = referral_stored()
    from klynge.memos.models import CommitteeReferral

    CommitteeReferral.objects.all().delete()

    response = api(
        "post",
        f"/agenda-items/{world.agenda_item.pk}/referrals",
        bearer(Role.EDITOR, party=world.municipality),
        fields,
    )
    assert response.status_code == 201, response.content
    assert response.json()["is_pending"] is True
    assert referral_stored() == by_page


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"committee": 999_999}, "committee"),
        ({"decision": 999_999}, "decision"),
        ({"note": "x" * 2001}, "note"),
    ],
)
def test_a_refused_flag_says_the_same_by_page_and_api(
    world: ClusterWorld, committee: Committee, fields: dict, field: str
) -> None:
    sent = {"committee": committee.pk, **fields}
    page = page_flag(editor_of(world.municipality), world.agenda_item.pk, **sent)
    response = api(
        "post",
        f"/agenda-items/{world.agenda_item.pk}/referrals",
        bearer(Role.EDITOR, party=world.municipality),
        sent,
    )
    assert page.status_code == 422 and response.status_code == 422, response.content
    assert page_errors(page)[field] == response.json()["errors"][field]
    assert referral_stored() == []


def test_a_flag_is_forbidden_alike(world: ClusterWorld, committee: Committee) -> None:
    fields = {"committee": committee.pk}
    assert page_flag(member_as(world.mayor), world.agenda_item.pk, **fields).status_code == 403
    response = api(
        "post",
        f"/agenda-items/{world.agenda_item.pk}/referrals",
        bearer(Role.MEMBER, person=world.mayor),
        fields,
    )
    assert response.status_code == 403
    assert referral_stored() == []


def test_a_withdrawal_is_the_same_by_page_and_api(world: ClusterWorld, committee: Committee) -> None:
    from klynge.memos.models import CommitteeReferral

    editor = editor_of(world.municipality)
    headers = bearer(Role.EDITOR, party=world.municipality)
    for withdraw in (
        lambda pk: editor.post(f"/til-orientering/{pk}/traek-tilbage/").status_code,
        lambda pk: api("delete", f"/referrals/{pk}", headers).status_code,
    ):
        page_flag(editor, world.agenda_item.pk, committee=committee.pk)
        assert withdraw(CommitteeReferral.objects.get().pk) in (302, 204)
        assert referral_stored() == []
    # Once included in a final memo, both refuse with the same words.
    page_flag(editor, world.agenda_item.pk, committee=committee.pk)
    memo_finalise(memo=a_draft(committee))
    pk = CommitteeReferral.objects.get().pk
    page = editor.post(f"/til-orientering/{pk}/traek-tilbage/")
    response = api("delete", f"/referrals/{pk}", headers)
    assert response.status_code == 422
    assert page_message(page) == response.json()["errors"]["__all__"]
