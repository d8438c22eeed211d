"""The SEARCH_INDEXING setting: unset (production, development, the demo) the index follows each change;
off (the test settings, outside the tests that read the index) it does not, and `klynge search_index`
catches up."""

from typing import Any

from django.core.management import call_command

from klynge.organisation.services import person_create
from klynge.search.models import Kind, SearchEntry
from tests.factories import ClusterWorld


def _indexed(name: str) -> bool:
    return SearchEntry.objects.filter(kind=Kind.PERSON, title=name).exists()


def test_unset_the_index_follows_each_change(settings: Any, world: ClusterWorld) -> None:
    del settings.SEARCH_INDEXING
    person_create(name="Karen Indekseret", party=world.municipality, source=world.source)
    assert _indexed("Karen Indekseret")


def test_off_nothing_is_indexed_until_the_index_is_rebuilt(settings: Any, world: ClusterWorld) -> None:
    settings.SEARCH_INDEXING = False
    person_create(name="Jens Uindekseret", party=world.municipality, source=world.source)
    assert not _indexed("Jens Uindekseret")
    call_command("search_index", verbosity=0)
    assert _indexed("Jens Uindekseret")


def test_the_settings_people_run_leave_it_unset() -> None:
    from klynge import settings as development

    assert not hasattr(development, "SEARCH_INDEXING")
