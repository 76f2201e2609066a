"""The words of the DTI plan (001): its legal basis, aims, assessment and assignments.

The tables are built in dti_plan; this module writes the text around them. Section V's
assignments are generated from the plan's tasks (each agency's items, as loaded from the plan
with their leads and deadlines); the count of sub-indicators below full points is Phụ lục I's.
Texts that the data does not hold (the legal basis, the aims) are transcribed from 001 with
their line numbers.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from chiso.engine.numbers import vietnamese_decimals
from chiso.reports import tables as t
from chiso.reports.content import Block, table_marker

# 001 l.7: the national basis every DTI plan cites before the framework's own decision.
NATIONAL_BASIS = (
    "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ về phê duyệt “Chương trình "
    "chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”"
)
# 001 l.7: what Quyết định 405/QĐ-BKHCN approves (the framework's legal basis and issuer are data).
FRAMEWORK_SUBJECT = (
    "phê duyệt Đề án “Xác định Bộ chỉ số đánh giá chuyển đổi số của các bộ, cơ quan ngang bộ, cơ quan "
    "thuộc Chính phủ, các tỉnh, thành phố trực thuộc Trung ương và của quốc gia”"
)
# 001 l.9: the province's own basis for its plan of a year, as the plan cites it.
PROVINCE_BASIS = {
    ("Đồng Tháp", 2026): (
        "Căn cứ Kế hoạch số 283/KH-UBND ngày 24/9/2025 của Ủy ban nhân dân tỉnh về thực hiện Nghị quyết "
        "số 71/NQ-CP ngày 01/4/2025 của Chính phủ và Chương trình hành động số 10-CTr/TU ngày 13/8/2025 "
        "của Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị "
        "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn tỉnh "
        "Đồng Tháp;"
    ),
}
# 001 l.17: "phân đấu chỉ số chuyển đổi số cấp tỉnh đạt từ 0.7 trở lên" (700 of 1.000 points),
# written the Vietnamese way; 001 sets no rank to reach, only this index.
INDEX_AIM = "0,7"


def intro(fw, place: str, year: int) -> list[str]:
    """The legal basis and the opening sentence (001 l.7-11)."""
    framework = f"; {fw.legal_basis} của Bộ trưởng {fw.issuer} {FRAMEWORK_SUBJECT}" if fw.legal_basis else ""
    return [
        line
        for line in (
            f"Căn cứ {NATIONAL_BASIS}{framework};",
            PROVINCE_BASIS.get((place, year + 1), ""),
            (
                "Với mục tiêu tiếp tục nâng cao chỉ số chuyển đổi số (DTI) cấp tỉnh, đẩy mạnh công tác xây dựng "
                "chính quyền số, kinh tế số, xã hội số, Ủy ban nhân dân tỉnh ban hành Kế hoạch nâng cao chỉ số "
                f"chuyển đổi số trên địa bàn tỉnh {place} năm {year + 1}, cụ thể như sau:"
            ),
        )
        if line
    ]


def aims(fw, year: int) -> list[Block]:
    """Section I (001 l.13-25): the aims, with the index to reach, and the requirements."""
    decision = f" tại {fw.legal_basis} của {fw.issuer}" if fw.legal_basis else ""
    return [
        Block("I. MỤC ĐÍCH, YÊU CẦU", 1),
        Block("1. Mục đích", 2),
        Block(
            "a) Đánh giá các kết quả đạt được, hạn chế, nguyên nhân, tiêu chí thành phần chưa đạt của kết quả "
            f"chỉ số chuyển đổi số năm {year} (đánh giá số liệu năm {year - 1}) và ước kết quả đạt được chỉ số "
            f"chuyển đổi số năm {year + 1} (đánh giá số liệu năm {year}) và đưa ra giải pháp nâng cao hiệu quả, "
            "phân công rõ trách nhiệm thực hiện trong thời gian tới; phấn đấu chỉ số chuyển đổi số cấp tỉnh "
            f"đạt từ {INDEX_AIM} trở lên."
        ),
        Block(
            "b) Nâng cao trách nhiệm của người đứng đầu các cơ quan, đơn vị trong chỉ đạo, điều hành và tổ chức "
            "thực hiện công tác chuyển đổi số; phân công nhiệm vụ các cơ quan, đơn vị chủ trì thực hiện hiệu quả "
            f"các chỉ số thành phần của DTI{decision}."
        ),
        Block("2. Yêu cầu", 2),
        Block(
            "a) Yêu cầu các cơ quan, đơn vị và các doanh nghiệp có liên quan tăng cường công tác phối hợp, cung "
            "cấp thông tin kịp thời liên quan đến chuyển đổi số; xác định việc hoàn thành các chỉ tiêu, nhiệm vụ "
            "được giao góp phần trong việc nâng cao chỉ số DTI của tỉnh."
        ),
        Block(
            "b) Duy trì các tiêu chí đã đạt điểm cao; phân công rõ trách nhiệm của từng cơ quan, đơn vị và nghiêm "
            "túc thực hiện các nhiệm vụ đã đề ra nhằm đảm bảo cải thiện, nâng cao các nhóm tiêu chí đạt điểm "
            "thấp, chưa đạt điểm."
        ),
    ]


def body(fw, place: str, options, rank: str, bang1, bang2, pl1, pl2) -> list[Block]:
    year = options.year
    blocks = aims(fw, year)
    blocks += [
        Block("II. ĐÁNH GIÁ HIỆN TRẠNG, GIẢI PHÁP THỰC HIỆN CHỈ SỐ DTI", 1),
        Block(
            f"Theo báo cáo chỉ số đánh giá chuyển đổi số (DTI) năm {year - 1} của {fw.issuer or 'Bộ'}, gồm "
            f"{fw.groups.count()} chỉ số chính và {fw.indicators.count()} chỉ số thành phần"
            + (f", tỉnh {place} xếp hạng {rank} về chỉ số DTI cấp tỉnh" if rank else "")
            + ". Trong đó, kết quả từng chỉ tiêu đạt được như sau:"
        ),
        Block(table_marker(bang1.key)),
        Block(
            (f"Căn cứ theo {fw.legal_basis} của {fw.issuer} {FRAMEWORK_SUBJECT}, d" if fw.legal_basis else "D")
            + f"ự kiến kết quả chỉ số chuyển đổi số năm {year} của tỉnh {place}:"
        ),
        Block(table_marker(bang2.key)),
        Block(assessment(fw, options, pl1)),
        Block(f"III. NỘI DUNG THỰC HIỆN NÂNG CAO CHỈ SỐ DTI NĂM {year + 1} (chi tiết {pl2.label})", 1),
        Block("IV. KINH PHÍ THỰC HIỆN", 1),
        Block(
            "Nguồn kinh phí thực hiện kế hoạch: sử dụng từ nguồn ngân sách nhà nước theo phân cấp quản lý "
            "ngân sách và các nguồn vốn hợp pháp khác (nếu có)."
        ),
        Block("V. TỔ CHỨC THỰC HIỆN", 1),
    ]
    blocks += assignments(fw, year + 1, pl2.label)
    return blocks


def assessment(fw, options, pl1) -> str:
    """The paragraph after Bảng 2 (001 l.60): how many sub-indicators are below full points (Phụ
    lục I's count) and the pillars that lose most, with the points they lose."""
    from chiso.orgunits.models import OrgUnit
    from chiso.reports.dti_plan import shortfalls

    year = options.year
    below = pl1.items if pl1.items is not None else sum(1 for r in pl1.rows if not r.heading)
    if not below:
        return f"Không có chỉ số thành phần nào chưa đạt điểm tối đa ({pl1.label})."
    lost: dict[str, tuple[str, Decimal]] = {}
    for s in shortfalls(fw, OrgUnit.objects.get(code=options.unit), str(year - 1)):
        group = s.indicator.group  # type: ignore[attr-defined]
        name, total = lost.get(group.code, (group.name, Decimal(0)))
        lost[group.code] = (name, total + s.lost)
    worst = sorted(lost.values(), key=lambda pair: pair[1], reverse=True)[:3]
    pillars = ", ".join(f"{name[:1].lower()}{name[1:]} (mất {t.points(points).text} điểm)" for name, points in worst)
    return (
        f"Trong các nhóm tiêu chí DTI năm {year - 1} và {year}, có {below} chỉ số thành phần chưa đạt điểm "
        f"tối đa, thuộc lĩnh vực quản lý của các sở, ban, ngành; mất nhiều điểm nhất là các nhóm: {pillars} "
        f"(chi tiết {pl1.label})."
    )


def assignments(fw, plan_year: int, tasks_label: str) -> list[Block]:
    """Section V, generated from the plan's tasks: for each lead agency in the plan's order its
    lettered items (001 l.66-190), then the paragraph for all agencies with the date by which the
    figures of Phụ lục II are due (001 l.192, the task's own deadline)."""
    tasks = _plan_tasks(fw, plan_year)
    agency_items = [x for x in tasks if _section(x) == "V" and x.heading]
    general = [x for x in tasks if _section(x) == "V" and not x.heading]
    blocks: list[Block] = []
    if agency_items:
        for n, (_, grouped) in enumerate(groupby(agency_items, key=lambda x: x.heading), 1):
            items = list(grouped)
            blocks.append(Block(f"{n}. {items[0].lead_text}", 2))
            blocks += [Block(_lettered(x)) for x in items]
    else:
        blocks += _by_lead(tasks)
    if general:
        blocks += [Block(vietnamese_decimals(x.description)) for x in general]
    else:
        blocks.append(
            Block(
                f"Các cơ quan, đơn vị chủ trì thực hiện các nhiệm vụ tại {tasks_label}; cung cấp đầy đủ số liệu "
                "theo chỉ tiêu được giao và gửi về Sở Khoa học và Công nghệ tổng hợp, báo cáo Ủy ban nhân "
                "dân tỉnh, Bộ Khoa học và Công nghệ theo quy định."
            )
        )
    return blocks


def _plan_tasks(fw, plan_year: int) -> list:
    """The tasks of the plans that serve this framework in the plan year, in the plan's order."""
    from chiso.tasks.models import Task, TaskIndicator

    datasets = TaskIndicator.objects.filter(indicator__framework=fw, task__plan_year=plan_year).values("task__dataset")
    return list(Task.objects.filter(plan_year=plan_year, dataset__in=datasets).order_by("dataset__code", "position"))


def _section(task) -> str:
    """ "V" for an item of section V ("V.8" in the task's source), "" for a row of an appendix."""
    return str((task.source or {}).get("section") or "").split(".", 1)[0]


def _lettered(task) -> str:
    letter = (task.source or {}).get("row")
    text = vietnamese_decimals(task.description.rstrip())  # 001 writes "0.5%": printed "0,5%"
    # "đến hết năm 2026" is already in the sentence of 001 l.108; a deadline is said once.
    deadline = f" (thời hạn: {task.deadline_text})" if task.deadline_text and task.deadline_text not in text else ""
    return f"{letter}) {text}{deadline}" if letter else f"{text}{deadline}"


def _by_lead(tasks) -> list[Block]:
    """Without section V items, the appendix's tasks grouped by their lead, each with its deadline."""
    rows = sorted((x for x in tasks if x.lead_text), key=lambda x: (x.lead_text, x.position))
    blocks: list[Block] = []
    for n, (lead, items) in enumerate(groupby(rows, key=lambda x: x.lead_text), 1):
        blocks.append(Block(f"{n}. {lead}", 2))
        for x in items:
            deadline = f" (thời hạn: {x.deadline_text})" if x.deadline_text else ""
            blocks.append(Block(f"- {x.title.rstrip('. ')}{deadline}."))
    return blocks


def closing(place: str, year: int) -> str:
    """001 l.194."""
    return (
        "Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị các cơ quan, đơn vị, địa phương "
        "phản ánh về Sở Khoa học và Công nghệ để phối hợp giải quyết; trường hợp vượt thẩm quyền, Sở "
        "Khoa học và Công nghệ tổng hợp báo cáo và đề xuất, trình Ủy ban nhân dân tỉnh xem xét, quyết định./."
    )
