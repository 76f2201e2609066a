"""A unit's own report against its own plan, in the form of 004 (Tháp Mười's 2023 report).

003 asks every district (after 1/7/2025 every commune) and every department for a semiannual and
an annual report on its own plan. Such a report is issued by the unit (see `issuers`), reports
its own plan's indicators with the figures in the words the unit wrote them ("3.662/4.393 hồ sơ
trực tuyến (cấp huyện), đạt 83,3%"), its summary line ("đạt và vượt 24/30 chỉ tiêu …"), the
indicators it missed, and the tasks and projects it leads — nothing of the province's.
"""

from __future__ import annotations

import re

from chiso.engine.evaluation import Status
from chiso.engine.periods import YEAR, Period
from chiso.reports import tables as t
from chiso.reports.content import Block
from chiso.reports.narrative import has_figure
from chiso.reports.results import FrameworkResults, IndicatorResult

# A percentage printed beside its count ratio is recorded as a second indicator whose name is
# the ratio's name followed by one of these ("hồ sơ trực tuyến (cấp huyện), tỷ lệ").
SHARE_SUFFIXES = (", tỷ lệ đạt", ", tỷ lệ")
# Names that are a quantity, not the thing counted: the figure follows them ("Tỷ lệ … đạt 96%").
QUANTITY_WORDS = {"tỷ lệ": "đạt", "tổng số": "là", "số": "là"}
# A code made of words joined by hyphens: the data's name for an indicator, not a printed number.
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)+")
# A plan named as a document is named as it is; a list of targets gets "các" before it.
PLAN_WORDS = ("Kế hoạch", "Chương trình", "Đề án")


def figure_sentences(results: FrameworkResults) -> list[str]:
    """One sentence per figure of the period, a ratio and its percentage in one sentence.

    >>> # "3.662/4.393" and "83,3%" -> "3.662/4.393 hồ sơ trực tuyến (cấp huyện), đạt 83,3%."
    """
    rows = [r for r in results.rows if has_figure(r, results)]
    shares = {_share_base(r.name): r for r in rows if _share_base(r.name)}
    used: set[str] = set()
    out = []
    for r in rows:
        if r.code in used:
            continue
        share = shares.get(r.name.rstrip(". ")) if "/" in _text(r, results) else None
        if share is not None:
            used.add(share.code)
            out.append(_sentence(r, results, f", đạt {_text(share, results)}"))
        elif _share_base(r.name):
            out.append(_capital(f"{_share_base(r.name)} đạt {_text(r, results)}."))
        else:
            out.append(_sentence(r, results))
    return out


def _share_base(name: str) -> str:
    name = name.rstrip(". ")
    for suffix in SHARE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return ""


def _text(row: IndicatorResult, results: FrameworkResults) -> str:
    return t.value(row.values.get(results.period.id, ""), results.locale).text


def _sentence(row: IndicatorResult, results: FrameworkResults, tail: str = "") -> str:
    """The figure before what it counts ("41 tổ …", "100% văn bản …", as 004 writes them), after a
    name that is itself a quantity ("Tỷ lệ … đạt trên 96%") or a subject ("Hệ thống …: 41")."""
    name, value = row.name.rstrip(". "), _text(row, results)
    lowered = name.lower()
    for word, verb in QUANTITY_WORDS.items():
        if lowered.startswith(word + " "):
            return _capital(f"{name} {verb} {value}{tail}.")
    first = name.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper():
        return _capital(f"{name}: {value}{tail}.")
    return _capital(f"{value} {name}{tail}.")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary_counts(results: FrameworkResults, unit, period: Period) -> tuple[int, int, int, int] | None:
    """(met or exceeded, total, exceeded, met) against the year's targets: counted from the
    evaluations of the appendix where the plan's targets are loaded, else the counts the unit
    itself printed (004 l.114: "đạt và vượt 24/30 chỉ tiêu …, có 11 chỉ tiêu vượt và 13 chỉ tiêu
    đạt"), whose per-indicator detail is not in the data."""
    from chiso.observations.models import WrittenSummary

    annual = next((p for p in results.target_periods if p.kind == YEAR), None)
    if annual is not None:
        counts = results.counts(annual.id)
        exceeded, met = counts[Status.EXCEEDED], counts[Status.MET] + counts[Status.MAINTAINED]
        return exceeded + met, len(results.rows), exceeded, met
    written = (
        WrittenSummary.objects.filter(unit=unit, period_id=period.id, framework__code=results.framework_code)
        .order_by("pk")
        .first()
    ) or WrittenSummary.objects.filter(unit=unit, period_id=period.id, framework__isnull=True).order_by("pk").first()
    counts = written.counts if written else {}
    if not counts.get("total"):
        return None
    exceeded, met = int(counts.get("exceeded", 0)), int(counts.get("met", 0))
    return int(counts.get("met_or_exceeded", exceeded + met)), int(counts["total"]), exceeded, met


