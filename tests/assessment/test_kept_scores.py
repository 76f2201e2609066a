"""A DTI round keeps the province's score current: an approved figure, a reopened report, an
appraisal each make the province's kept rows again, and no other unit's."""

from decimal import Decimal as D

import pytest

from chiso.accounts.models import Role
from chiso.assessment.appraisal import save_points
from chiso.collection import workflow
from chiso.collection.models import EnteredValue, Submission
from chiso.observations.models import UnitScore
from chiso.observations.scores import ScoreNotFound, unit_score

DTI = "dti-tinh-2025"


@pytest.fixture
def office(opened, login):
    return login(Role.ADMIN, "dong-thap", "vanphong").user


def approved(office, code: str, unit: str, **figures) -> Submission:
    """The unit's figure entered, its report sent and approved by the office."""
    value = EnteredValue.objects.get(
        submission__form__code="dti-dong-thap-2026", submission__unit__code=unit, item__indicator__code=code
    )
    for name, figure in figures.items():
        setattr(value, name, figure)
    value.save()
    Submission.objects.filter(pk=value.submission_id).update(status="submitted")
    submission = Submission.objects.get(pk=value.submission_id)
    workflow.approve(office, submission)
    return submission


def kept(period: str = "2026") -> dict[str, D]:
    return dict(UnitScore.objects.filter(unit__code="dong-thap", period_id=period).values_list("kind", "points"))


def others() -> dict[tuple, tuple]:
    return {
        (r.unit_id, r.period_id, r.kind): (r.points, r.computed_at)
        for r in UnitScore.objects.exclude(unit__code="dong-thap", period_id="2026")
    }


def test_an_approved_figure_updates_the_provinces_kept_score_and_no_other_row(office):
    before = others()
    assert kept() == {}
    approved(office, "3.3", "so-khcn", numerator=D(908), denominator=D(1000))  # 001: 90,8 % → 27,24
    assert kept() == {"self_assessed": D("27.24")}
    assert unit_score(DTI, "dong-thap", "2026", "self_assessed").total == D("27.24")
    assert others() == before


def test_reopening_an_approved_report_takes_its_figure_out_of_the_kept_score(office):
    submission = approved(office, "3.3", "so-khcn", numerator=D(908), denominator=D(1000))
    workflow.reopen(office, Submission.objects.get(pk=submission.pk), "Sai mẫu số")
    assert kept() == {}
    with pytest.raises(ScoreNotFound):
        unit_score(DTI, "dong-thap", "2026", "self_assessed")


def test_an_appraisal_keeps_the_provinces_appraised_score(opened, office):
    before = others()
    save_points(office, opened.round, "3.3", "appraised", "25", reason="Thiếu minh chứng 2 đơn vị")
    assert kept()["appraised"] == D(25)
    save_points(office, opened.round, "3.6", "appraised", "10", reason="Đã kiểm tra")
    assert kept()["appraised"] == D(35)
    save_points(office, opened.round, "3.3", "appraised", "20", reason="Thẩm định lại")
    assert kept()["appraised"] == D(30)
    assert others() == before
