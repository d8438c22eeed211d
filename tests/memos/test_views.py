"""The memo pages: draft → preview → edit → finalise → download, and who may do what."""

import datetime

import pytest
from django.test import Client

from klynge.memos.models import Memo, MemoKind, MemoStatus
from klynge.memos.services import memo_draft, memo_finalise
from klynge.organisation.models import Committee
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster
from tests.memos.extract import docx_text
from tests.site.querycount import CACHE_VERSION_READ, queries_for


@pytest.fixture
def committee(world: ClusterWorld) -> Committee:
    return Committee.objects.get(party=world.municipality)


@pytest.fixture
def editor(world: ClusterWorld) -> Client:
    return editor_of(world.municipality, "sekretariat@test.dk")


def draft(committee: Committee) -> Memo:
    return memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
    )


def test_an_editor_drafts_edits_finalises_and_downloads(editor: Client, committee: Committee) -> None:
    response = editor.post(
        "/notater/nyt/",
        {
            "committee": committee.pk,
            "kind": "status",
            "meeting_date": "2023-12-14",
            "memo_date": "2023-12-11",
            "case_handler": "Melissa Holmes",
            "casenumber_edoc": "2023-0476658",
        },
    )
    memo = Memo.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/notater/{memo.pk}/"
    page = editor.get(f"/notater/{memo.pk}/").content.decode()
    assert "Møde i Sundhedsklynge Test den 28. november" in page and "2023-0476658" in page

    body = memo.body.replace("Nedenfor fremgår kort status", "Her følger en kort status")
    response = editor.post(
        f"/notater/{memo.pk}/rediger/",
        {"title": memo.title, "memo_date": "2023-12-11", "case_handler": "Melissa Holmes", "body": body},
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.body.startswith("Her følger en kort status")

    confirmation = editor.get(f"/notater/{memo.pk}/endelig/").content.decode()
    assert "Notatet er offentligt" in confirmation and memo.status == MemoStatus.DRAFT
    editor.post(f"/notater/{memo.pk}/endelig/", {"confirm": "yes"})
    memo.refresh_from_db()
    assert memo.status == MemoStatus.FINAL

    response = editor.get(f"/notater/{memo.pk}/hent/docx/")
    assert response["Content-Disposition"] == 'attachment; filename="notat-sutest-2023-12-11-v1.docx"'
    assert "Her følger en kort status" in docx_text(response.content)
    for fmt in ("pdf", "html", "md"):
        assert editor.get(f"/notater/{memo.pk}/hent/{fmt}/").status_code == 200
    assert editor.get(f"/notater/{memo.pk}/hent/exe/").status_code == 404


def test_a_status_memo_without_meeting_date_shows_the_error_by_the_field(
    editor: Client, committee: Committee
) -> None:
    response = editor.post("/notater/nyt/", {"committee": committee.pk, "kind": "status"})
    assert response.status_code == 422
    assert "Et statusnotat skal have udvalgets mødedato." in response.content.decode()
    assert Memo.objects.count() == 0


def test_bad_input_in_the_draft_form_is_shown_in_danish(editor: Client) -> None:
    response = editor.post(
        "/notater/nyt/", {"committee": "999999", "kind": "status", "meeting_date": "14-12"}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Vælg et udvalg fra listen." in page and "Indtast en gyldig dato." in page
    assert Memo.objects.count() == 0


def test_a_final_memo_cannot_be_edited_but_gets_a_new_version(editor: Client, committee: Committee) -> None:
    memo = memo_finalise(memo=draft(committee))
    response = editor.post(f"/notater/{memo.pk}/rediger/", {"title": "Ændret", "body": "Ændret"})
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.title != "Ændret"
    editor.post(f"/notater/{memo.pk}/ny-version/")
    assert Memo.objects.filter(previous_version=memo, version=2, status=MemoStatus.DRAFT).exists()


def test_empty_text_is_refused_next_to_the_field(editor: Client, committee: Committee) -> None:
    memo = draft(committee)
    response = editor.post(f"/notater/{memo.pk}/rediger/", {"title": memo.title, "body": "  "})
    assert response.status_code == 422
    memo.refresh_from_db()
    assert memo.body.strip()


def test_the_public_sees_final_memos_only_and_changes_nothing(client: Client, committee: Committee) -> None:
    hidden = draft(committee)
    shown = memo_finalise(memo=draft(committee))
    assert client.get(f"/notater/{hidden.pk}/").status_code == 404
    assert client.get(f"/notater/{hidden.pk}/hent/pdf/").status_code == 404
    assert client.get(f"/notater/{shown.pk}/").status_code == 200
    listing = client.get("/notater/").content.decode()
    assert f"/notater/{shown.pk}/" in listing and f"/notater/{hidden.pk}/" not in listing
    committee_page = client.get(f"/udvalg/{committee.slug}/").content.decode()
    assert f"/notater/{shown.pk}/" in committee_page and f"/notater/{hidden.pk}/" not in committee_page

    for url in (f"/notater/{hidden.pk}/endelig/", f"/notater/{hidden.pk}/rediger/", "/notater/nyt/"):
        response = client.post(url, {"title": "x", "body": "x", "committee": committee.pk, "kind": "status"})
        assert response.status_code == 302 and response["Location"].startswith("/log-ind/")
    hidden.refresh_from_db()
    assert hidden.status == MemoStatus.DRAFT and Memo.objects.count() == 2


def test_a_logged_in_user_without_permission_is_refused(
    client: Client, committee: Committee, django_user_model
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(django_user_model.objects.create_user(username="laeser", password="x"))
    memo = draft(committee)
    assert (
        client.post(f"/notater/{memo.pk}/endelig/").status_code == 404
    )  # a draft is not even there for them
    assert client.get("/notater/nyt/").status_code == 403
    memo.refresh_from_db()
    assert memo.status == MemoStatus.DRAFT


def test_an_editor_of_another_party_neither_sees_drafts_nor_writes_memos(
    editor: Client, committee: Committee
) -> None:
    memo = draft(committee)
    outsider = editor_of(build_cluster("Anden").municipality)
    assert outsider.get(f"/notater/{memo.pk}/").status_code == 404
    assert f"/notater/{memo.pk}/" not in outsider.get("/notater/").content.decode()
    assert outsider.post(f"/notater/{memo.pk}/endelig/").status_code == 404
    page = outsider.get("/notater/nyt/").content.decode()
    assert committee.name not in page  # only their own party's committees
    refused = outsider.post("/notater/nyt/", {"committee": committee.pk, "kind": "orientation"})
    assert "Vælg et udvalg fra listen." in refused.content.decode()
    final = memo_finalise(memo=memo)
    assert outsider.get(f"/notater/{final.pk}/").status_code == 200  # final memos are public
    assert outsider.post(f"/notater/{final.pk}/ny-version/").status_code == 403
    assert Memo.objects.count() == 1


def test_finalising_asks_first_and_needs_the_confirmation(editor: Client, committee: Committee) -> None:
    memo = draft(committee)
    page = editor.get(f"/notater/{memo.pk}/endelig/")
    assert page.status_code == 200 and "Gør endeligt og offentligt" in page.content.decode()
    assert editor.post(f"/notater/{memo.pk}/endelig/").status_code == 200  # no confirmation: asked again
    memo.refresh_from_db()
    assert memo.status == MemoStatus.DRAFT


def test_memo_pages_make_a_fixed_number_of_queries(editor: Client, committee: Committee) -> None:
    memo = memo_finalise(memo=draft(committee))
    urls = ["/notater/", f"/notater/{memo.pk}/", f"/notater/{memo.pk}/hent/md/", "/notater/nyt/"]
    before = {url: queries_for(editor, url) for url in urls}
    for i in range(10):
        world = build_cluster(f"M{i}")
        other = Committee.objects.get(party=world.municipality)
        memo_finalise(memo=draft(other))
    after = {url: queries_for(editor, url) for url in urls}
    assert before == after
    assert max(after.values()) <= 10 + CACHE_VERSION_READ


def test_two_editors_never_silently_overwrite_each_other(
    editor: Client,
    committee: Committee,
    django_user_model,  # type: ignore[no-untyped-def]
) -> None:
    memo = draft(committee)
    page = editor.get(f"/notater/{memo.pk}/rediger/").content.decode()
    seen = page.split('name="seen_version" value="')[1].split('"')[0]

    other = editor_of(committee.party, "kollega@kk.dk")
    other.post(
        f"/notater/{memo.pk}/rediger/",
        {"title": "Kollegaens titel", "body": memo.body, "seen_version": seen},
    )
    memo.refresh_from_db()
    assert memo.title == "Kollegaens titel"

    mine = {"title": "Min titel", "body": "Min tekst.", "seen_version": seen}
    refused = editor.post(f"/notater/{memo.pk}/rediger/", mine)
    text = refused.content.decode()
    assert refused.status_code == 422
    assert "kollega@kk.dk har gemt ændringer (" in text and "titel), mens du redigerede" in text
    assert "Min tekst." in text  # nothing the editor wrote is lost
    memo.refresh_from_db()
    assert memo.title == "Kollegaens titel"

    newer = text.split('name="seen_version" value="')[1].split('"')[0]
    assert editor.post(f"/notater/{memo.pk}/rediger/", {**mine, "seen_version": newer}).status_code == 302
    memo.refresh_from_db()
    assert memo.title == "Min titel"
