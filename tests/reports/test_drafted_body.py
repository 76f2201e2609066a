"""The body of the periodic report drafted from the data in the register of a Sở's report (000
sections I–IV): the 11/2024 report read back from its .docx, and a live month's report with the
narratives the units sent."""

from __future__ import annotations

import datetime
import io
import re
from collections import Counter

import pytest
from docx import Document as open_docx

from chiso.datafiles import BUNDLED_DATA, read_file
from tests.reports.conftest import cell_rows, table_after

FRAMEWORKS = ("cds-dong-thap-2021-2025", "cds-nong-nghiep-dong-thap", "cds-y-te-dong-thap", "cds-giao-duc-dong-thap")
# A comparison in words: with an earlier period, or with a target.
COMPARED = re.compile(
    r"(tăng|giảm) [\d.,]+( điểm phần trăm)? so với|không đổi so với|giữ mức [\d.,]+%? như"
    r"|(vượt|hoàn thành|chưa đạt) chỉ tiêu kế hoạch|(cao|thấp) hơn [\d.,]+|bằng chỉ tiêu kế hoạch"
)
FIGURE = re.compile(r"\d+(?:,\d+)?%|\(\d[\d.,]*\)")
ENGLISH = re.compile(
    r"\b(the|and|of|is|are|with|from|lines?|transcription|reading|cell|page|break|column|continues)\b", re.I
)
HEADING = re.compile(r"(\d+\.)+ |[IVX]+\. ")  # "5.", "5.2.", "II."
FILE_NAME = re.compile(r"\.(txt|ya?ml|csv|docx|xlsx|json|py)\b|seeds?/", re.I)


def body_paragraphs(doc) -> list[str]:
    """The report's text from its first line to the signature, before the appendices."""
    out = []
    for p in doc.paragraphs:
        if p.text.strip() == "Phụ lục I":
            break
        if p.text.strip():
            out.append(p.text.strip())
    return out


def section(paragraphs: list[str], heading_end: str) -> list[str]:
    """The paragraphs under the numbered heading ending with `heading_end`, up to the next heading."""
    start = next(i for i, p in enumerate(paragraphs) if HEADING.match(p) and p.endswith(heading_end))
    rest = paragraphs[start + 1 :]
    end = next((i for i, p in enumerate(rest) if HEADING.match(p)), len(rest))
    return rest[:end]


def indicator_names() -> set[str]:
    names = set()
    for code in FRAMEWORKS:
        framework = read_file(BUNDLED_DATA / "frameworks" / f"{code}.yaml").model
        names |= {" ".join(i.name.split()).rstrip(". ") for g in framework.groups for i in g.indicators}
    return names


def test_at_least_twenty_indicators_are_compared_in_words_and_figures(periodic_docx):
    paragraphs = [p for p in body_paragraphs(periodic_docx) if COMPARED.search(p) and FIGURE.search(p)]
    compared = {name for name in indicator_names() if any(name in p for p in paragraphs)}
    assert len(compared) >= 20, sorted(compared)


def test_a_rise_and_a_fall_since_the_previous_year_are_told_with_both_figures(periodic_docx):
    text = "\n".join(body_paragraphs(periodic_docx))
    # 000 Phụ lục I: I.5 44,41% (2023) → 61,42% (11/2024); I.2 74,51% → 64,35%; II.3 73 → 231.
    assert "61,42%, tăng 17,01 điểm phần trăm so với năm 2023 (44,41%)" in text
    assert "64,35%, giảm 10,16 điểm phần trăm so với năm 2023 (74,51%)" in text
    assert "231, tăng 158 so với năm 2023 (73)" in text


def test_a_miss_is_told_with_its_gap_and_its_recorded_cause(periodic_docx):
    paragraph = next(p for p in body_paragraphs(periodic_docx) if p.startswith("Tỷ lệ hoạt động chỉ đạo, điều hành"))
    # I.14: 60% against 100%; its Ghi chú: "Chưa tích hợp email công vụ vào họp trực tuyến".
    assert "chưa đạt chỉ tiêu kế hoạch năm 2024 (100%) và kế hoạch 5 năm 2021 - 2025 (100%), còn thiếu 40" in paragraph
    assert "Nguyên nhân: chưa tích hợp email công vụ vào họp trực tuyến." in paragraph


