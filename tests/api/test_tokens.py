"""Personal tokens: made with `klynge token create`, sent as a bearer token, revocable."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.models import ApiToken
from tests.factories import ClusterWorld


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def editor(world: ClusterWorld) -> object:
    user, _ = account_create(email="sek@kk.dk", role=Role.EDITOR, party=world.municipality, password="x")
    return user


def test_create_prints_the_token_as_its_last_line_and_keeps_only_its_digest(editor: object) -> None:
    out, err = run("create", "SEK@kk.dk", "--name", "dashboard")
    token = out.strip().splitlines()[-1]
    assert token.startswith("klynge_") and len(token) > 40
    stored = ApiToken.objects.get()
    assert stored.name == "dashboard" and token.startswith(stored.prefix)
    assert token not in (stored.digest, stored.prefix)
    assert "cannot be shown again" in err


def test_the_token_authenticates_api_calls(editor: object) -> None:
    token = run("create", "sek@kk.dk")[0].strip()
    response = Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_a_wrong_token_is_refused_not_treated_as_anonymous(world: ClusterWorld) -> None:
    for header in ("Bearer klynge_nonsense", "Bearer ", "Bearer " + "x" * 5000):
        response = Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response.json()["code"] == "unauthorized"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_list_and_revoke(editor: object) -> None:
    token = run("create", "sek@kk.dk", "--name", "a")[0].strip()
    listing = run("list", "sek@kk.dk")[0]
    prefix = ApiToken.objects.get().prefix
    assert prefix in listing and "active" in listing
    assert "revoked" in run("revoke", prefix + "…")[0]
    assert "revoked" in run("list", "sek@kk.dk")[0]
    assert Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_a_deactivated_account_loses_its_tokens(editor: object) -> None:
    token = run("create", "sek@kk.dk")[0].strip()
    editor.is_active = False  # type: ignore[attr-defined]
    editor.save()  # type: ignore[attr-defined]
    assert Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "nobody@kk.dk"), "No account with the e-mail address"),
        (("list", "nobody@kk.dk"), "No account"),
        (("revoke", "klynge_zzzzz"), "No active token"),
    ],
)
def test_bad_input_is_an_english_error(world: ClusterWorld, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not ApiToken.objects.exists()


def test_the_klynge_command_runs_it(editor: object, capsys: pytest.CaptureFixture[str]) -> None:
    from klynge.cli import main

    main(["token", "create", "sek@kk.dk"])
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("klynge_")
