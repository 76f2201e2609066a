"""Tasks and projects as .xlsx workbooks for the office (openpyxl).

Amounts are numbers with a Vietnamese display format, so Excel can add them up. Text is
always text: a cell that starts with = + - @ (task descriptions often start with "- ") is
written as a string, never as a formula.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from chiso.tasks.queries import SOURCES, project_totals

# Plain numbers; Excel shows the grouping with the reader's own separators (43.300 on a Vietnamese system).
AMOUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0##"
DATE_FORMAT = "dd/mm/yyyy"


def _put(ws, row: int, col: int, value) -> None:
    cell = ws.cell(row=row, column=col)
    if value is None:
        return
    if isinstance(value, Decimal):
        integral = value == value.to_integral()
        cell.value = int(value) if integral else float(value)
        cell.number_format = AMOUNT_FORMAT if integral else DECIMAL_FORMAT
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = AMOUNT_FORMAT
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = str(value)
        cell.data_type = "s"  # "=SUM(…)" or "- Báo cáo …" stays text, not a formula
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(wb: Workbook, title: str, headers: list[str], rows) -> None:
    ws = wb.create_sheet(title)
    for col, h in enumerate(headers, 1):
        ws.cell(row=1, column=col, value=h).font = Font(bold=True)
    for r, values in enumerate(rows, 2):
        for col, v in enumerate(values, 1):
            _put(ws, r, col, v)
    ws.freeze_panes = "A2"


TASK_HEADERS = [
    "Mã",
    "Nguồn",
    "Mục",
    "Nhiệm vụ",
    "Kết quả, sản phẩm",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn (như văn bản)",
    "Hạn (ngày cuối)",
    "Tình trạng",
    "Kết quả thực hiện",
    "Quá hạn",
    "Chỉ số",
]


def tasks_workbook(tasks, on: datetime.date) -> bytes:
    """One row per task, with its deadline as written and understood and whether it is overdue on ``on``."""
    wb = Workbook()
    wb.remove(wb.active)
    rows = []
    for t in tasks:
        late = t.overdue_on(on)
        rows.append(
            [
                t.code,
                t.plan or t.dataset.code,
                t.heading,
                (t.name + ": " if t.name else "") + t.description,
                t.expected_output,
                t.lead_text,
                t.coordinating_text,
                t.deadline_text,
                t.due_date,
                t.get_status_display(),
                t.status_text,
                "Quá hạn" if late else "",
                ", ".join(link.indicator.code for link in t.indicator_links.all()),
            ]
        )
    _sheet(wb, "Nhiệm vụ", TASK_HEADERS, rows)
    return _bytes(wb)


def projects_workbook(projects=None) -> bytes:
    """Projects by group with amounts by source, each group's sums, and the printed totals beside them."""
    wb = Workbook()
    wb.remove(wb.active)
    groups, overall = project_totals(projects)
    headers = [
        "Nhóm",
        "Mã",
        "Tên dự án",
        *[label + " (triệu đồng)" for _, label in SOURCES],
        "Thời gian thực hiện",
        "Đơn vị chủ trì",
        "Tình hình thực hiện",
    ]
    rows = []
    for g in groups:
        for p in g.projects:
            rows.append(
                [
                    g.group.code,
                    p.code,
                    p.name,
                    *[getattr(p, name) for name, _ in SOURCES],
                    p.period_text,
                    p.lead_text,
                    p.status_text,
                ]
            )
    _sheet(wb, "Dự án", headers, rows)
    total_rows = [
        [
            g.group.code,
            g.group.title,
            g.computed.count,
            *[getattr(g.computed, n) for n, _ in SOURCES],
            g.group.printed_total,
            g.group.printed_central,
            g.group.printed_local,
        ]
        for g in groups
    ]
    if overall:
        total_rows.append(
            [
                "Tổng cộng",
                overall.group.title,
                overall.computed.count,
                *[getattr(overall.computed, n) for n, _ in SOURCES],
                overall.group.printed_total,
                overall.group.printed_central,
                overall.group.printed_local,
            ]
        )
    _sheet(
        wb,
        "Tổng theo nhóm",
        [
            "Nhóm",
            "Tên nhóm",
            "Số dự án",
            *[label for _, label in SOURCES],
            "Khái toán (in)",
            "ĐTPT TW (in)",
            "ĐTPT ĐP (in)",
        ],
        total_rows,
    )
    return _bytes(wb)


def _bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
