"""The entry page and the Excel file show the target that applies, by the one rule of the read
path: the year's target, else the plan's; the unit's own before the framework's."""

from chiso.collection.pages import targets_for
from chiso.frameworks.models import Indicator, Target


def _target(submission, code: str, period_id: str, text: str, unit=None) -> Indicator:
    indicator = Indicator.objects.get(framework=submission.form.framework, code=code)
    Target.objects.create(indicator=indicator, period_id=period_id, text=text, unit=unit)
    return indicator


def test_the_plans_target_shows_when_the_year_has_none(submission):
    indicator = _target(submission, "I.8", "2026-2030", "Từ 1.000 trở lên")
    assert targets_for(submission, [indicator.pk]) == {indicator.pk: "Từ 1.000 trở lên"}


def test_the_units_own_target_for_the_year_wins(submission):
    indicator = Indicator.objects.get(framework=submission.form.framework, code="I.2")  # 80% for 2026
    _target(submission, "I.2", "2026", "85%", unit=submission.unit)
    assert targets_for(submission, [indicator.pk]) == {indicator.pk: "85%"}
