"""The Django admin adds and changes funds, trial actions and follow-up research through the same commands
as the pages and the API: the command's refusal on the admin form and nothing written (a fund never below
what is allocated), what is written recorded as the administrator's."""

from html import unescape

from django.urls import reverse

from klynge.work.commands import CHOOSE
from klynge.work.models import FollowUpResearch, Fund, TrialAction
from tests.clients import administrator
from tests.factories import ClusterWorld, build_cluster

CHOOSE_INITIATIVE = CHOOSE.format(what="indsats")
BELOW_ALLOCATED = "Rammen kan ikke være mindre end det, der allerede er bevilget."


def fund_post(**fields: str) -> dict[str, str]:
    return {
        "kind": "pool",
        "name": "Klyngemidler Test 2023",
        "amount": "3000000",
        "description": "",
        **fields,
    }


def test_the_admin_changes_a_fund_by_the_command_and_never_below_what_is_allocated(
    world: ClusterWorld,
) -> None:
    admin = administrator()
    change = reverse("admin:work_fund_change", args=[world.fund.pk])
    refused = admin.post(change, fund_post(amount="1000000"))  # 2,000,000 is allocated from it
    assert refused.status_code == 200 and BELOW_ALLOCATED in unescape(refused.content.decode())
    assert Fund.objects.get(pk=world.fund.pk).amount == 3_000_000

    assert admin.post(change, fund_post(amount="2500000", description="Rammen nedsat")).status_code == 302
    fund = Fund.objects.get(pk=world.fund.pk)
    assert (fund.amount, fund.description) == (2_500_000, "Rammen nedsat")
    assert fund.history.order_by("-history_id").first().history_user.username == "admin@test.dk"


def test_the_admin_adds_a_fund_by_the_command(world: ClusterWorld) -> None:
    post = fund_post(body=str(world.political.pk), year="2024", name="Klyngemidler Test 2024")
    response = administrator().post(reverse("admin:work_fund_add"), post)
    assert response.status_code == 302
    fund = Fund.objects.get(name="Klyngemidler Test 2024")
    assert (fund.body, fund.year) == (world.political, 2024)
    assert [row.history_user.username for row in fund.history.all()] == ["admin@test.dk"]


def test_the_admin_deletes_no_fund(world: ClusterWorld) -> None:
    response = administrator().post(reverse("admin:work_fund_delete", args=[world.fund.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Fund.objects.filter(pk=world.fund.pk).exists()


def test_the_admin_adds_and_changes_a_trial_action_by_the_commands(world: ClusterWorld) -> None:
    admin = administrator()
    post = {"focus_area": str(world.focus_area.pk), "name": "Opsporing", "description": "", "initiative": ""}
    assert admin.post(reverse("admin:work_trialaction_add"), post).status_code == 302
    action = TrialAction.objects.get(name="Opsporing")
    assert action.position == 2  # the next free number, the service's

    change = reverse("admin:work_trialaction_change", args=[action.pk])
    foreign = build_cluster("Anden").initiative  # not among the focus area's initiatives
    refused = admin.post(change, {**post, "initiative": str(foreign.pk)})
    assert refused.status_code == 200 and CHOOSE_INITIATIVE in unescape(refused.content.decode())
    assert TrialAction.objects.get(pk=action.pk).initiative is None
    assert admin.post(change, {**post, "initiative": str(world.initiative.pk)}).status_code == 302
    assert TrialAction.objects.get(pk=action.pk).initiative == world.initiative
    assert [row.history_user.username for row in action.history.all()] == ["admin@test.dk", "admin@test.dk"]


def test_the_admin_adds_follow_up_research_by_the_command(world: ClusterWorld) -> None:
    admin = administrator()
    post = {"focus_area": "", "initiative": "", "title": "Evaluering", "status": "planned", "description": ""}
    refused = admin.post(reverse("admin:work_followupresearch_add"), post)
    assert refused.status_code == 200
    assert "Vælg fokusområdet eller indsatsen" in unescape(refused.content.decode())
    assert not FollowUpResearch.objects.filter(title="Evaluering").exists()

    added = admin.post(
        reverse("admin:work_followupresearch_add"), {**post, "initiative": str(world.initiative.pk)}
    )
    assert added.status_code == 302
    research = FollowUpResearch.objects.get(title="Evaluering")
    assert research.initiative == world.initiative
    assert [row.history_user.username for row in research.history.all()] == ["admin@test.dk"]
