"""The province's figure is made again from the approved reports each time one is approved or reopened."""

from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.collection import workflow
from chiso.collection.models import FormAssignment, Submission
from chiso.collection.schedules import ensure_expected
from chiso.observations.models import DataValue, Rollup
from chiso.observations.rollup import rolled_up

from .conftest import COMPLETE, PERIOD, fill

SECOND = {**COMPLETE, "I.2": {"numerator": "338", "denominator": "607"}, "I.8": {"value": "750"}}


def approved(submission, people, typed=None, reporter="reporter", approver="approver"):
    fill(submission, people[reporter], typed)
    workflow.submit(people[approver], submission)
    workflow.approve(people["office"], submission)
    submission.refresh_from_db()
    return submission


def province_value(code: str) -> DataValue:
    return rolled_up("dong-thap", PERIOD).get(indicator__code=code)


@pytest.fixture
def both(submission, other_submission, people):
    approved(submission, people)
    approved(other_submission, people, SECOND, reporter="outsider", approver="outsider")
    return submission, other_submission


def test_province_share_is_the_summed_numerators_over_the_summed_denominators(both):
    value = province_value("I.2")
    # (3.662 + 338) / (4.393 + 607) = 4.000 / 5.000
    assert value.number == D("80")
    assert value.raw == "80,00%"
    assert (value.numerator, value.denominator) == (D("4000"), D("5000"))


def test_province_count_is_the_sum_of_the_units(both):
    assert province_value("I.8").number == D("2000")
    assert province_value("I.8").raw == "2.000"


def test_coverage_names_every_unit_that_was_counted(both):
    rollup = province_value("I.2").rollup
    assert rollup.coverage == "2/2 đơn vị"
    assert rollup.missing == []


def test_a_unit_not_yet_approved_is_named_as_missing(submission, other_submission, people):
    approved(submission, people)
    value = province_value("I.2")
    assert value.raw == "83,36%"  # 3.662/4.393
    assert value.rollup.coverage == "1/2 đơn vị"
    assert value.rollup.missing == ["Sở Tài chính"]
    assert value.note == "Tổng hợp từ 1/2 đơn vị; chưa có: Sở Tài chính"


def test_a_submitted_but_unapproved_report_does_not_count(submission, other_submission, people):
    approved(submission, people)
    fill(other_submission, people["outsider"], SECOND)
    workflow.submit(people["outsider"], other_submission)
    assert province_value("I.8").number == D("1250")


def test_reopening_an_approved_report_takes_its_figures_out(both, people):
    workflow.reopen(people["office"], both[1], "Sai mẫu số")
    assert province_value("I.8").number == D("1250")
    assert province_value("I.8").rollup.missing == ["Sở Tài chính"]


def test_no_approved_report_leaves_no_province_figure(submission, people):
    fill(submission, people["reporter"])
    workflow.submit(people["approver"], submission)
    workflow.reopen(people["office"], submission, "Thiếu số liệu")
    assert not rolled_up("dong-thap", PERIOD).exists()


def test_an_indicator_entered_at_province_level_takes_only_the_provinces_own_entry(form, units, people):
    indicator = form.items.get(indicator__code="I.8").indicator
    indicator.aggregation = "entered"
    indicator.save()
    FormAssignment.objects.create(form=form, unit=units["dong-thap"])
    ensure_expected(form, PERIOD)
    own = Submission.objects.get(form=form, unit=units["dong-thap"], period_id=PERIOD)
    unit = Submission.objects.get(form=form, unit=units["so-khcn"], period_id=PERIOD)
    approved(unit, people)
    # The province's own report is signed by its leader; the office approves it.
    leader = User.objects.create_user("lanhdao_tinh", first_name="Lãnh đạo tỉnh")
    Grant.objects.create(user=leader, unit=units["dong-thap"], role=Role.APPROVER)
    approved(
        own, {**people, "leader": leader}, {**COMPLETE, "I.8": {"value": "99"}}, reporter="office", approver="leader"
    )
    value = province_value("I.8")
    assert value.number == D("99")
    assert value.rollup.coverage == "1/1 đơn vị"


def test_rolled_up_figures_are_recorded_as_the_provinces_values(both):
    assert Rollup.objects.filter(value__unit__code="dong-thap", value__period_id=PERIOD).count() == 2
    assert set(DataValue.objects.filter(rollup__isnull=False).values_list("unit__code", flat=True)) == {"dong-thap"}


def test_an_item_given_to_a_lead_agency_is_entered_on_the_provinces_behalf(form, units, people):
    """A DTI round gives each sub-indicator to its lead agency, which enters the province's figure."""
    item = form.items.get(indicator__code="I.6")
    item.indicator.aggregation = "entered"
    item.indicator.save()
    FormAssignment.objects.get(form=form, unit=units["so-khcn"]).items.add(item, form.items.get(indicator__code="I.2"))
    ensure_expected(form, PERIOD)
    lead = Submission.objects.get(form=form, unit=units["so-khcn"], period_id=PERIOD)
    approved(lead, people, {"I.2": COMPLETE["I.2"], "I.6": {"value": "Có"}})
    value = province_value("I.6")
    assert value.raw == "Có"
    assert value.rollup.covered == ["Sở Khoa học và Công nghệ"]


def test_a_dti_forms_province_figures_are_the_provinces_self_assessment(form, submission, people):
    form.framework.kind = "dti"
    form.framework.save()
    approved(submission, people)
    assert province_value("I.2").kind == "self_assessed"


def test_a_periodic_reports_province_figures_are_reported(submission, people):
    approved(submission, people)
    assert province_value("I.2").kind == "reported"


def test_a_share_answered_yes_or_no_by_each_unit_is_the_share_of_units_saying_yes(
    form, submission, other_submission, people
):
    indicator = form.items.get(indicator__code="I.6").indicator
    indicator.measure, indicator.aggregation = "percent", "ratio"
    indicator.save()
    approved(submission, people)  # «Có»
    approved(other_submission, people, {**SECOND, "I.6": {"value": "Không"}}, reporter="outsider", approver="outsider")
    assert province_value("I.6").raw == "50,00%"
