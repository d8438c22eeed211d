"""The recipient's decision on a recommendation, on its page and in the API, makes the same number of
queries however many recommendations, responses and clusters there are."""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.meetings.models import AgendaItemKind, Decision, MeetingStatus, ResponseOutcome
from klynge.meetings.services import agenda_item_create, meeting_create, recommendation_response_record
from tests.factories import ClusterWorld
from tests.meetings.council_world import Council, build_council, recommend
from tests.meetings.parity import Caller, caller
from tests.site.querycount import CACHE_VERSION_READ, forget_cached_pages, grow_other_clusters

# Measured: the session or token, the user and its account, the rights, then the page's or call's own.
BOUNDS = {
    "page": 6 + CACHE_VERSION_READ,
    "page refused": 17,  # the page again with the meeting's context and the refusal
    "page post": 18,  # the record with its history, then the redirect's message
    "put": 15,
    "delete": 8,
    "decision": 6,
    "decisions": 6,
}
ANSWER = {"outcome": "followed", "decided_on": "2026-03-17", "text": "Godkendt.", "reference": ""}


def counted(call: Callable[[], HttpResponse], status: int) -> int:
    forget_cached_pages()
    with CaptureQueriesContext(connection) as context:
        response = call()
    assert response.status_code == status, response.content[:500]
    return len(context.captured_queries)


def measure(editor: Caller, answered: Decision, fresh: Decision) -> dict[str, int]:
    """Each page and call once (after a warm-up), on `answered` (with a response) and `fresh` (without)."""
    page = f"/beslutninger/{answered.pk}/modtagerens-beslutning/"
    editor.page.get(page)
    editor.api.get("/api/v1/decisions")
    return {
        "page": counted(lambda: editor.page.get(page), 200),
        "page refused": counted(lambda: editor.page.post(page, {**ANSWER, "decided_on": "2026-03-01"}), 422),
        "page post": counted(lambda: editor.page.post(page, ANSWER), 302),
        "put": counted(
            lambda: editor.api.put(
                f"/api/v1/decisions/{fresh.pk}/response", ANSWER, content_type="application/json"
            ),
            200,
        ),
        "delete": counted(lambda: editor.api.delete(f"/api/v1/decisions/{fresh.pk}/response"), 204),
        "decision": counted(lambda: editor.api.get(f"/api/v1/decisions/{answered.pk}"), 200),
        "decisions": counted(lambda: editor.api.get("/api/v1/decisions?kind=council_recommendation"), 200),
    }


def answer(decision: Decision) -> None:
    recommendation_response_record(
        decision=decision, outcome=ResponseOutcome.FOLLOWED, decided_on=datetime.date(2026, 3, 17), text="Ja."
    )


def more_recommendations(council: Council, count: int) -> list[Decision]:
    body = council.recommendation.agenda_item.meeting.body
    meeting = meeting_create(body=body, date=datetime.date(2026, 2, 4), status=MeetingStatus.HELD)
    decisions = []
    for n in range(count):
        item = agenda_item_create(meeting=meeting, title=f"Indstilling {n}", kind=AgendaItemKind.DECISION)
        decisions.append(recommend(item, text=f"Sundhedsrådet indstiller {n}."))
    return decisions


def test_the_response_page_and_api_make_the_same_queries_at_any_size(world: ClusterWorld) -> None:
    council = build_council(world)
    editor = caller("sek@test.dk", Role.EDITOR, party=world.municipality)
    answered = council.recommendation
    answer(answered)
    (fresh,) = more_recommendations(council, 1)
    small = measure(editor, answered, fresh)

    grow_other_clusters(3)
    many = more_recommendations(council, 12)
    for decision in many[:-1]:
        answer(decision)
    large = measure(editor, answered, many[-1])

    assert large == small, (small, large)
    over = {name: count for name, count in small.items() if count > BOUNDS[name]}
    assert not over, f"more queries than allowed: {over}"


def test_the_decisions_list_with_responses_is_bounded(
    world: ClusterWorld, django_assert_max_num_queries: Any
) -> None:
    council = build_council(world)
    for decision in more_recommendations(council, 20):
        answer(decision)
    editor = caller("sek@test.dk", Role.EDITOR, party=world.municipality)
    editor.api.get("/api/v1/decisions")  # warm up: the token's one-off lookups do not count
    with django_assert_max_num_queries(BOUNDS["decisions"]):
        listed = editor.api.get("/api/v1/decisions?kind=council_recommendation")
    responses = [row["response"] for row in listed.json()["items"]]
    assert len(responses) == 21 and sum(1 for r in responses if r is not None) == 20
