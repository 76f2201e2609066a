"""Opening the 2026 round: 001 Phụ lục II's lead agencies get their sub-indicators, due 20/12."""

import datetime

import pytest

from chiso.assessment.rounds import RoundError, open_round
from chiso.collection.models import FormAssignment, Submission


def codes_of(unit_code: str) -> set[str]:
    assignment = FormAssignment.objects.get(form__code="dti-dong-thap-2026", unit__code=unit_code)
    return set(assignment.items.values_list("indicator__code", flat=True))


def test_a_lead_named_before_what_it_does_is_that_agency(opened):
    # 1.2: "Văn phòng UBND Tỉnh tham mưu, trình Chủ tịch ký"; 1.4: "Báo và Phát thanh, Truyền hình Đồng Tháp"
    assert "1.2" in codes_of("van-phong-ubnd")
    assert "1.4" in codes_of("bao-ptth-dong-thap")


def test_the_merged_province_s_department_leads_not_the_former_one(opened):
    assert "2.3" in codes_of("so-khcn")
    assert not FormAssignment.objects.filter(unit__code="dtc-so-khcn").exists()


def test_a_sub_indicator_with_two_leads_goes_to_both(opened):
    both = codes_of("so-tai-chinh") & codes_of("so-khcn")
    assert both  # "Sở Tài chính; Sở Khoa học và Công nghệ"


def test_collective_leads_are_listed_unmapped_not_guessed(opened):
    unmapped = {u["indicator"]: u for u in opened.unmapped}
    assert "UBND xã, phường" in unmapped["4.1"]["parts"] or any(
        "UBND xã, phường" in p for u in unmapped.values() for p in u["parts"]
    )
    # 8.3 has no Phụ lục II row in the seed: no lead at all.
    assert unmapped["8.3"]["lead"] == ""


def test_every_assigned_agency_owes_one_submission_due_20_12(opened):
    submissions = Submission.objects.filter(form__code="dti-dong-thap-2026", period_id="2026")
    assert (
        submissions.count() == opened.expected == FormAssignment.objects.filter(form__code="dti-dong-thap-2026").count()
    )
    assert {s.deadline for s in submissions} == {datetime.date(2026, 12, 20)}


def test_opening_again_changes_nothing(opened):
    before = (Submission.objects.count(), FormAssignment.objects.count())
    again = open_round(2026, "dong-thap")
    assert not again.created
    assert (Submission.objects.count(), FormAssignment.objects.count()) == before


def test_a_year_without_targets_is_refused_in_vietnamese(dti_data):
    with pytest.raises(RoundError, match="Chưa có mục tiêu năm 2030"):
        open_round(2030, "dong-thap")


def test_chiso_dti_round_open_prints_the_unmapped_as_json(dti_data):
    import json

    from click.testing import CliRunner

    from chiso.cli import main

    result = CliRunner().invoke(main, ["dti-round", "open", "--year", "2026", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["form"] == "dti-dong-thap-2026"
    assert out["expected"] == 9
    assert {u["indicator"] for u in out["unmapped"]} >= {"4.1", "5.2", "8.3"}


def test_chiso_dti_round_open_refuses_an_unknown_province(dti_data):
    from click.testing import CliRunner

    from chiso.cli import main

    result = CliRunner().invoke(main, ["dti-round", "open", "--year", "2026", "--province", "ha-noi"])
    assert result.exit_code == 2
    assert "Không có đơn vị mã «ha-noi»" in result.output
