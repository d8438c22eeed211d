"""A JSON body over Django's request size limit (DATA_UPLOAD_MAX_MEMORY_SIZE) on /api/v1/: a 413 in the
API's error form, with DEBUG off as in production and on, never Django's HTML 400 page; nothing saved."""

import json

import pytest
from django.conf import settings
from django.test import Client, override_settings

from klynge.meetings.models import AgendaItem
from tests.factories import ClusterWorld
from tests.hardening.conftest import API, refusal, send


def too_big() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return json.dumps({"title": "Punkt", "kind": "orientation", "summary": "x" * limit})


@pytest.mark.parametrize("debug", [False, True])
def test_a_body_over_the_limit_is_a_json_413(world: ClusterWorld, api: Client, debug: bool) -> None:
    items = AgendaItem.objects.count()
    with override_settings(DEBUG=debug):
        response = send(api, "post", f"/meetings/{world.meeting.pk}/agenda-items", too_big())
    answer = refusal(response)
    assert response.status_code == 413 and answer["code"] == "payload_too_large"
    assert f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes" in answer["message"]
    assert AgendaItem.objects.count() == items


def test_also_for_a_change_from_the_login_session(world: ClusterWorld, admin: Client) -> None:
    title = world.agenda_item.title
    response = send(admin, "patch", f"/agenda-items/{world.agenda_item.pk}", too_big())
    assert response.status_code == 413 and refusal(response)["code"] == "payload_too_large"
    assert AgendaItem.objects.get(pk=world.agenda_item.pk).title == title


def test_the_operations_document_it(api: Client) -> None:
    operation = api.get(f"{API}/openapi.json").json()["paths"]["/api/v1/meetings/{meeting_id}/agenda-items"]
    assert "413" in operation["post"]["responses"]
