"""Single sign-on is configured by environment variables and admits only existing accounts."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.oidc import ExistingAccountsOIDCBackend
from klynge.accounts.services import account_create

OIDC_ENV = {
    "KLYNGE_OIDC_CLIENT_ID": "klynge",
    "KLYNGE_OIDC_CLIENT_SECRET": "hemmelig",
    "KLYNGE_OIDC_AUTHORIZATION_ENDPOINT": "https://login.example.dk/authorize",
    "KLYNGE_OIDC_TOKEN_ENDPOINT": "https://login.example.dk/token",
    "KLYNGE_OIDC_USER_ENDPOINT": "https://login.example.dk/userinfo",
    "KLYNGE_OIDC_JWKS_ENDPOINT": "https://login.example.dk/jwks",
}


def test_configured_sso_adds_the_login_route_and_button(tmp_path: Path) -> None:
    env = {
        **os.environ,
        **OIDC_ENV,
        "DJANGO_SETTINGS_MODULE": "klynge.settings",
        "KLYNGE_DATA_DIR": str(tmp_path),
    }
    script = (
        "import django; django.setup();"
        "from django.urls import reverse; from django.conf import settings;"
        "print(reverse('oidc_authentication_init'));"
        "print(settings.AUTHENTICATION_BACKENDS[-1])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "/oidc/authenticate/",
        "klynge.accounts.oidc.ExistingAccountsOIDCBackend",
    ]


def test_without_configuration_there_is_no_sso(client: Client, db: None) -> None:
    assert client.get("/oidc/authenticate/").status_code == 404
    assert "organisations login" not in client.get("/log-ind/").content.decode()


def test_only_existing_accounts_with_a_verified_email_are_admitted(db: None) -> None:
    account_create(email="admin@kk.dk", role=Role.ADMIN, password="x")
    backend = ExistingAccountsOIDCBackend.__new__(ExistingAccountsOIDCBackend)
    assert list(
        backend.filter_users_by_claims({"email": "Admin@KK.dk"}).values_list("username", flat=True)
    ) == ["admin@kk.dk"]
    assert not backend.filter_users_by_claims({"email": "fremmed@kk.dk"}).exists()
    assert not backend.filter_users_by_claims({"email": "admin@kk.dk", "email_verified": False}).exists()
    assert not backend.filter_users_by_claims({}).exists()