def test_a_miss_of_two_plans_gives_both_gaps(periodic_docx):
    paragraph = next(p for p in body_paragraphs(periodic_docx) if p.startswith("Nông dân biết ứng dụng công nghệ"))
    # II.6: 30% against 40% (2024) and «Trên 60%» (2021-2025).
    assert "còn thiếu lần lượt 10 và 30 điểm phần trăm" in paragraph


def test_a_monthly_miss_gets_a_year_end_outlook_and_the_method_is_stated(periodic_docx):
    paragraphs = body_paragraphs(periodic_docx)
    paragraph = next(p for p in paragraphs if p.startswith("Tỷ lệ kết quả giải quyết thủ tục hành chính được số hoá"))
    # (61,42 − 44,41) / 11 months = 1,55 a month; 61,42 + 1,55 = 62,97% by 31/12/2024, below 100%.
    assert (
        "Với mức tăng bình quân 1,55 điểm phần trăm mỗi tháng kể từ năm 2023, đến ngày 31/12/2024 "
        "dự kiến đạt khoảng 62,97%, chưa đạt chỉ tiêu kế hoạch năm (100%)."
    ) in paragraph
    assert any(p.startswith("Ghi chú: kết quả dự kiến đến ngày 31/12 được tính theo mức thay đổi") for p in paragraphs)


def test_no_text_result_is_written_where_a_number_belongs(periodic_docx):
    text = "\n".join(body_paragraphs(periodic_docx))
    assert not re.search(r"đạt (Có|Chưa|-)", text)
    # I.16's result is a state: "Có, nhưng chưa ứng dụng AI".
    assert "Có, nhưng chưa ứng dụng AI; hoàn thành chỉ tiêu kế hoạch năm 2024 (Có)" in text


def test_the_body_has_no_english_word_internal_note_or_file_name(periodic_docx):
    text = "\n".join(body_paragraphs(periodic_docx))
    assert not ENGLISH.findall(text)
    assert not FILE_NAME.findall(text)
    assert "[" not in text


def test_the_late_and_missing_units_are_named_in_the_reporting_section(periodic_docx):
    lines = section(body_paragraphs(periodic_docx), "Tình hình gửi báo cáo của các đơn vị")
    log = cell_rows(table_after(periodic_docx, "Phụ lục VII"))
    late = [(row[1], row[3]) for row in log if re.fullmatch(r"\d\d/\d\d/\d{4}", row[3])]
    assert len(late) == 11
    text = " ".join(lines)
    assert "Có 28/30 đơn vị gửi báo cáo, trong đó 17 đơn vị gửi đúng hạn, 11 đơn vị gửi trễ hạn." in text
    for unit, day in late:
        assert f"{unit} (ngày {day})" in text
    missing = [row[1] for row in log[2:] if row[0].isdigit() and not row[2] and not row[3]]
    assert len(missing) == 2  # Văn phòng UBND Tỉnh and Lấp Vò
    assert f"Các đơn vị chưa gửi báo cáo: {'; '.join(missing)}." in text


@pytest.fixture(scope="module")
def overdue_leads(bundled_data) -> tuple[int, int, Counter]:
    """How many 2024 tasks were overdue on 25/11/2024, of how many, and how many each of the
    province's lead units has."""

    def read():
        from chiso.tasks.models import Task

        tasks = list(Task.objects.filter(plan_year=2024).prefetch_related("lead_units"))
        overdue = [t for t in tasks if t.overdue_on(datetime.date(2024, 11, 25))]
        leads = Counter(u.name for t in overdue for u in t.lead_units.all() if u.type != "tinh")
        return len(overdue), len(tasks), leads

    return bundled_data.read(read)


