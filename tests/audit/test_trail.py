"""The audit trail records real changes only, and survives the account."""

from django.contrib.auth.models import User

from chiso.audit.trail import history, record
from chiso.orgunits.models import OrgUnit


def test_a_change_is_recorded_with_who_old_and_new(db):
    unit = OrgUnit.objects.create(code="so-khcn", name="Sở KH&CN", type="so_ban_nganh")
    user = User.objects.create_user("nhaplieu")
    record(user, unit, "name", "Sở KH&CN", "Sở Khoa học và Công nghệ")
    [entry] = history(unit)
    assert (entry.username, entry.old, entry.new) == ("nhaplieu", "Sở KH&CN", "Sở Khoa học và Công nghệ")


def test_saving_the_same_value_records_nothing(db):
    unit = OrgUnit.objects.create(code="so-khcn", name="Sở KH&CN", type="so_ban_nganh")
    record(User.objects.create_user("nhaplieu"), unit, "name", "83,8", "83,8")
    assert not history(unit).exists()


def test_the_trail_still_names_a_deleted_user(db):
    unit = OrgUnit.objects.create(code="so-khcn", name="Sở KH&CN", type="so_ban_nganh")
    user = User.objects.create_user("nhaplieu")
    record(user, unit, "name", "a", "b")
    user.delete()
    assert history(unit).get().username == "nhaplieu"
