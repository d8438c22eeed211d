"""A real SMTP server (aiosmtpd) on this machine that keeps what it receives, for the tests that send
e-mail end to end through Django's SMTP backend (the `smtp_server` fixture in tests/conftest.py)."""

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from django.test import override_settings


class Sink:
    """The SMTP server's handler: every envelope it accepted, in order."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, sink: Sink, port: int) -> None:
        self.sink = sink
        self.port = port

    @property
    def envelopes(self) -> list[Any]:
        return self.sink.envelopes

    def received(self) -> dict[tuple[str, ...], EmailMessage]:
        """The messages received so far, by their recipients."""
        return {
            tuple(e.rcpt_tos): email.message_from_bytes(e.content, policy=email.policy.default)
            for e in self.sink.envelopes
        }

    @contextmanager
    def delivering(self) -> Iterator[None]:
        """Django sends its e-mail by SMTP to this server meanwhile (in every thread: the live server's too)."""
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=self.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            yield


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_smtp_server() -> Iterator[SmtpServer]:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(sink, port)
    finally:
        controller.stop()
