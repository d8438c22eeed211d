"""End to end through Django's SMTP backend to a real SMTP server (aiosmtpd) on this machine."""

from typing import Any

from klynge.accounts.models import Role
from tests.factories import ClusterWorld
from tests.notifications.conftest import CLOSED_TITLE, account, anonymous_subscription, body_scope, publish
from tests.smtp import SmtpServer


def test_agenda_e_mails_reach_a_real_smtp_server(
    world: ClusterWorld, closed_item: Any, smtp_server: SmtpServer
) -> None:
    account("borgmester@test.dk", Role.MEMBER, person=world.mayor)
    anonymous_subscription("borger@example.dk", **body_scope(world))
    with smtp_server.delivering():
        publish(world.meeting)
    received = smtp_server.received()
    assert set(received) == {("borgmester@test.dk",), ("borger@example.dk",)}
    public = received[("borger@example.dk",)]
    assert public["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert public["List-Unsubscribe"].strip().startswith("<https://klynge.test/abonnementer/afmeld/")
    assert " ".join(str(public["Subject"]).split()).startswith(
        "Dagsorden offentliggjort: Politisk sundhedsklynge Test"
    )
    plain = public.get_body(preferencelist=("plain",)).get_content()
    html = public.get_body(preferencelist=("html",)).get_content()
    assert world.agenda_item.title in plain and world.agenda_item.title in html
    assert CLOSED_TITLE not in plain and CLOSED_TITLE not in html
    member = received[("borgmester@test.dk",)]
    assert CLOSED_TITLE in member.get_body(preferencelist=("plain",)).get_content()