def summary_sentence(results: FrameworkResults, unit, period: Period, appendix_label: str) -> str:
    """ "Trong năm 2023, huyện Tháp Mười đã thực hiện đạt và vượt 24/30 chỉ tiêu …" (004 l.114)."""
    from chiso.reports.issuers import in_text

    counts = summary_counts(results, unit, period)
    who = in_text(unit.name)
    if counts is None:
        return (
            f"{period.label} chưa có đánh giá các chỉ tiêu của {who} so với kế hoạch "
            f"(kết quả từng chỉ tiêu xem {appendix_label} đính kèm)."
        )
    reached, total, exceeded, met = counts
    return (
        f"Trong {period.label.lower()}, {who} đã thực hiện đạt và vượt {reached}/{total} chỉ tiêu "
        f"nhiệm vụ Kế hoạch đề ra, có {exceeded} chỉ tiêu vượt và {met} chỉ tiêu đạt "
        f"(chi tiết xem {appendix_label} đính kèm)."
    )


def missed_names(results: FrameworkResults, unit, period: Period) -> list[str]:
    """The indicators below the year's target: evaluated so in the appendix, or written so by the
    unit itself (004 l.379-391 lists six "chỉ tiêu chưa đạt" without their targets)."""
    from chiso.observations.models import WrittenEvaluation

    annual = next((p for p in results.target_periods if p.kind == YEAR), None)
    missed = [r.code for r in results.rows if annual and r.statuses.get(annual.id) == Status.NOT_MET]
    written = WrittenEvaluation.objects.filter(
        indicator__framework__code=results.framework_code, unit=unit, period_id=period.id, status=Status.NOT_MET.value
    ).values_list("indicator__code", flat=True)
    missed += [code for code in written if code not in missed]
    names = {r.code: r.name.rstrip(". ") for r in results.rows}
    return [_capital(_share_base(names[c]) or names[c]) for c in missed if c in names]


def unit_body(results: FrameworkResults, unit, period: Period, appendices: list[t.Appendix]) -> list[Block]:
    """Sections I–III of a unit's report in the order of 004: results (summary line, figures,
    tasks and projects), difficulties, direction."""
    plan = appendices[0]
    blocks = [
        Block("I. KẾT QUẢ THỰC HIỆN", 1),
        Block(f"1. Tình hình thực hiện mục tiêu {period.label.lower()}", 2),
        Block(summary_sentence(results, unit, period, plan.label)),
        Block(f"2. Kết quả thực hiện các chỉ tiêu {period.label.lower()}", 2),
    ]
    blocks += [Block(s) for s in figure_sentences(results)] or [Block("Chưa có số liệu trong kỳ.")]
    work = [a for a in appendices[1:] if a.key.startswith("own-")]
    if work:
        blocks.append(Block("3. Nhiệm vụ và dự án", 2))
        for a in work:
            count = sum(1 for r in a.rows if not r.heading and not r.total)
            blocks.append(Block(f"{a.title[:1]}{a.title[1:].lower()}: {count} (chi tiết xem {a.label} đính kèm)."))
    blocks.append(Block("II. KHÓ KHĂN, HẠN CHẾ", 1))
    missed = missed_names(results, unit, period)
    blocks.append(
        Block(f"Vẫn còn {len(missed):02d} chỉ tiêu chưa đạt theo kế hoạch đề ra: {'; '.join(missed)}.")
        if missed
        else Block("Không có chỉ tiêu chưa đạt theo kế hoạch đề ra.")
    )
    blocks += [
        Block("III. PHƯƠNG HƯỚNG, NHIỆM VỤ", 1),
        Block(
            "Tập trung thực hiện các chỉ tiêu chưa đạt nêu tại mục II; tiếp tục duy trì các chỉ tiêu "
            "đã đạt và vượt; thực hiện đúng tiến độ các nhiệm vụ, dự án được giao."
        ),
    ]
    return blocks


