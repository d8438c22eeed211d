"""absence_withdraw: the member comes after all; the absence goes, its history stays."""

from klynge.attendance.models import Absence
from klynge.attendance.services import absence_record, absence_withdraw
from tests.attendance.conftest import Cast
from tests.factories import ClusterWorld


def test_the_absence_is_removed_and_its_history_kept(world: ClusterWorld, cast: Cast) -> None:
    absence = absence_record(
        meeting=world.meeting,
        membership=world.mayor_membership,
        substitute=cast.deputy,
        agenda_items=[world.agenda_item],
    )
    pk = absence.pk

    absence_withdraw(absence=absence)

    assert not Absence.objects.filter(pk=pk).exists()
    assert Absence.agenda_items.through.objects.count() == 0
    assert list(
        Absence.history.filter(id=pk).values_list("history_type", flat=True).order_by("history_id")
    ) == [
        "+",
        "-",
    ]


def test_withdrawing_twice_does_nothing_more_and_leaves_other_absences(
    world: ClusterWorld, cast: Cast
) -> None:
    absence = absence_record(meeting=world.meeting, membership=world.mayor_membership)
    other = absence_record(meeting=world.meeting, membership=cast.doctor)
    absence_withdraw(absence=absence)

    absence_withdraw(absence=absence)

    assert list(Absence.objects.all()) == [other]
