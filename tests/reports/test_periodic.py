"""The 11/2024 periodic report generated from the loaded data, read back with python-docx and
compared with the transcribed 000 (Phụ lục I and VII)."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document as open_docx
from docx.shared import Mm

from chiso.engine.evaluation import count_statuses, parse_status, summary_line
from tests.reports.conftest import SEED_PERIOD, cell_rows, dataset, paragraphs_after_table, table_after

HEADER_ROWS = 2
VALUE_COLUMNS = {"2022": 4, "2023": 5, SEED_PERIOD: 6}
TARGET_COLUMNS = {"2021-2025": 2, "2024": 3}
EVALUATION_COLUMNS = {"2024": 7, "2021-2025": 8}


def appendix_one_rows(doc) -> dict[str, list[str]]:
    """Phụ lục I rows by indicator code ("I.1"), group headings giving the prefix."""
    rows, group = {}, None
    for cells in cell_rows(table_after(doc, "Phụ lục I"))[HEADER_ROWS:]:
        if cells[1].isupper():
            group = cells[0]
        else:
            rows[f"{group}.{cells[0]}"] = cells
    return rows


def test_appendix_one_lists_every_indicator_of_the_plan(periodic_docx):
    values = dataset("dong-thap-cds-2024-11").values
    assert set(appendix_one_rows(periodic_docx)) == {v.indicator for v in values}


@pytest.mark.parametrize("period", ["2022", "2023", SEED_PERIOD])
def test_appendix_one_results_are_the_figures_printed_in_000(periodic_docx, period):
    rows = appendix_one_rows(periodic_docx)
    expected = {
        v.indicator: " ".join(v.value.split()) for v in dataset("dong-thap-cds-2024-11").values if v.period == period
    }
    assert {code: rows[code][VALUE_COLUMNS[period]] for code in expected} == expected


def test_appendix_one_targets_are_the_plan_targets_as_printed(periodic_docx):
    from chiso.datafiles import BUNDLED_DATA, read_file

    framework = read_file(BUNDLED_DATA / "frameworks" / "cds-dong-thap-2021-2025.yaml").model
    rows = appendix_one_rows(periodic_docx)
    for group in framework.groups:
        for ind in group.indicators:
            for target in ind.targets:
                assert rows[ind.code][TARGET_COLUMNS[target.period]] == " ".join(target.text.split()), ind.code


@pytest.mark.parametrize("target_period", ["2021-2025", "2024"])
def test_appendix_one_summary_line_is_counted_from_its_evaluation_column(periodic_docx, target_period):
    table = table_after(periodic_docx, "Phụ lục I")
    column = [row[EVALUATION_COLUMNS[target_period]] for row in appendix_one_rows(periodic_docx).values()]
    counted = count_statuses(parse_status(text) for text in column)
    footer = paragraphs_after_table(periodic_docx, table)
    assert any(line.endswith(summary_line(counted, len(column)) + ".") for line in footer)


@pytest.mark.parametrize("target_period", ["2021-2025", "2024"])
def test_appendix_one_counts_agree_with_the_summary_printed_in_000(periodic_docx, target_period):
    printed = next(s.counts for s in dataset("dong-thap-cds-2024-11").summaries if s.target_period == target_period)
    column = [row[EVALUATION_COLUMNS[target_period]] for row in appendix_one_rows(periodic_docx).values()]
    counted = count_statuses(parse_status(text) for text in column)
    assert {status.value: n for status, n in counted.items()} == printed


def log_rows(doc) -> list[list[str]]:
    return cell_rows(table_after(doc, "Phụ lục VII"))[HEADER_ROWS:]


def test_appendix_seven_has_a_row_per_unit_with_date_and_document_number(periodic_docx, seed_data):
    from chiso.orgunits.models import OrgUnit

    log = dataset("dong-thap-submissions-2024-11").submissions
    from chiso.reports.submission_log import reporter_name

    names = {u.code: reporter_name(u) for u in OrgUnit.objects.all()}
    expected = []
    for s in log:
        day = s.document_date.strftime("%d/%m/%Y") if s.document_date else ""
        on_time, late = (day, "") if s.on_time_written else ("", day)
        expected.append([names[s.unit], on_time, late, s.document or ""])
    assert [[r[1], r[2], r[3], r[10]] for r in log_rows(periodic_docx)[:-1]] == expected


def test_appendix_seven_totals_equal_the_totals_printed_in_000(periodic_docx):
    printed = dataset("dong-thap-submissions-2024-11").printed_totals
    keys = [
        "on_time",
        "late",
        "narrative_received",
        "narrative_complete",
        "narrative_incomplete",
        "appendix_received",
        "appendix_complete",
        "appendix_incomplete",
    ]
    total = log_rows(periodic_docx)[-1]
    assert total[1] == "Tổng hợp số lượng:"
    assert [int(x) for x in total[2:10]] == [printed[k] for k in keys]


def test_appendix_six_project_total_is_added_up_not_copied(periodic_docx):
    rows = cell_rows(table_after(periodic_docx, "Phụ lục VI"))[HEADER_ROWS:]
    assert rows[0][1:5] == ["TỔNG CỘNG (27 dự án)", "706.966", "70.000", "444.909"]  # 000 Phụ lục VI


def test_page_is_a4_with_the_decree_30_margins(periodic_docx):
    section = periodic_docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 15]


def test_body_is_times_new_roman_14(periodic_docx):
    normal = periodic_docx.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 14)


def test_header_carries_issuer_motto_number_and_date(periodic_docx):
    header = periodic_docx.tables[0]
    text = header.cell(0, 0).text + "\n" + header.cell(0, 1).text
    for part in (
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/BC-STTTT",
        "Đồng Tháp, ngày 25 tháng 11 năm 2024",
    ):
        assert part in text


def test_narrative_tells_an_indicator_s_figure_with_its_change_and_target(periodic_docx):
    texts = [p.text for p in periodic_docx.paragraphs]
    # 000 Phụ lục I, I.2: 74,51% in 2023, 64,35% in 11/2024, target 80%.
    paragraph = next(t for t in texts if t.startswith("Tỷ lệ hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến"))
    assert paragraph.startswith(
        "Tỷ lệ hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến, người dân chỉ phải nhập "
        "dữ liệu một lần đạt 64,35%, giảm 10,16 điểm phần trăm so với năm 2023 (74,51%); "
        "chưa đạt chỉ tiêu kế hoạch năm 2024 (80%) và kế hoạch 5 năm 2021 - 2025 (80%), còn thiếu 15,65 điểm phần trăm"
    )


def test_an_edited_sentence_template_is_used(seed_data, db):
    from chiso.frameworks.models import Indicator
    from chiso.reports.models import SentenceTemplate
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    SentenceTemplate.objects.create(
        indicator=Indicator.objects.get(framework__code="cds-dong-thap-2021-2025", code="I.2"),
        text="Hồ sơ xử lý hoàn toàn trực tuyến {period}: {value} (kế hoạch {target}).",
    )
    document = build_periodic(PeriodicOptions(period=SEED_PERIOD))
    # The office's sentence opens the indicator's paragraph; the comparison follows it.
    assert any(
        b.text.startswith("Hồ sơ xử lý hoàn toàn trực tuyến tháng 11/2024: 64,35% (kế hoạch 80%), giảm 10,16")
        for b in document.body
    )


def test_an_appendix_without_data_says_so(seed_data, db):
    from chiso.reports.documents import render
    from chiso.reports.layouts import default_layout
    from chiso.reports.periodic import PeriodicOptions, build_periodic
    from chiso.tasks.models import Task

    Task.objects.filter(plan_year=2024).delete()
    document = build_periodic(PeriodicOptions(period=SEED_PERIOD, date=datetime.date(2024, 11, 25)))
    doc = open_docx(io.BytesIO(render(document, default_layout())))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("Phụ lục V")
    assert texts[start + 3].startswith("Không có dữ liệu")


def test_trend_chart_is_embedded(periodic_docx):
    assert any(rel.reltype.endswith("/image") for rel in periodic_docx.part.rels.values())
    assert Mm(100) < periodic_docx.inline_shapes[0].width <= Mm(151)
