"""Tasks (000 Phụ lục V) and investment projects (000 Phụ lục VI) as appendices.

Project sums are added up by `chiso.tasks.queries.project_totals`, never read from the source's
printed subtotals. An appendix with nothing to show says so.
"""

from __future__ import annotations

from chiso.engine.periods import Period
from chiso.reports import tables as t


def _tasks_for(period: Period):
    from chiso.tasks.models import Task

    return list(
        Task.objects.filter(plan_year=period.start.year).select_related("dataset").order_by("dataset__code", "position")
    )


def tasks_appendix(key: str, period: Period, subtitle: str) -> t.Appendix:
    """000 Phụ lục V: each heading once with its printed numeral ("I", "A", "2"), each task with
    its number as printed under it ("2.1", not "I.2.1"), under the title the task list prints."""
    columns = [
        t.Column("TT", 10, align="center"),
        t.Column("Nhiệm vụ", 40),
        t.Column("Kết quả, sản phẩm", 28),
        t.Column("Thời gian hoàn thành", 18, align="center"),
        t.Column("Cơ quan thực hiện", 24),
        t.Column("Cơ quan phối hợp", 24),
        t.Column(f"Kết quả thực hiện đến {period.label.lower()}", 40),
    ]
    tasks = _tasks_for(period)
    rows: list[t.Row] = []
    shown: list[str] = []  # the heading path already printed
    for task in tasks:
        path = [p for p in task.heading.split(HEADING_SEPARATOR) if p] if task.heading else []
        numerals = _row_parts(task)[: len(path)]
        same = 0
        while same < min(len(path), len(shown)) and path[same] == shown[same]:
            same += 1
        for level in range(same, len(path)):
            numeral = numerals[level] if level < len(numerals) else ""
            rows.append(
                t.Row([t.text(numeral, bold=True), t.text(path[level], bold=True)] + [t.blank()] * 5, heading=True)
            )
        shown = path
        rows.append(
            t.Row(
                [
                    t.text(_stt(task, len(path))),
                    t.text(task.description),
                    t.text(task.expected_output),
                    t.text(task.deadline_text),
                    t.text(task.lead_text),
                    t.text(task.coordinating_text),
                    t.text(task.status_text or task.get_status_display()),
                ]
            )
        )
    return t.Appendix(
        key=key,
        label=f"Phụ lục {key}",
        title=_tasks_title(tasks, period),
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        empty_message=f"Không có dữ liệu: chưa có nhiệm vụ nào của kế hoạch năm {period.start.year}.",
    )


# How the loader joins a task's heading path ("CÔNG TÁC CHỈ ĐẠO… › Thực hiện kiểm tra…").
HEADING_SEPARATOR = " › "


def _tasks_title(tasks, period: Period) -> str:
    """The title the task list prints (000: "… CỦA UỶ BAN QUỐC GIA VỀ CHUYỂN ĐỔI SỐ TẠI QUYẾT ĐỊNH
    SỐ 58/QĐ-UBNQGCĐS NGÀY 19/4/2024"), else one naming the plan the tasks come from."""
    dataset = tasks[0].dataset if tasks else None
    printed = (dataset.source or {}).get("table", "") if dataset else ""
    if printed:
        return printed
    plan = f" THEO {tasks[0].plan.upper()}" if tasks and tasks[0].plan else ""
    return f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM {period.start.year}{plan}"


def _row_parts(task) -> list[str]:
    """The printed row number split at its dots, each part's number only: "III.B.5 (không số)"
    → ["III", "B", "5"]."""
    row = str((task.source or {}).get("row") or "")
    return [part.split(" ")[0] for part in row.split(".")] if row else []


def _stt(task, depth: int) -> str:
    """The task's number as printed under its headings: "I.2.1" → "2.1", "III.B.1.1" → "1.1",
    "III.A.1" → "1"; a row printed without one stays blank."""
    row = str((task.source or {}).get("row") or "")
    if not row:
        return str(task.position)
    if "(" in row:
        return ""
    parts = row.split(".")
    # Below the top heading (I, II …), lettered sub-headings (A, B) are not part of the number.
    own = [p for p in parts[1:] if not p.isalpha()] if depth else parts
    return ".".join(own) or row


def tasks_sentence(appendix: t.Appendix) -> str:
    tasks = [r for r in appendix.rows if not r.heading]
    if not tasks:
        return "Chưa có dữ liệu nhiệm vụ trong kỳ"
    return f"Theo dõi {len(tasks)} nhiệm vụ chuyển đổi số"


def projects_appendix(key: str, subtitle: str) -> t.Appendix:
    from chiso.tasks.queries import project_totals

    groups, overall = project_totals()
    columns = [
        t.Column("STT", 10, align="center"),
        t.Column("Tên chương trình, đề án, dự án, nhiệm vụ", 48),
        t.Column("Khái toán kinh phí", 18, align="right"),
        t.Column("ĐTPT (TW)", 16, group="Trong đó", align="right"),
        t.Column("ĐTPT (ĐP)", 16, group="Trong đó", align="right"),
        t.Column("Thời gian thực hiện", 16, align="center"),
        t.Column("Đơn vị chủ trì", 20),
        t.Column("Tình hình thực hiện", 40),
    ]
    rows = []
    if overall is not None and overall.computed.count:
        b = overall.computed
        rows.append(
            t.Row(
                [
                    t.blank(),
                    t.text(f"TỔNG CỘNG ({b.count} dự án)", bold=True),
                    _money(b.total, True),
                    _money(b.central, True),
                    _money(b.local, True),
                ]
                + [t.blank()] * 3,
                total=True,
            )
        )
    for g in groups:
        b = g.computed
        rows.append(
            t.Row(
                [
                    t.text(g.group.code.rsplit(".", 1)[-1], bold=True),
                    t.text(g.group.title, bold=True),
                    _money(b.total, True),
                    _money(b.central, True),
                    _money(b.local, True),
                ]
                + [t.blank()] * 3,
                heading=True,
            )
        )
        for p in g.projects:
            rows.append(
                t.Row(
                    [
                        t.text(str((p.source or {}).get("row") or p.position)),
                        t.text(p.name),
                        _money(p.total),
                        _money(p.central),
                        _money(p.local),
                        t.text(p.period_text),
                        t.text(p.lead_text),
                        t.text(p.status_text),
                    ]
                )
            )
    return t.Appendix(
        key=key,
        label=f"Phụ lục {key}",
        title="KẾT QUẢ TRIỂN KHAI CÁC DỰ ÁN ĐẦU TƯ THEO ĐỀ ÁN CHUYỂN ĐỔI SỐ",
        subtitle=subtitle,
        unit_note="ĐVT: Triệu đồng",
        columns=columns,
        rows=rows,
        empty_message="Không có dữ liệu: chưa có dự án đầu tư nào.",
    )


def _money(amount, bold: bool = False) -> t.Cell:
    if amount is None:
        return t.blank()
    return t.points(amount, bold=bold) if amount % 1 else t.count(int(amount), bold=bold)


def projects_sentence(appendix: t.Appendix) -> str:
    total = next((r for r in appendix.rows if r.total), None)
    if total is None:
        return "Chưa có dữ liệu dự án đầu tư"
    return (
        f"{total.cells[1].text.capitalize()}: tổng khái toán {total.cells[2].text} triệu đồng, "
        f"trong đó vốn đầu tư phát triển trung ương {total.cells[3].text or '0'} triệu đồng, "
        f"địa phương {total.cells[4].text or '0'} triệu đồng"
    )
