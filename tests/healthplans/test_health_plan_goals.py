"""A plan's goals, numbered in order, each naming the initiatives that pursue it: the council's own or those
of the clusters of its municipalities, never another area's."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.healthplans.commands import INITIATIVE_NOT_ALLOWED
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan
from klynge.healthplans.services import (
    health_plan_goal_create,
    health_plan_goal_update,
    local_health_plan_create,
)
from klynge.work.services import initiative_create
from tests.healthplans.conftest import Councils
from tests.meetings.parity import Caller, Write, assert_same
from tests.site.querycount import CACHE_VERSION_READ, forget_cached_pages

GOAL_QUERIES = 3  # measured: the goal, its initiatives, its version


def _plan(c: Councils) -> LocalHealthPlan:
    return local_health_plan_create(council=c.council, name="Nærsundhedsplan Test")


def _goals(plan: LocalHealthPlan) -> list[tuple[int, str, list[int]]]:
    return [
        (goal.position, goal.title, sorted(goal.initiatives.values_list("pk", flat=True)))
        for goal in HealthPlanGoal.objects.filter(plan=plan).order_by("position")
    ]


def _add_goal(initiative: str) -> Write:
    def data(c: Councils) -> dict[str, object]:
        return {
            "title": "Færre akutte genindlæggelser af ældre",
            "description": "",
            "initiatives": [getattr(c, initiative).pk],
        }

    return Write(
        page_url=lambda c: f"/naersundhedsplaner/{c.plan.slug}/maal/ny/",
        page_data=data,
        api_method="post",
        api_path=lambda c: f"/api/v1/local-health-plans/{c.plan.pk}/goals",
        api_body=data,
        stored=lambda c: _goals(c.plan),
    )


def test_goals_name_the_councils_and_its_clusters_initiatives(
    councils: Councils, callers: dict[str, Caller]
) -> None:
    councils.plan = _plan(councils)  # type: ignore[attr-defined]
    assert_same(_add_goal("council_initiative"), councils, callers["editor"], expected="saved")
    # The world's cluster has the council's municipality: its initiative may be named too.
    councils.cluster_initiative = councils.world.initiative  # type: ignore[attr-defined]
    assert_same(_add_goal("cluster_initiative"), councils, callers["editor"], expected="saved")


def test_an_initiative_of_another_area_is_refused_alike(
    councils: Councils, callers: dict[str, Caller]
) -> None:
    councils.plan = _plan(councils)  # type: ignore[attr-defined]
    errors = assert_same(_add_goal("foreign_initiative"), councils, callers["editor"], expected="refused")
    assert errors == {"initiatives": [INITIATIVE_NOT_ALLOWED]}


def test_goals_are_numbered_and_renumbered_when_one_is_removed(
    councils: Councils, callers: dict[str, Caller]
) -> None:
    plan = _plan(councils)
    first = health_plan_goal_create(plan=plan, title="Første")
    health_plan_goal_create(plan=plan, title="Andet", initiatives=[councils.council_initiative])
    health_plan_goal_create(plan=plan, title="Tredje")
    api = callers["editor"].api
    assert api.delete(f"/api/v1/health-plan-goals/{first.pk}").status_code == 204
    assert [(p, t) for p, t, _ in _goals(plan)] == [(1, "Andet"), (2, "Tredje")]
    changed = api.patch(
        f"/api/v1/health-plan-goals/{HealthPlanGoal.objects.get(title='Tredje').pk}",
        {"title": "Tredje mål"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["title"] == "Tredje mål" and changed.json()["position"] == 2
    goals = api.get(f"/api/v1/local-health-plans/{plan.pk}").json()["goals"]
    assert [g["title"] for g in goals] == ["Andet", "Tredje mål"]
    assert goals[0]["initiatives"] == [
        {"id": councils.council_initiative.pk, "name": "Akutsygepleje i eget hjem"}
    ]
    assert callers["member"].api.delete(f"/api/v1/health-plan-goals/{first.pk}").status_code in (403, 404)


def test_the_plan_page_and_list_show_goals_and_initiatives_in_bounded_queries(
    councils: Councils, django_assert_max_num_queries: object
) -> None:
    plan = _plan(councils)
    for n in range(12):
        health_plan_goal_create(plan=plan, title=f"Mål {n + 1}", initiatives=[councils.council_initiative])
    for n in range(30):
        local_health_plan_create(council=councils.council, name=f"Ældre plan {n}")
    client = Client()
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        page = client.get(plan.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mål 12" in text and "Akutsygepleje i eget hjem" in text
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        listing = client.get("/naersundhedsplaner/")
    assert listing.status_code == 200
    assert "Side 1 af 2" in listing.content.decode()
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        api = client.get("/api/v1/local-health-plans")
    assert api.json()["count"] == 31


def test_a_goal_in_the_api_is_read_in_the_same_queries_however_many_initiatives_and_goals(
    councils: Councils, django_assert_max_num_queries: object
) -> None:
    plan = _plan(councils)
    goal = health_plan_goal_create(plan=plan, title="Mål 1", initiatives=[councils.council_initiative])
    client = Client()
    client.get(f"/api/v1/health-plan-goals/{goal.pk}")  # warm up: one-off lookups do not count
    forget_cached_pages()
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/api/v1/health-plan-goals/{goal.pk}").status_code == 200

    initiatives = [initiative_create(name=f"Indsats {n}", collaboration=councils.council) for n in range(10)]
    goal = health_plan_goal_update(
        goal=goal,
        seen_version=None,
        title="Mål 1",
        description="",
        initiatives=[councils.council_initiative, *initiatives],
    )
    for n in range(10):
        health_plan_goal_create(plan=plan, title=f"Mål {n + 2}", initiatives=initiatives[:3])
    with django_assert_max_num_queries(len(small.captured_queries)):  # type: ignore[operator]
        answer = client.get(f"/api/v1/health-plan-goals/{goal.pk}")
    assert len(answer.json()["initiatives"]) == 11
    assert len(small.captured_queries) <= GOAL_QUERIES + CACHE_VERSION_READ  # anonymous: a cache miss
