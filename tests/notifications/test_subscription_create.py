"""Subscribing: as an account at once, as an e-mail address after confirming (double opt-in); on the page
and in the API alike; and unsubscribing by the one-click link."""

import json
import re
from typing import Any

from django.core import mail
from django.test import Client

from klynge.notifications.models import MemberPreference, Scope, Subscription
from tests.clients import editor_of
from tests.factories import ClusterWorld


def _link(message: Any, path: str) -> str:
    found = re.search(rf"https://klynge\.test(/abonnementer/{path}/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_an_address_confirms_by_the_link_in_its_e_mail(
    world: ClusterWorld, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/abonnementer/",
            {"scope": "body", "body": world.political.pk, "immediate": "on", "email": "Borger@Example.dk"},
            follow=True,
        )
    assert "Vi har sendt en e-mail til borger@example.dk" in response.content.decode()
    subscription = Subscription.objects.get(email="borger@example.dk")
    assert not subscription.is_confirmed
    (confirmation,) = mail.outbox
    assert confirmation.subject == "Bekræft dit abonnement i Klynge"
    link = _link(confirmation, "bekraeft")
    assert client.get(link).status_code == 200  # a page with a button: opening the link confirms nothing
    subscription.refresh_from_db()
    assert not subscription.is_confirmed
    assert "er bekræftet" in client.post(link).content.decode()
    subscription.refresh_from_db()
    assert subscription.is_confirmed
    bad = client.post("/abonnementer/bekraeft/falsk/")
    assert bad.status_code == 422 and "Linket er ugyldigt" in bad.content.decode()


def test_the_same_address_again_gets_the_same_answer_and_no_second_subscription(
    world: ClusterWorld, django_capture_on_commit_callbacks: Any
) -> None:
    data = {"scope": "topic", "topic": world.prevention_topic.pk, "weekly": True, "immediate": False}
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(
                "/api/v1/subscriptions", {**data, "email": "a@example.dk"}, content_type="application/json"
            )
        assert response.status_code == 202
    assert Subscription.objects.filter(email="a@example.dk").count() == 1
    assert len(mail.outbox) == 1  # the confirmation once a day


def test_refusals_are_danish_per_field_on_page_and_api(world: ClusterWorld) -> None:
    page = Client().post("/abonnementer/", {"scope": "body", "email": "ikke-en-adresse", "immediate": "on"})
    assert page.status_code == 422
    text = page.content.decode()
    assert "Skriv en gyldig e-mailadresse" in text
    api = Client().post(
        "/api/v1/subscriptions",
        {
            "scope": "body",
            "email": "borger@example.dk",
            "immediate": False,
            "weekly": False,
            "body": world.political.pk,
        },
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json()["errors"] == {"immediate": ["Vælg straks, ugentligt overblik eller begge."]}
    missing = Client().post(
        "/api/v1/subscriptions", {"scope": "body", "email": "b@example.dk"}, content_type="application/json"
    )
    assert missing.json()["errors"] == {"body": ["Vælg et organ."]}


def test_an_account_subscribes_at_once_and_manages_its_own(world: ClusterWorld) -> None:
    client = editor_of(world.municipality, "redaktoer@test.dk")
    created = client.post(
        "/api/v1/subscriptions",
        {"scope": "search", "search_query": "  forebyggelse   ældre ", "weekly": True},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["confirmed"] and body["email"] == "redaktoer@test.dk"
    assert body["label"] == "Søgning: »forebyggelse ældre«"
    again = client.post(
        "/api/v1/subscriptions",
        {"scope": "search", "search_query": "forebyggelse ældre"},
        content_type="application/json",
    )
    assert again.status_code == 422
    assert mail.outbox == []
    pk = body["id"]
    changed = client.patch(
        f"/api/v1/subscriptions/{pk}", {"immediate": False}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["weekly"] and not changed.json()["immediate"]
    listed = client.get("/api/v1/subscriptions").json()
    assert [s["id"] for s in listed["items"]] == [pk]
    page = client.get("/abonnementer/").content.decode()
    assert "Søgning: »forebyggelse ældre«" in page
    other = editor_of(world.general_practice, "plo@test.dk")
    assert other.delete(f"/api/v1/subscriptions/{pk}").status_code == 404
    assert other.get("/api/v1/subscriptions").json()["items"] == []
    assert client.post(f"/abonnementer/{pk}/slet/").status_code == 302
    assert not Subscription.objects.filter(pk=pk).exists()


def test_preferences_on_page_and_api(world: ClusterWorld) -> None:
    client = editor_of(world.municipality, "redaktoer@test.dk")
    assert client.get("/api/v1/notification-preferences").json() == {
        "member_agendas": True,
        "deadline_reminders": True,
    }
    response = client.patch(
        "/api/v1/notification-preferences",
        json.dumps({"deadline_reminders": False}),
        content_type="application/json",
    )
    assert response.json() == {"member_agendas": True, "deadline_reminders": False}
    client.post("/abonnementer/", {"action": "preferences", "deadline_reminders": "on"})
    assert MemberPreference.objects.get(user__email="redaktoer@test.dk").deadline_reminders
    assert Client().get("/api/v1/notification-preferences").json() == {
        "member_agendas": False,
        "deadline_reminders": False,
    }
    assert Client().get("/api/v1/subscriptions").json()["items"] == []
    assert (
        Client().patch("/api/v1/notification-preferences", {}, content_type="application/json").status_code
        == 401
    )


def test_one_click_unsubscribe(world: ClusterWorld) -> None:
    from tests.notifications.conftest import anonymous_subscription, publish

    subscription = anonymous_subscription("borger@example.dk", scope=Scope.BODY, body=world.political)
    publish(world.meeting)
    (message,) = mail.outbox
    url = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("https://klynge.test")
    assert Client().get(url).status_code == 200
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    # RFC 8058: the mail program POSTs without a session or CSRF token
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and "Du er afmeldt" in response.content.decode()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert "allerede afmeldt" in Client().post(url).content.decode()
    assert Client().get("/abonnementer/afmeld/opdigtet/").status_code == 404
    assert Client().post("/abonnementer/afmeld/opdigtet/").status_code == 404


def test_the_pages_link_to_subscribe_with_the_scope_filled_in(world: ClusterWorld) -> None:
    body_page = Client().get(world.political.get_absolute_url()).content.decode()
    assert f"/abonnementer/?organ={world.political.pk}" in body_page
    assert f"/feeds/organ/{world.political.slug}.rss" in body_page
    form = Client().get(f"/abonnementer/?organ={world.political.pk}").content.decode()
    assert f'<option value="{world.political.pk}" selected>' in form
    search = Client().get("/abonnementer/?soegning=forebyggelse").content.decode()
    assert 'value="forebyggelse"' in search


def test_the_page_costs_the_same_for_more_subscriptions(
    world: ClusterWorld, django_assert_max_num_queries: Any
) -> None:
    client = editor_of(world.municipality, "redaktoer@test.dk")
    client.post("/abonnementer/", {"scope": "body", "body": world.political.pk, "immediate": "on"})
    with django_assert_max_num_queries(14) as few:
        client.get("/abonnementer/")
    one = len(few.captured_queries)
    for topic in (world.prevention_topic, world.hospitals_topic):
        client.post("/abonnementer/", {"scope": "topic", "topic": topic.pk, "weekly": "on"})
    client.post(
        "/abonnementer/", {"scope": "collaboration", "collaboration": world.cluster.pk, "weekly": "on"}
    )
    with django_assert_max_num_queries(one):
        client.get("/abonnementer/")
