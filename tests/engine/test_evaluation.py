from collections import Counter

import pytest

from chiso.engine.errors import EngineError
from chiso.engine.evaluation import Status, evaluate, override, parse_status, summary_line
from chiso.engine.numbers import parse_quantity as q
from chiso.engine.targets import parse_target as t


@pytest.mark.parametrize(
    ("actual", "target", "status"),
    [
        ("64,35%", "80%", Status.NOT_MET),  # 000 Phụ lục I, I.2: "Chưa đạt"
        ("100%", "100%", Status.MET),  # 000 Phụ lục I, I.1: "Đạt"
        ("83,80%", "80%", Status.EXCEEDED),
        ("80,004%", "80%", Status.MET),  # within the 0.005 rounding tolerance
        ("55%", "Trên 55%", Status.NOT_MET),  # "Trên" is strict
        ("55,01%", "Trên 55%", Status.EXCEEDED),
        ("8%", "Dưới 10%", Status.EXCEEDED),  # lower is better for an upper bound
        ("12%", "Dưới 10%", Status.NOT_MET),
        ("12", "10", Status.EXCEEDED),
    ],
)
def test_it_judges_against_numeric_targets(actual, target, status):
    assert evaluate(q(actual), t(target)).status == status


def test_a_maintain_target_compares_with_the_previous_period():
    assert evaluate(q("100%"), t("Duy trì"), previous=q("100%")).status == Status.MAINTAINED
    assert evaluate(q("90%"), t("Duy trì"), previous=q("100%")).status == Status.NOT_MET
    assert evaluate(q("90%"), t("Duy trì")).status == Status.NO_BASIS


def test_a_missing_value_has_no_basis():
    ev = evaluate(q("-"), t("50%"))
    assert ev.status == Status.NO_BASIS
    assert ev.label == "Chưa có cơ sở đánh giá"


def test_a_qualitative_target_has_no_basis():
    assert evaluate(q("50%"), t("Xây dựng nền tảng")).status == Status.NO_BASIS


def test_a_yes_target_reads_the_written_result():
    assert evaluate("Đã ban hành", t("Có")).status == Status.MET
    assert evaluate("Chưa ban hành", t("Có")).status == Status.NOT_MET


def test_an_increase_target_judges_the_increase():
    assert evaluate(q("3%"), t("Tăng tối thiểu 1,5%"), previous=q("1%")).status == Status.EXCEEDED
    assert evaluate(q("2%"), t("Tăng tối thiểu 1,5%"), previous=q("1%")).status == Status.NOT_MET


def test_not_applicable_wins_over_everything():
    assert evaluate(q("0%"), t("100%"), applicable=False).status == Status.NOT_APPLICABLE


def test_the_reason_quotes_the_figures():
    ev = evaluate(q("6,42%"), t("6,50%"))  # 000 Phụ lục I, II.12
    assert ev.reason == "Kết quả 6,42% chưa đạt chỉ tiêu «6,50%»"


def test_an_override_needs_a_reason():
    ev = evaluate(q("64,35%"), t("80%"))
    with pytest.raises(EngineError):
        override(ev, Status.MET, "  ")
    changed = override(ev, Status.MET, "Số liệu cập nhật đến 30/11")
    assert changed.status == Status.MET
    assert changed.override_reason == "Số liệu cập nhật đến 30/11"


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("Vượt", Status.EXCEEDED),
        ("Đạt", Status.MET),
        ("Chưa \nđạt", Status.NOT_MET),
        ("Duy trì", Status.MAINTAINED),
        ("Đạt ↑", Status.MET),
        ("-", None),
        ("", None),
    ],
)
def test_it_reads_written_evaluations(written, status):
    assert parse_status(written) == status


def test_it_refuses_an_unknown_written_evaluation():
    with pytest.raises(EngineError):
        parse_status("Tốt")


def test_the_summary_line_has_the_seed_form():
    counts = Counter({Status.EXCEEDED: 14, Status.MET: 20, Status.MAINTAINED: 1, Status.NOT_MET: 5, Status.NO_BASIS: 6})
    assert summary_line(counts, 46) == (
        "Vượt 14/46 chỉ tiêu; Đạt 20/46 chỉ tiêu; Duy trì 1/46 chỉ tiêu; "
        "Chưa đạt 5/46 chỉ tiêu; 06 chỉ tiêu chưa có cơ sở đánh giá"
    )
