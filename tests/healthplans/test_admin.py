"""The Django admin adds and changes local health plans through the same commands as the plan pages and
the API: the command's refusal on the admin form and nothing written; the history names the administrator."""

from html import unescape

from django.urls import reverse

from klynge.healthplans.models import LocalHealthPlan
from tests.clients import administrator
from tests.healthplans.conftest import Councils

NO_GOALS = {"goals-TOTAL_FORMS": "0", "goals-INITIAL_FORMS": "0"}


def plan_post(**fields: str) -> dict[str, str]:
    return {
        "name": " Nærsundhedsplan 2026-2029 ",
        "description": "",
        "status": "draft",
        "valid_from": "2026-01-01",
        "valid_to": "2029-12-31",
        "adopted_on": "",
        "document_url": "",
        **NO_GOALS,
        **fields,
    }


def test_the_admin_adds_and_changes_a_plan_by_the_commands(councils: Councils) -> None:
    admin = administrator()
    refused = admin.post(
        reverse("admin:healthplans_localhealthplan_add"),
        plan_post(council=str(councils.council.pk), valid_to="2025-12-31"),
    )
    assert refused.status_code == 200
    assert "Slutdatoen kan ikke ligge før startdatoen." in unescape(refused.content.decode())
    assert not LocalHealthPlan.objects.exists()

    added = admin.post(
        reverse("admin:healthplans_localhealthplan_add"), plan_post(council=str(councils.council.pk))
    )
    assert added.status_code == 302
    plan = LocalHealthPlan.objects.get()
    assert (plan.council, plan.name) == (councils.council, "Nærsundhedsplan 2026-2029")

    changed = admin.post(
        reverse("admin:healthplans_localhealthplan_change", args=[plan.pk]),
        plan_post(status="adopted", adopted_on="2026-02-01"),
    )
    assert changed.status_code == 302
    assert LocalHealthPlan.objects.get(pk=plan.pk).status == "adopted"
    assert [row.history_user.username for row in plan.history.order_by("history_id")] == [
        "admin@test.dk",
        "admin@test.dk",
    ]
