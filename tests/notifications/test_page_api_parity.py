"""The page and the API build the same commands: the same subscription and the same choices."""

from klynge.notifications.models import MemberPreference, Scope, Subscription
from tests.clients import editor_of
from tests.factories import ClusterWorld


def test_page_and_api_make_the_same_subscription(world: ClusterWorld) -> None:
    page_client = editor_of(world.municipality, "side@test.dk")
    api_client = editor_of(world.general_practice, "api@test.dk")
    page_client.post(
        "/abonnementer/",
        {"scope": "collaboration", "collaboration": world.cluster.pk, "weekly": "on", "immediate": "on"},
    )
    api_client.post(
        "/api/v1/subscriptions",
        {"scope": "collaboration", "collaboration": world.cluster.pk, "weekly": True, "immediate": True},
        content_type="application/json",
    )
    fields = ["scope", "collaboration", "immediate", "weekly", "search_query"]
    made = [
        Subscription.objects.filter(email=e).values(*fields).get() for e in ("side@test.dk", "api@test.dk")
    ]
    assert made[0] == made[1] and made[0]["scope"] == Scope.COLLABORATION


def test_page_and_api_set_the_same_choices(world: ClusterWorld) -> None:
    page_client = editor_of(world.municipality, "side@test.dk")
    api_client = editor_of(world.general_practice, "api@test.dk")
    page_client.post("/abonnementer/", {"action": "preferences", "member_agendas": "on"})
    api_client.patch(
        "/api/v1/notification-preferences",
        {"member_agendas": True, "deadline_reminders": False},
        content_type="application/json",
    )
    made = [
        MemberPreference.objects.filter(user__email=e).values("member_agendas", "deadline_reminders").get()
        for e in ("side@test.dk", "api@test.dk")
    ]
    assert made[0] == made[1] == {"member_agendas": True, "deadline_reminders": False}
