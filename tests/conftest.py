import pytest

from tests.factories import ClusterWorld, build_cluster


@pytest.fixture
def world(db: None) -> ClusterWorld:
    return build_cluster("Test")
