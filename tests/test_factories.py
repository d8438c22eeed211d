from tests.factories import ClusterWorld, build_cluster


def test_world_builds_and_grows(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    assert other.region == world.region
    assert world.fund.allocated_total() == 2_000_000
    assert world.initiative.status == "approved"
