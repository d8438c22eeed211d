"""Publishing an agenda and approving minutes give the same result, and the same refusal, from the page
and from the API."""

import json

from klynge.agendas.models import AgendaVersion, Minutes, MinutesStatus
from klynge.agendas.services import SUPPLEMENTARY_NEEDS_PUBLISHED
from tests.agendas.helpers import prepared_meeting
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster


def _post_json(client, path: str, body: dict[str, object]):  # type: ignore[no-untyped-def]
    return client.post(path, json.dumps(body), content_type="application/json")


def test_publishing_from_the_page_and_the_api_alike(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    by_page, by_api = prepared_meeting(world), prepared_meeting(world)
    editor.post(
        f"/moeder/{by_page.pk}/dagsorden/offentliggoer/", {"kind": "ordinary", "change_note": "Første"}
    )
    response = _post_json(editor, f"/api/v1/meetings/{by_api.pk}/agenda-versions", {"change_note": "Første"})
    assert response.status_code == 201, response.content
    page_version = AgendaVersion.objects.get(meeting=by_page)
    api_version = AgendaVersion.objects.get(meeting=by_api)
    assert (page_version.number, page_version.kind, page_version.change_note) == (
        api_version.number,
        api_version.kind,
        api_version.change_note,
    )
    assert response.json()["public_pdf"] == f"/moeder/{by_api.pk}/dagsorden/1/offentlig.pdf"


def test_the_same_refusal_from_the_page_and_the_api(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    meeting = prepared_meeting(world)
    page = editor.post(
        f"/moeder/{meeting.pk}/dagsorden/offentliggoer/", {"kind": "supplementary"}, follow=True
    )
    assert SUPPLEMENTARY_NEEDS_PUBLISHED in page.content.decode()
    api = _post_json(editor, f"/api/v1/meetings/{meeting.pk}/agenda-versions", {"kind": "supplementary"})
    assert api.status_code == 422
    assert api.json()["errors"]["kind"] == [SUPPLEMENTARY_NEEDS_PUBLISHED]
    assert not AgendaVersion.objects.filter(meeting=meeting).exists()


def test_only_the_secretariat_publishes(world: ClusterWorld) -> None:
    other = editor_of(build_cluster("Anden").municipality)
    meeting = prepared_meeting(world)
    assert _post_json(other, f"/api/v1/meetings/{meeting.pk}/agenda-versions", {}).status_code == 403
    assert (
        other.post(f"/moeder/{meeting.pk}/dagsorden/offentliggoer/", {"kind": "ordinary"}).status_code == 403
    )


def test_minutes_through_the_api(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    base = f"/api/v1/meetings/{world.meeting.pk}/minutes"
    assert editor.post(base).status_code == 201
    change = editor.patch(
        base,
        json.dumps({"attendance": "Til stede: alle.", "entries": {str(world.agenda_item.pk): "Godkendt."}}),
        content_type="application/json",
    )
    assert change.status_code == 200 and change.json()["entries"][0]["text"] == "Godkendt."
    refused = _post_json(editor, f"{base}/approve", {"kind": "written", "approved_on": "2020-01-01"})
    assert refused.status_code == 422 and "approved_on" in refused.json()["errors"]
    assert (
        _post_json(editor, f"{base}/approve", {"kind": "written", "approved_on": "2023-12-05"}).status_code
        == 200
    )
    assert editor.post(f"{base}/publish").status_code == 200
    assert Minutes.objects.get(meeting=world.meeting).status == MinutesStatus.PUBLISHED
