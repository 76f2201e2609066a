"""The office's view: the self-assessed score from entered values, appraisal and published points."""

from decimal import Decimal as D

import pytest

from chiso.accounts.models import Role
from chiso.assessment.appraisal import Refused, save_points
from chiso.assessment.models import RoundPoints
from chiso.assessment.scoreboard import scoreboard
from chiso.audit.trail import history
from chiso.collection.models import EnteredValue
from chiso.observations.models import Dataset, IndicatorPoints
from chiso.orgunits.models import OrgUnit


def enter(code: str, unit: str, evidence: str = "", **figures) -> EnteredValue:
    value = EnteredValue.objects.get(
        submission__form__code="dti-dong-thap-2026", submission__unit__code=unit, item__indicator__code=code
    )
    for name, figure in figures.items():
        setattr(value, name, figure)
    value.evidence_ref = evidence
    value.save()
    return value


def row(board, code):
    return next(s for s in board.rows if s.code == code)


def test_the_self_assessed_score_builds_up_from_an_entered_draft(opened):
    # 001 Phụ lục I: 3.3 at 90.8 % scored 27.24/30.
    enter("3.3", "so-khcn", numerator=D(908), denominator=D(1000))
    board = scoreboard(opened.round)
    assert row(board, "3.3").self_points == D("27.24")
    assert next(p for p in board.pillars if p.code == "3").self_points == D("27.24")
    assert board.self_score.total == D("27.24")


def test_a_value_without_evidence_is_flagged(opened):
    enter("3.3", "so-khcn", numerator=D(908), denominator=D(1000))
    enter("3.6", "so-khcn", evidence="Công văn 12/SKHCN ngày 01/12/2026", number=D(100))
    board = scoreboard(opened.round)
    assert row(board, "3.3").flag == "Thiếu tài liệu kiểm chứng"
    assert row(board, "3.6").flag == ""
    assert row(board, "3.7").flag == "Chưa nhập số liệu"


@pytest.fixture
def office(opened, login):
    return login(Role.ADMIN, "dong-thap", "vanphong").user


def test_an_appraisal_differing_from_the_self_assessment_needs_a_reason(opened, office):
    enter("3.3", "so-khcn", numerator=D(908), denominator=D(1000))
    with pytest.raises(Refused, match="khác với tự đánh giá"):
        save_points(office, opened.round, "3.3", "appraised", "25")
    assert not RoundPoints.objects.exists()


def test_an_appraisal_with_its_reason_is_shown_and_audited(opened, office):
    enter("3.3", "so-khcn", numerator=D(908), denominator=D(1000))
    saved = save_points(office, opened.round, "3.3", "appraised", "25,5", "Số thuê bao chưa trừ thuê bao 2G")
    again = save_points(office, opened.round, "3.3", "appraised", "26", "Bổ sung số liệu nhà mạng")
    board = scoreboard(opened.round)
    assert row(board, "3.3").appraisal.points == D(26)
    assert row(board, "3.3").disagrees
    assert [(e.old, e.new) for e in history(again)][:2] == [("25,5", "26"), ("", "25,5")]
    assert saved.pk == again.pk


def test_an_appraisal_equal_to_the_self_assessment_needs_no_reason(opened, office):
    enter("3.3", "so-khcn", numerator=D(908), denominator=D(1000))
    save_points(office, opened.round, "3.3", "appraised", "27,24")
    assert RoundPoints.objects.get().points == D("27.24")


def test_points_above_the_maximum_are_refused(opened, office):
    with pytest.raises(Refused, match="điểm phải từ 0 đến 30"):
        save_points(office, opened.round, "3.3", "published", "31")


def test_the_three_kinds_stand_side_by_side_per_pillar(opened, office):
    enter("3.3", "so-khcn", numerator=D(908), denominator=D(1000))
    save_points(office, opened.round, "3.3", "appraised", "27,24")
    save_points(office, opened.round, "3.3", "published", "27")
    # Published points loaded from a dataset count too, when the round has none of its own.
    IndicatorPoints.objects.create(
        dataset=Dataset.objects.create(code="dti-2026-cong-bo"),
        indicator=opened.round.form.items.get(indicator__code="3.6").indicator,
        unit=OrgUnit.objects.get(code="dong-thap"),
        period_id="2026",
        kind="published",
        points=D(20),
    )
    pillar = next(p for p in scoreboard(opened.round).pillars if p.code == "3")
    assert (pillar.self_points, pillar.appraised, pillar.published) == (D("27.24"), D("27.24"), D(47))
