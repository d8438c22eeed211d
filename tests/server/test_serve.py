"""`klynge serve` starts the production server as a deployment runs it (the container's own command):
migrate, then serve with the production settings and the static files collected at build."""

import os
import re
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg
import pytest

from tests.databases import copy_sqlite_template, create_postgresql_database_from_template
from tests.processes import KLYNGE


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def database_url(tmp_path: Path, shared_tmp_path: Path, django_db_setup: None) -> Iterator[str]:
    """A new, migrated database (a copy of the run's template; `klynge migrate` then has nothing to do, as
    on a restart): on the test run's PostgreSQL server when there is one, else an SQLite file. Migrating a
    new database through the command is tested in tests/cli/test_klynge_command.py."""
    server = os.environ.get("KLYNGE_TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{copy_sqlite_template(shared_tmp_path, tmp_path / 'klynge.sqlite3')}"
        return
    config = dj_database_url.parse(server)
    name = f"klynge_serve_{os.getpid()}"
    admin_dsn = f"host={config['HOST']} port={config['PORT'] or 5432} user={config['USER']} dbname=postgres"
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    create_postgresql_database_from_template(server, name)
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def production_environment(tmp_path: Path, database_url: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="klynge.settings.production",
        DATABASE_URL=database_url,
        KLYNGE_SECRET_KEY=secrets.token_urlsafe(50),
        KLYNGE_ALLOWED_HOSTS="localhost",
        KLYNGE_DATA_DIR=str(tmp_path / "data"),
        KLYNGE_STATIC_ROOT=str(tmp_path / "static"),
    )
    return environment


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Host": "localhost", **headers})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_serve_migrates_and_serves_the_app_with_its_static_files(
    production_environment: dict[str, str],
) -> None:
    run = {"env": production_environment, "check": True, "capture_output": True, "text": True}
    subprocess.run([*KLYNGE, "collectstatic", "--noinput", "--verbosity", "0"], **run)  # type: ignore[call-overload]
    subprocess.run([*KLYNGE, "migrate", "--noinput", "--verbosity", "0"], **run)  # type: ignore[call-overload]

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*KLYNGE, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=production_environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, body = _get(f"{base}/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.2)
        assert (status, body) == (200, '{"status": "ok"}')

        # Plain HTTP is sent to HTTPS; behind the TLS proxy (X-Forwarded-Proto) the page is served.
        status, headers, _ = _get(f"{base}/")
        assert status == 301
        assert headers["Location"] == "https://localhost/"
        status, headers, page = _get(f"{base}/", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert "Strict-Transport-Security" in headers
        assert "Sundhedsklynger" in page or "Klynge" in page

        # The page links the static files collected at build under their hashed names, and they are served.
        stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "no hashed stylesheet link in the front page"
        status, headers, _ = _get(f"{base}{stylesheet.group(1)}", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert "immutable" in headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "KLYNGE_SECRET_KEY",
            "too-short",
            "Set KLYNGE_SECRET_KEY to a random value of at least 50 characters.",
        ),
        # gunicorn's own settings, checked before anything starts
        ("KLYNGE_REQUEST_TIMEOUT", "30s", "KLYNGE_REQUEST_TIMEOUT must be a whole number, not '30s'."),
    ],
)
def test_serve_refuses_to_start_misconfigured(
    production_environment: dict[str, str], variable: str, value: str, message: str
) -> None:
    environment = {**production_environment, variable: value}
    result = subprocess.run([*KLYNGE, "serve"], env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_settings_module_that_does_not_exist(production_environment: dict[str, str]) -> None:
    result = subprocess.run(
        [*KLYNGE, "serve", "--settings-module", "klynge.settings.nowhere"],
        env=production_environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Cannot import the settings module 'klynge.settings.nowhere'" in result.stderr
