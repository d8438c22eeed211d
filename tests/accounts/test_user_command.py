import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from klynge.accounts.models import Account, Role
from tests.factories import ClusterWorld


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("user", *args, stdout=out)
    return out.getvalue()


def test_add_editor_generates_and_prints_a_password(world: ClusterWorld) -> None:
    output = run("add", "Redaktor@Test.dk", "--role", "editor", "--party", world.municipality.name)
    password = output.strip().splitlines()[-1].removeprefix("Password: ")
    user = authenticate(username="redaktor@test.dk", password=password)
    assert user is not None
    account = Account.objects.get(user=user)
    assert (account.role, account.party) == (Role.EDITOR, world.municipality)
    assert user.has_perm("work.change_initiative") and not user.has_perm("work.delete_initiative")
    assert not user.is_staff


def test_password_from_stdin_is_used_and_not_printed(
    world: ClusterWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("et-langt-hemmeligt-kodeord\n"))
    output = run("add", "medlem@test.dk", "--role", "member", "--person", world.mayor.name)
    assert "Password" not in output and "et-langt-hemmeligt-kodeord" not in output
    user = authenticate(username="medlem@test.dk", password="et-langt-hemmeligt-kodeord")
    assert (
        user is not None
        and user.has_perm("meetings.view_meeting")
        and not user.has_perm("meetings.change_meeting")
    )


def test_admin_is_superuser(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    run("add", "admin@test.dk", "--role", "admin")
    user = get_user_model().objects.get(username="admin@test.dk")
    assert user.is_superuser and user.is_staff
    assert "admin@test.dk\tadmin" in run("list")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "ikke-en-adresse", "--role", "admin"], "is not a valid e-mail address"),
        (["add", "r@test.dk", "--role", "editor"], "An editor needs --party"),
        (["add", "m@test.dk", "--role", "member"], "A member needs --person"),
        (["add", "r@test.dk", "--role", "editor", "--party", "Findes Ikke"], "No party named 'Findes Ikke'"),
    ],
)
def test_bad_input_is_a_clear_error_and_creates_nothing(
    world: ClusterWorld, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not get_user_model().objects.exists()


def test_a_second_account_for_the_same_email_is_refused(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    run("add", "admin@test.dk", "--role", "admin")
    with pytest.raises(CommandError, match="already exists"):
        run("add", "ADMIN@test.dk", "--role", "admin")
    assert get_user_model().objects.count() == 1


def test_login_page_logs_in_and_shows_danish_errors(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("korrekt-kodeord-123\n"))
    run("add", "admin@test.dk", "--role", "admin")
    wrong = client.post("/log-ind/", {"username": "admin@test.dk", "password": "forkert"})
    assert wrong.status_code == 422 and "Forkert e-mailadresse eller adgangskode" in wrong.content.decode()
    right = client.post("/log-ind/", {"username": "admin@test.dk", "password": "korrekt-kodeord-123"})
    assert right.status_code == 302
    assert "Log ud" in client.get("/").content.decode()


def test_login_is_rate_limited(db: None, client: Client, monkeypatch: pytest.MonkeyPatch, settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_ENABLED = True
    monkeypatch.setattr("sys.stdin", io.StringIO("korrekt-kodeord-123\n"))
    run("add", "admin@test.dk", "--role", "admin")
    for _ in range(5):
        client.post("/log-ind/", {"username": "admin@test.dk", "password": "forkert"})
    locked = client.post("/log-ind/", {"username": "admin@test.dk", "password": "korrekt-kodeord-123"})
    assert locked.status_code == 429
    assert "For mange forkerte forsøg" in locked.content.decode()
    assert "_auth_user_id" not in client.session
