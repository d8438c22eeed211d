"""The demo's accounts have subscriptions that show on "Mine abonnementer"."""

from django.contrib.auth import get_user_model
from django.test import Client

from klynge.demo.accounts import create_demo_accounts
from klynge.demo.notifications import EDITOR, MEMBER, create_demo_subscriptions
from klynge.notifications.models import Subscription


def test_the_demo_accounts_follow_the_memos_themes(demo_loaded: None, db: None) -> None:
    create_demo_accounts()
    create_demo_subscriptions()
    create_demo_subscriptions()  # once
    assert Subscription.objects.filter(email=EDITOR).count() == 2
    assert Subscription.objects.filter(email=MEMBER).count() == 1
    client = Client()
    client.force_login(get_user_model().objects.get(email=EDITOR))
    page = client.get("/abonnementer/").content.decode()
    assert "Emne: Ældre medicinske patienter" in page and "Søgning: »midlertidige pladser«" in page
