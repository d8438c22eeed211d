"""The demo shows structure editing (its secretariat editor adds people, committees and bodies) and a demo
member's own page."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from klynge.bodies.models import Body, Collaboration, Membership
from klynge.demo.accounts import create_demo_accounts
from klynge.organisation.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]


def demo_client(email: str) -> Client:
    create_demo_accounts()
    client = Client()
    client.force_login(get_user_model().objects.get(username=email))
    return client


def test_the_demo_editor_is_offered_and_may_use_structure_editing() -> None:
    client = demo_client("sekretariat@kk.klynge.example")
    assert "Ny person" in client.get("/personer/").content.decode()
    assert "Nyt udvalg" in client.get("/udvalg/").content.decode()
    byen = Body.objects.filter(
        memberships__person__name="Sisse Marie Welling", level="political", collaboration__kind="cluster"
    ).first()
    assert byen is not None
    assert "Redigér organet" in client.get(byen.get_absolute_url()).content.decode()
    cluster = Collaboration.objects.get(pk=byen.collaboration_id)
    assert "Tilføj organ" in client.get(cluster.get_absolute_url()).content.decode()
    sisse = Person.objects.get(name="Sisse Marie Welling")
    assert "Redigér personen" in client.get(sisse.get_absolute_url()).content.decode()

    response = client.post("/personer/ny/", {"name": "Ny sundhedsrådmand", "party": sisse.party_id})
    assert response.status_code == 302
    assert Person.objects.filter(name="Ny sundhedsrådmand", party=sisse.party_id).exists()


def test_the_demo_member_has_her_own_page() -> None:
    client = demo_client("sisse.welling@kk.klynge.example")
    page = client.get("/min-side/").content.decode()
    assert "Min side" in client.get("/").content.decode()
    for membership in Membership.objects.filter(person__name="Sisse Marie Welling").select_related("body"):
        assert membership.body.name in page
    assert "Lav et kalenderlink" in page
