"""Demo subscriptions for the demo accounts, so "Mine abonnementer" (/abonnementer/) shows what they do.

They are the demo's own (no source memo lists anyone's subscriptions); what they follow is taken from the
memos' themes: elderly medical patients and temporary places (the status memo to Sundheds- og
Omsorgsudvalget, December 2023), and the clusters Sisse Marie Welling sits in for Københavns Kommune.
Nothing is sent by creating them: e-mails go out when an agenda is published and by `klynge
notifications run-due` (in the demo, to the console).
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from klynge.bodies.models import Membership
from klynge.notifications.models import Scope, Subscription
from klynge.organisation.models import Topic

EDITOR = "sekretariat@kk.klynge.example"
MEMBER = "sisse.welling@kk.klynge.example"


def create_demo_subscriptions() -> None:
    users = {u.email: u for u in get_user_model().objects.filter(email__in=[EDITOR, MEMBER])}
    if not users or Subscription.objects.filter(user__in=users.values()).exists():
        return
    now = timezone.now()
    wanted: list[dict[str, object]] = []
    editor = users.get(EDITOR)
    if editor is not None:
        elderly = Topic.objects.filter(name="Ældre medicinske patienter").first()
        if elderly is not None:
            wanted.append(
                {"user": editor, "scope": Scope.TOPIC, "topic": elderly, "immediate": False, "weekly": True}
            )
        wanted.append(
            {"user": editor, "scope": Scope.SEARCH, "search_query": "midlertidige pladser", "weekly": True}
        )
    member = users.get(MEMBER)
    if member is not None and getattr(member, "account", None) is not None and member.account.person_id:
        sits_in = (
            Membership.objects.filter(person=member.account.person_id)
            .select_related("body__collaboration")
            .order_by("start")
            .first()
        )
        if sits_in is not None:
            wanted.append(
                {
                    "user": member,
                    "scope": Scope.COLLABORATION,
                    "collaboration": sits_in.body.collaboration,
                    "immediate": False,
                    "weekly": True,
                }
            )
    for fields in wanted:
        user = fields["user"]
        Subscription.objects.create(email=getattr(user, "email", ""), confirmed_at=now, **fields)
