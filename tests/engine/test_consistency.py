from chiso.engine.consistency import TableRow, check_table, parse_summary
from chiso.engine.evaluation import Status
from chiso.engine.numbers import parse_quantity as q
from chiso.engine.targets import parse_target as t


def _table():
    return [
        TableRow("I.1", q("100%"), t("100%"), Status.MET),
        TableRow("I.2", q("64,35%"), t("80%"), Status.NOT_MET),
        TableRow("II.12", q("6,42%"), t("6,50%"), Status.EXCEEDED),  # the seed's slip
        TableRow("III.3", q("-"), t("Trên 70%"), None),
    ]


def test_it_lists_rows_whose_written_evaluation_differs():
    check = check_table(_table())
    assert [(f.code, f.written, f.computed.status) for f in check.row_findings] == [
        ("II.12", Status.EXCEEDED, Status.NOT_MET)
    ]
    assert "II.12" in check.row_findings[0].message
    assert "6,42%" in check.row_findings[0].message
    assert (check.agreed, check.compared) == (2, 3)


def test_it_finds_a_total_that_does_not_add_up():
    check = check_table(_table(), {Status.MET: 2, Status.NOT_MET: 1, Status.EXCEEDED: 1})
    assert [(f.status, f.written_total, f.counted) for f in check.total_findings] == [(Status.MET, 2, 1)]


def test_a_blank_written_cell_counts_as_no_basis_in_the_totals():
    check = check_table(_table(), {Status.NO_BASIS: 1})
    assert check.total_findings == ()


def test_it_reads_the_printed_summary_lines():
    text = (
        "Vượt 16/46 chỉ tiêu; Đạt: 20/464 ↑chỉ tiêu; Chưa đạt: 7/46 chỉ tiêu; "
        "03 chỉ tiêu chưa có cơ sở đánh giá."
    )  # 000 §2, with its footnote mark
    assert parse_summary(text) == {Status.EXCEEDED: 16, Status.MET: 20, Status.NOT_MET: 7, Status.NO_BASIS: 3}


def test_it_reads_a_summary_with_its_lead_in_sentence():
    text = (
        "So với chỉ tiêu đề ra trong Kế hoạch chuyển đổi số năm 2024: Vượt 14/46 chỉ tiêu; "
        "Đạt 20/46 ↑ chỉ tiêu; Duy trì 01/46; Chưa đạt: 5/46 chỉ tiêu; 06 chỉ tiêu chưa có cơ sở đánh giá."
    )
    assert parse_summary(text)[Status.EXCEEDED] == 14