def test_overdue_tasks_are_named_by_lead_unit_in_the_tasks_section(periodic_docx, overdue_leads):
    overdue, total, leads = overdue_leads
    text = " ".join(section(body_paragraphs(periodic_docx), "Kết quả thực hiện các nhiệm vụ chuyển đổi số"))
    assert f"còn {overdue:02d}/{total} nhiệm vụ đã quá thời hạn hoàn thành" in text
    named = dict(re.findall(r"(?:: |; )([^:;]+?) \((\d\d) nhiệm vụ\)", text.split("Theo đơn vị chủ trì của tỉnh")[1]))
    province = named.pop("các sở, ngành, địa phương của tỉnh", None)  # tasks the province itself leads
    assert {name: int(n) for name, n in named.items()} == {name: leads[name] for name in named}
    top = max(leads.values())
    assert {name for name, n in leads.items() if n == top} <= set(named)
    listed = len(named) + (province is not None)
    assert f"và {len(leads) + (province is not None) - listed:02d} đơn vị khác" in text


def test_the_projects_section_tells_their_progress(periodic_docx):
    text = " ".join(section(body_paragraphs(periodic_docx), "Kết quả triển khai các dự án đầu tư"))
    assert "Tổng cộng (27 dự án): tổng khái toán 706.966 triệu đồng" in text
    assert "Trong 27 dự án: 07 dự án đã hoàn thành" in text


def test_the_sector_summary_lines_are_in_their_sections(periodic_docx):
    paragraphs = body_paragraphs(periodic_docx)
    summary = "Đạt 5/9 chỉ tiêu; Chưa đạt 4/9 chỉ tiêu."
    assert section(paragraphs, "Đề án chuyển đổi số ngành Y tế")[-2:] == [
        f"So với chỉ tiêu đề ra trong Đề án chuyển đổi số ngành Y tế (kế hoạch 5 năm 2021 - 2025): {summary}",
        "(Chi tiết xem Phụ lục III đính kèm).",
    ]


# --- a live month: the units' own words ----------------------------------------------------------

RESULTS = "Hoàn thành kết nối 15 hệ thống thông tin với nền tảng dùng chung của tỉnh."
DIFFICULTIES = "Thiếu cán bộ chuyên trách chuyển đổi số ở cấp xã."
PROPOSALS = "Đề nghị bố trí kinh phí mua bản quyền phần mềm diệt mã độc."


@pytest.fixture
def sent_with_words(submission, people):
    """Sở KH&CN's November report, sent with its three narrative sections."""
    from chiso.collection import workflow
    from tests.fixtures.personas import fill

    fill(submission, people["reporter"])
    texts = {"results_text": RESULTS, "difficulties_text": DIFFICULTIES, "proposals_text": PROPOSALS}
    result = workflow.save_draft(people["reporter"], submission, {}, texts, submission.version)
    assert result.ok
    submission.refresh_from_db()
    workflow.submit(people["approver"], submission)
    return submission


def live_body(**options) -> list:
    from chiso.reports.periodic import PeriodicOptions, build_periodic
    from tests.fixtures.personas import PERIOD

    return build_periodic(PeriodicOptions(period=PERIOD, date=datetime.date(2026, 11, 25), **options)).body


def blocks_of(body, top: str) -> list[str]:
    return [b.text for b in body if b.section.split(".")[0] == top and b.level == 0]


def test_a_unit_s_sent_narrative_is_compiled_by_unit_into_sections_one_two_and_four(sent_with_words):
    body = live_body()
    assert f"Sở Khoa học và Công nghệ: {RESULTS}" in blocks_of(body, "I")
    assert f"Sở Khoa học và Công nghệ: {DIFFICULTIES}" in blocks_of(body, "II")
    assert f"Sở Khoa học và Công nghệ: {PROPOSALS}" in blocks_of(body, "IV")


def test_the_units_words_reach_the_docx(sent_with_words):
    from chiso.reports.documents import render
    from chiso.reports.layouts import default_layout
    from chiso.reports.periodic import PeriodicOptions, build_periodic
    from tests.fixtures.personas import PERIOD

    document = build_periodic(PeriodicOptions(period=PERIOD, date=datetime.date(2026, 11, 25)))
    paragraphs = body_paragraphs(open_docx(io.BytesIO(render(document, default_layout()))))
    assert section(paragraphs, "Khó khăn, vướng mắc do các đơn vị nêu") == [f"Sở Khoa học và Công nghệ: {DIFFICULTIES}"]


