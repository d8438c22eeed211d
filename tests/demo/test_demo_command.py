"""`klynge demo`: migrates, loads the demo once, prints a summary and serves."""

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import connection

from klynge.demo.accounts import DEMO_ACCOUNTS
from klynge.demo.loader import demo_summary, is_demo_loaded
from klynge.demo.management.commands import demo as demo_command
from klynge.provenance.models import Source, SourceKind
from klynge.provenance.services import source_create

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_loads_once_and_reports() -> None:
    assert not is_demo_loaded()
    output = run_demo("--no-serve")
    assert "Demodata indlæst" in output
    assert is_demo_loaded()
    assert "møder: 11" in output  # ten from the sources, one coming meeting as an example (demo/proposals.py)
    counts = demo_summary()

    output = run_demo("--no-serve")
    assert "allerede indlæst" in output
    assert demo_summary() == counts


def test_reset_flushes_and_reloads() -> None:
    run_demo("--no-serve")
    # PostgreSQL refuses to TRUNCATE (flush) tables with pending deferred constraint checks in the same
    # transaction; check them now, as a commit would. (The command itself runs in autocommit.)
    connection.check_constraints()
    counts = demo_summary()
    source_create(key="ikke-demo", kind=SourceKind.USER, title="Indtastet efter indlæsning")
    output = run_demo("--no-serve", "--reset")
    assert "tømt" in output
    assert "Demodata indlæst" in output
    assert demo_summary() == counts
    assert not Source.objects.filter(key="ikke-demo").exists()


def test_serves_on_the_given_address_without_reloader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def fake_call_command(name: str, *args: Any, **kwargs: Any) -> None:
        calls.append(((name, *args), kwargs))
        if name != "runserver":
            call_command(name, *args, **kwargs)

    monkeypatch.setattr(demo_command, "call_command", fake_call_command)
    run_demo("--addrport", "127.0.0.1:8123")
    assert calls[-1] == (("runserver", "127.0.0.1:8123"), {"use_reloader": False})


def test_demo_prints_and_creates_one_account_per_role() -> None:
    text = run_demo("--no-serve")
    for email, _role, _tied, password in DEMO_ACCOUNTS:
        assert f"{email} / {password}" in text
        assert authenticate(username=email, password=password) is not None
