"""The Django admin adds and changes bodies, people and committees through the same commands as the pages
and the API: the command's refusal is shown on the admin form and nothing is written; what is written is
recorded in the history as the administrator's; an editor of another party gets the command's 403."""

import datetime
from html import unescape

from django.contrib.auth.models import Permission, User
from django.urls import reverse

from klynge.bodies.models import Body, Membership, Seat, Substitution
from klynge.bodies.services import membership_create
from klynge.organisation.models import Committee, Person
from klynge.organisation.services import person_create
from tests.clients import administrator, editor_of
from tests.factories import ClusterWorld

OUTSIDE_MESSAGE = "Organets periode skal ligge inden for samarbejdets periode."
NO_INLINES = {
    "seats-TOTAL_FORMS": "0",
    "seats-INITIAL_FORMS": "0",
    "memberships-TOTAL_FORMS": "0",
    "memberships-INITIAL_FORMS": "0",
}


def body_post(world: ClusterWorld, **fields: str) -> dict[str, str]:
    return {
        "collaboration": str(world.cluster.pk),
        "level": "administrative",
        "name": "Administrativ sundhedsklynge Test",
        "description": "",
        "valid_from": "",
        "valid_to": "",
        **NO_INLINES,
        **fields,
    }


def history_users(record: Body | Person | Committee) -> list[str]:
    return [row.history_user.username for row in record.history.order_by("history_id")]


def test_the_admin_refuses_a_body_as_the_command_does(world: ClusterWorld) -> None:
    bodies = Body.objects.count()
    response = administrator().post(
        reverse("admin:bodies_body_add"), body_post(world, valid_from="2022-06-30")
    )
    assert response.status_code == 200 and OUTSIDE_MESSAGE in unescape(response.content.decode())
    assert Body.objects.count() == bodies


def test_the_admin_adds_and_changes_a_body_recorded_as_the_administrators(world: ClusterWorld) -> None:
    admin = administrator()
    assert admin.post(reverse("admin:bodies_body_add"), body_post(world)).status_code == 302
    body = Body.objects.get(name="Administrativ sundhedsklynge Test")
    assert body.collaboration == world.cluster and body.slug  # the service made the slug

    changed = body_post(world, description="Embedsmændene")
    del changed["collaboration"]  # a body stays with its collaboration
    response = admin.post(reverse("admin:bodies_body_change", args=[body.pk]), changed)
    assert response.status_code == 302
    assert Body.objects.get(pk=body.pk).description == "Embedsmændene"
    assert history_users(body) == ["admin@test.dk", "admin@test.dk"]


def test_the_admin_adds_and_changes_a_person_by_the_command(world: ClusterWorld) -> None:
    admin = administrator()
    post = {"name": "Kirsten Holm", "party": str(world.municipality.pk), "title": "Direktør"}
    assert admin.post(reverse("admin:organisation_person_add"), post).status_code == 302
    person = Person.objects.get(name="Kirsten Holm")
    assert person.slug  # the service made it
    post["title"] = "Sundhedsdirektør"
    assert admin.post(reverse("admin:organisation_person_change", args=[person.pk]), post).status_code == 302
    assert Person.objects.get(pk=person.pk).title == "Sundhedsdirektør"
    assert history_users(person) == ["admin@test.dk", "admin@test.dk"]


def test_the_admin_adds_a_committee_by_the_command(world: ClusterWorld) -> None:
    post = {
        "party": str(world.municipality.pk),
        "name": "Ældreudvalget",
        "code": " aeu ",
        "administration": "",
    }
    post["topics"] = str(world.prevention_topic.pk)
    response = administrator().post(reverse("admin:organisation_committee_add"), post)
    assert response.status_code == 302
    committee = Committee.objects.get(name="Ældreudvalget")
    assert committee.code == "AEU" and list(committee.topics.all()) == [world.prevention_topic]
    assert history_users(committee) == ["admin@test.dk"]


def test_a_staff_editor_of_another_party_is_refused_by_the_command(world: ClusterWorld) -> None:
    """The command checks the rights, not only the admin's model permissions: the admin's form offers
    every party, the command only those the editor edits for, as the page does."""
    other = editor_of(world.region, email="region-staff@test.dk")
    staff = User.objects.get(pk=other.session["_auth_user_id"])
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_person", "view_person"]))
    post = {"name": "Ny medarbejder", "party": str(world.municipality.pk), "title": ""}
    response = other.post(reverse("admin:organisation_person_add"), post)
    assert response.status_code == 200 and "Vælg en af mulighederne på listen." in unescape(
        response.content.decode()
    )
    assert not Person.objects.filter(name="Ny medarbejder").exists()


def test_the_admin_sets_seats_by_the_command_never_below_the_members(world: ClusterWorld) -> None:
    admin = administrator()
    seat = Seat.objects.get(body=world.political, party=world.municipality)
    change = reverse("admin:bodies_seat_change", args=[seat.pk])
    second = person_create(name="Rådmand Test", party=world.municipality)
    membership_create(
        person=second, body=world.political, party=world.municipality, start=datetime.date(2023, 1, 1)
    )
    refused = admin.post(change, {"count": "1"})
    assert refused.status_code == 200
    assert "Parten har 2 medlemmer på samme tid i organet" in unescape(refused.content.decode())
    assert admin.post(change, {"count": "3"}).status_code == 302
    assert Seat.objects.get(pk=seat.pk).count == 3
    assert seat.history.order_by("-history_id").first().history_user.username == "admin@test.dk"


def test_the_admin_changes_a_membership_and_a_substitute_by_the_commands(world: ClusterWorld) -> None:
    admin = administrator()
    membership = world.mayor_membership
    change = reverse("admin:bodies_membership_change", args=[membership.pk])
    post = {
        "role": "co_chair",
        "title": "borgmester",
        "start": "2022-07-01",
        "end": "2022-06-30",
        "substitutions-TOTAL_FORMS": "0",
        "substitutions-INITIAL_FORMS": "0",
    }
    refused = admin.post(change, post)
    assert refused.status_code == 200
    assert "Medlemskabet skal ligge inden for organets periode." in unescape(refused.content.decode())
    assert Membership.objects.get(pk=membership.pk).end is None
    assert admin.post(change, {**post, "end": "2026-12-31"}).status_code == 302
    assert Membership.objects.get(pk=membership.pk).end == datetime.date(2026, 12, 31)
    assert membership.history.order_by("-history_id").first().history_user.username == "admin@test.dk"

    substitution = Substitution.objects.get(principal=membership)
    substitute_post = {
        "topics": [str(world.prevention_topic.pk)],
        "condition": "Ved forfald",
        "start": "2022-07-01",
        "end": "2026-12-31",  # within the membership, which now ends then
    }
    response = admin.post(
        reverse("admin:bodies_substitution_change", args=[substitution.pk]), substitute_post
    )
    assert response.status_code == 302
    substitution = Substitution.objects.get(pk=substitution.pk)
    assert substitution.condition == "Ved forfald"
    assert substitution.history.order_by("-history_id").first().history_user.username == "admin@test.dk"