def own_tasks_appendix(key: str, unit, period: Period, subtitle: str) -> t.Appendix | None:
    """The tasks the unit leads in the period's plan year; None when it leads none."""
    from chiso.tasks.models import Task

    tasks = list(
        Task.objects.filter(plan_year=period.start.year, lead_units=unit).order_by("dataset__code", "position")
    )
    if not tasks:
        return None
    rows = [
        t.Row(
            [
                t.count(i),
                t.text(task.title),
                t.text(task.deadline_text),
                t.text(task.coordinating_text),
                t.text(task.status_text or task.get_status_display()),
            ]
        )
        for i, task in enumerate(tasks, 1)
    ]
    return t.Appendix(
        key=f"own-tasks-{key}",
        label=f"Phụ lục {key}",
        title=f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM {period.start.year}",
        subtitle=subtitle,
        columns=[
            t.Column("TT", 10, align="center"),
            t.Column("Nhiệm vụ", 60),
            t.Column("Thời gian hoàn thành", 20, align="center"),
            t.Column("Cơ quan phối hợp", 30),
            t.Column("Kết quả thực hiện", 50),
        ],
        rows=rows,
    )


def own_projects_appendix(key: str, unit, subtitle: str) -> t.Appendix | None:
    """The investment projects the unit leads; None when it leads none."""
    from chiso.tasks.models import Project

    projects = list(Project.objects.filter(lead_unit=unit).order_by("dataset__code", "position"))
    if not projects:
        return None
    rows = [
        t.Row(
            [
                t.count(i),
                t.text(p.name),
                t.points(p.total) if p.total is not None else t.blank(),
                t.text(p.period_text),
                t.text(p.status_text),
            ]
        )
        for i, p in enumerate(projects, 1)
    ]
    return t.Appendix(
        key=f"own-projects-{key}",
        label=f"Phụ lục {key}",
        title="KẾT QUẢ TRIỂN KHAI CÁC DỰ ÁN ĐẦU TƯ VỀ CHUYỂN ĐỔI SỐ",
        subtitle=subtitle,
        unit_note="ĐVT: Triệu đồng",
        columns=[
            t.Column("STT", 10, align="center"),
            t.Column("Tên dự án", 60),
            t.Column("Khái toán kinh phí", 22, align="right"),
            t.Column("Thời gian thực hiện", 20, align="center"),
            t.Column("Tình hình thực hiện", 50),
        ],
        rows=rows,
    )


def own_work_appendices(first: int, unit, period: Period, subtitle: str) -> list[t.Appendix]:
    """The unit's own tasks and projects as the appendices after its plan's, numbered from `first`."""
    from chiso.reports.content import roman

    out: list[t.Appendix] = []
    tasks = own_tasks_appendix(roman(first), unit, period, subtitle)
    if tasks is not None:
        out.append(tasks)
    projects = own_projects_appendix(roman(first + len(out)), unit, subtitle)
    if projects is not None:
        out.append(projects)
    return out


def intro(plan_name: str, issuer_words: str, period: Period) -> str:
    """004 l.6-8: "Thực hiện Kế hoạch số 2962/KH-UBND …, Ủy ban nhân dân huyện báo cáo kết quả …"."""
    plan = plan_name if plan_name.startswith(PLAN_WORDS) else f"các {plan_name[:1].lower()}{plan_name[1:]}"
    return f"Thực hiện {plan}, {issuer_words} báo cáo kết quả thực hiện chuyển đổi số {period.label.lower()} như sau:"


def closing(issuer_words: str, period: Period) -> str:
    """004 l.413-415: "Trên đây là Báo cáo kết quả thực hiện chuyển đổi số năm 2023 của Ủy ban nhân dân huyện Tháp Mười./."."""
    return f"Trên đây là Báo cáo kết quả thực hiện chuyển đổi số {period.label.lower()} của {issuer_words}./."


def results_title(plan_name: str) -> str:
    """The plan appendix's title: "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐỀ ÁN …", without saying "chỉ
    tiêu" twice when the plan is named by its targets ("Chỉ tiêu chuyển đổi số huyện …")."""
    name = plan_name[len("Chỉ tiêu ") :] if plan_name.lower().startswith("chỉ tiêu ") else plan_name
    return f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {name.upper()}"


def numbered(appendix: t.Appendix) -> t.Appendix:
    """Rows numbered 1, 2, … where the plan's own numbering is unknown: 004's plan is not in the
    data, so its indicators are known by descriptive codes («ho-so-truc-tuyen-cap-huyen»),
    which are not for print."""
    rows = [r for r in appendix.rows if not r.heading and not r.total]
    if not any(SLUG.fullmatch(r.cells[0].text) for r in rows):
        return appendix
    for n, r in enumerate(rows, 1):
        r.cells[0] = t.count(n)
    return appendix
