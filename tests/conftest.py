from collections.abc import Iterator

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from klynge.demo.loader import load_demo
from tests.factories import ClusterWorld, build_cluster


@pytest.fixture
def world(db: None) -> ClusterWorld:
    return build_cluster("Test")


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Load the demo once for a whole test module, inside a transaction that is rolled back afterwards.

    Each test runs in a savepoint inside it, so what a test writes is rolled back too. (Flushing the
    database instead would also remove rows that data migrations put there.)"""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)
