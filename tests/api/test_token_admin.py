"""The admin shows tokens and revokes them through the token service; it changes nothing else."""

from django.contrib.auth import get_user_model
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.models import ApiToken
from klynge.api.services import token_create
from tests.factories import ClusterWorld


def test_an_administrator_revokes_a_token_and_it_stops_working(world: ClusterWorld) -> None:
    owner, _ = account_create(email="sek@test.dk", role=Role.EDITOR, party=world.municipality, password="x")
    token, secret = token_create(user=owner, name="dashboard")
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", "root@test.dk", "x"))
    assert admin.get(f"/admin/api/apitoken/{token.pk}/change/").status_code == 200  # shown, read-only
    response = admin.post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert "tilbagekaldt" in response.content.decode()
    assert ApiToken.objects.get().revoked_at is not None
    assert Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_the_admin_cannot_add_change_or_delete_tokens(world: ClusterWorld) -> None:
    owner, _ = account_create(email="sek@test.dk", role=Role.EDITOR, party=world.municipality, password="x")
    token, _ = token_create(user=owner)
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", "root@test.dk", "x"))
    assert admin.get("/admin/api/apitoken/add/").status_code == 403
    assert admin.post(f"/admin/api/apitoken/{token.pk}/change/", {"name": "x"}).status_code == 403
    assert admin.post(f"/admin/api/apitoken/{token.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ApiToken.objects.get().name == ""
