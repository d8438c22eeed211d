"""The Django admin records, corrects and removes the recipient's decision through the same commands as
the meeting page and the API: the same refusal on the form, nothing written; the history names the
administrator, also for the removal."""

from html import unescape

from django.urls import reverse

from klynge.meetings.models import RecommendationResponse
from tests.clients import administrator
from tests.factories import ClusterWorld
from tests.meetings.council_world import build_council

BEFORE_THE_MEETING = "Beslutningen kan ikke ligge før mødet, der anbefalede."


def response_post(**fields: str) -> dict[str, str]:
    return {
        "outcome": "followed",
        "decided_on": "2026-03-17",
        "text": " Godkendt. ",
        "reference": "",
        **fields,
    }


def test_the_admin_records_corrects_and_removes_the_response_by_the_commands(world: ClusterWorld) -> None:
    decision = build_council(world).recommendation
    admin = administrator()
    add = reverse("admin:meetings_recommendationresponse_add")
    refused = admin.post(add, response_post(decision=str(decision.pk), decided_on="2026-03-01"))
    assert refused.status_code == 200 and BEFORE_THE_MEETING in unescape(refused.content.decode())
    assert not RecommendationResponse.objects.exists()

    assert admin.post(add, response_post(decision=str(decision.pk))).status_code == 302
    response = RecommendationResponse.objects.get(decision=decision)
    assert response.text == "Godkendt."  # the command strips it
    change = reverse("admin:meetings_recommendationresponse_change", args=[response.pk])
    assert admin.post(change, response_post(outcome="not_followed")).status_code == 302
    assert RecommendationResponse.objects.get(pk=response.pk).outcome == "not_followed"

    delete = reverse("admin:meetings_recommendationresponse_delete", args=[response.pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 302
    assert not RecommendationResponse.objects.exists()
    rows = RecommendationResponse.history.filter(id=response.pk).order_by("history_id")
    assert [(row.history_type, row.history_user.username) for row in rows] == [
        ("+", "admin@test.dk"),
        ("~", "admin@test.dk"),
        ("-", "admin@test.dk"),
    ]


def test_the_admin_refuses_a_response_to_what_recommends_nothing(world: ClusterWorld) -> None:
    response = administrator().post(
        reverse("admin:meetings_recommendationresponse_add"), response_post(decision=str(world.decision.pk))
    )
    assert response.status_code == 200
    assert "Kun en anbefaling eller indstilling får modtagerens beslutning." in unescape(
        response.content.decode()
    )
    assert not RecommendationResponse.objects.exists()
