"""Expected submissions exist for every assigned unit and period."""

import datetime

from chiso.collection.models import FormAssignment, ReportForm, Submission
from chiso.collection.schedules import ensure_expected
from chiso.orgunits.models import OrgUnit


def test_it_creates_one_draft_per_assigned_unit_due_by_the_rule(form: ReportForm) -> None:
    created = ensure_expected(form, "2026-11")
    assert sorted(s.unit.code for s in created) == ["so-khcn", "so-tai-chinh"]
    assert {s.deadline for s in created} == {datetime.date(2026, 11, 18)}
    assert {s.status for s in created} == {"draft"}
    assert all(s.values.count() == 4 for s in created)


def test_it_creates_nothing_the_second_time(form: ReportForm) -> None:
    ensure_expected(form, "2026-11")
    ensure_expected(form, "2026-11")
    assert Submission.objects.filter(form=form).count() == 2


def test_it_gives_a_unit_only_its_assigned_items(form: ReportForm, units: dict[str, OrgUnit]) -> None:
    assignment = FormAssignment.objects.get(form=form, unit=units["so-tai-chinh"])
    assignment.items.set(form.items.filter(indicator__code="I.8"))
    ensure_expected(form, "2026-11")
    submission = Submission.objects.get(form=form, unit=units["so-tai-chinh"])
    assert [v.item.indicator.code for v in submission.values.all()] == ["I.8"]


def test_it_skips_a_unit_that_no_longer_existed_in_the_period(form: ReportForm, units: dict[str, OrgUnit]) -> None:
    units["so-tai-chinh"].valid_to = datetime.date(2026, 10, 31)
    units["so-tai-chinh"].save()
    assert [s.unit.code for s in ensure_expected(form, "2026-11")] == ["so-khcn"]


def test_it_skips_periods_outside_the_assignment(form: ReportForm, units: dict[str, OrgUnit]) -> None:
    FormAssignment.objects.filter(unit=units["so-tai-chinh"]).update(first_period_id="2026-12")
    assert [s.unit.code for s in ensure_expected(form, "2026-11")] == ["so-khcn"]
