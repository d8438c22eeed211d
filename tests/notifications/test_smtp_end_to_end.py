"""End to end through Django's SMTP backend to a real SMTP server (aiosmtpd) on this machine."""

import email
import email.policy
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from klynge.accounts.models import Role
from tests.factories import ClusterWorld
from tests.notifications.conftest import CLOSED_TITLE, account, anonymous_subscription, body_scope, publish


class Sink:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Sink, int]]:
    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


def test_agenda_e_mails_reach_a_real_smtp_server(
    world: ClusterWorld, closed_item: Any, smtp_server: tuple[Sink, int]
) -> None:
    sink, port = smtp_server
    account("borgmester@test.dk", Role.MEMBER, person=world.mayor)
    anonymous_subscription("borger@example.dk", **body_scope(world))
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        publish(world.meeting)
    received = {
        tuple(e.rcpt_tos): email.message_from_bytes(e.content, policy=email.policy.default)
        for e in sink.envelopes
    }
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