def test_a_draft_narrative_not_yet_sent_is_not_in_the_report(submission, people):
    from chiso.collection import workflow
    from tests.fixtures.personas import fill

    fill(submission, people["reporter"])
    workflow.save_draft(people["reporter"], submission, {}, {"difficulties_text": DIFFICULTIES}, submission.version)
    assert not any(DIFFICULTIES in b.text for b in live_body())


def test_a_section_saying_nothing_is_left_out(submission, people):
    from chiso.collection import workflow
    from tests.fixtures.personas import fill

    fill(submission, people["reporter"])  # its narrative: "Không có." for difficulties and proposals
    workflow.submit(people["approver"], submission)
    body = live_body()
    assert not any(b.text.endswith(": Không có.") for b in body)
    assert "Sở Khoa học và Công nghệ: Đạt 3/4 chỉ tiêu." in blocks_of(body, "I")


def test_every_paragraph_of_the_body_carries_its_section(sent_with_words):
    body = live_body()
    assert all(b.section for b in body)
    assert {b.section for b in body if b.level == 1} == {"I", "II", "III", "IV"}


def test_an_office_sentence_expecting_a_number_is_not_used_for_a_text_result(seed_data, db):
    from chiso.frameworks.models import Indicator
    from chiso.reports.models import SentenceTemplate
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    SentenceTemplate.objects.create(
        indicator=Indicator.objects.get(framework__code="cds-dong-thap-2021-2025", code="I.16"),
        text="Nền tảng phân tích dữ liệu tập trung của tỉnh đạt {value}.",
    )
    body = build_periodic(PeriodicOptions(period="2024-11", date=datetime.date(2024, 11, 25))).body
    assert not any(re.search(r"đạt (Có|Chưa|-)", b.text) for b in body)
    assert any("Có, nhưng chưa ứng dụng AI" in b.text for b in body)


def test_the_plan_s_areas_and_summary_lines_read_as_in_000(periodic_docx):
    paragraphs = body_paragraphs(periodic_docx)
    assert [p for p in paragraphs if re.fullmatch(r"[123]\. .*", p)][:3] == [
        "1. Xây dựng chính quyền số",
        "2. Phát triển kinh tế số",
        "3. Phát triển xã hội số",
    ]
    assert (
        "So với chỉ tiêu đề ra trong Kế hoạch chuyển đổi số năm 2024: Vượt 14/46 chỉ tiêu; Đạt 20/46 chỉ tiêu; "
        "Duy trì 1/46 chỉ tiêu; Chưa đạt 5/46 chỉ tiêu; 06 chỉ tiêu chưa có cơ sở đánh giá."
    ) in paragraphs


def test_section_three_is_drawn_from_the_misses_overdue_tasks_and_projects(periodic_docx, overdue_leads):
    paragraphs = body_paragraphs(periodic_docx)
    lines = paragraphs[paragraphs.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ") + 1 : paragraphs.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")]
    overdue, _, _ = overdue_leads
    # 5 indicators below the 2024 plan (Phụ lục I's summary), none on pace to reach it by 31/12.
    assert lines[0] == (
        "- Tập trung các giải pháp nâng cao kết quả 05 chỉ tiêu chưa đạt kế hoạch năm 2024 nêu tại mục II; "
        "theo tiến độ hiện nay, các chỉ tiêu này khó đạt đến ngày 31/12/2024."
    )
    assert any(f"hoàn thành {overdue:02d} nhiệm vụ đã quá hạn (Phụ lục V)" in line for line in lines)
    assert "- Đẩy nhanh tiến độ 02 dự án dự kiến hoàn thành trong năm 2024 (Phụ lục VI)." in lines


def test_indicators_met_against_their_one_plan_are_told_together_with_their_figures(periodic_docx):
    paragraphs = body_paragraphs(periodic_docx)
    lines = section(paragraphs, "Đề án chuyển đổi số ngành Y tế")
    together = next(p for p in lines if p.startswith("Có 04 chỉ tiêu hoàn thành chỉ tiêu kế hoạch 5 năm 2021 - 2025:"))
    # 000 Phụ lục III rows 3, 4, 6 and 9: 100% against 100%, «Đạt».
    assert together.count("(đạt 100%, chỉ tiêu 100%)") == 4
