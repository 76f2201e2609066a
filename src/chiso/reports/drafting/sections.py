"""The paragraphs of each section of 000's structure: an area's indicators (chính quyền số, kinh
tế số, xã hội số, a sector's programme), the tasks, the projects and the units' reporting."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from chiso.engine.evaluation import Status
from chiso.engine.numbers import Quantity, vietnamese_decimals
from chiso.engine.periods import LATE, ON_TIME, YEAR, Period
from chiso.reports.drafting import comparisons as c
from chiso.reports.drafting.notes import lower_first, printable
from chiso.reports.drafting.outlook import outlook_sentence
from chiso.reports.models import DEFAULT_SENTENCE
from chiso.reports.results import FrameworkResults, IndicatorResult

# 000's headings for the areas of a plan's groups.
_AREA_HEADINGS = {
    "chính quyền số": "Xây dựng chính quyền số",
    "kinh tế số": "Phát triển kinh tế số",
    "xã hội số": "Phát triển xã hội số",
}


def area_heading(group_name: str) -> str:
    """ "Chính quyền số" → "Xây dựng chính quyền số"; other groups keep their name.

    >>> area_heading("Kinh tế số"), area_heading("Hạ tầng số")
    ('Phát triển kinh tế số', 'Hạ tầng số')
    """
    return _AREA_HEADINGS.get(group_name.strip().lower(), group_name)


def plan_title(framework_name: str, p: Period) -> str:
    """What a summary line compares with, as 000 writes it.

    >>> from chiso.engine.periods import parse_period
    >>> plan_title("Đề án chuyển đổi số tỉnh Đồng Tháp", parse_period("2024"))
    'Kế hoạch chuyển đổi số năm 2024'
    >>> plan_title("Đề án chuyển đổi số ngành Y tế", parse_period("2021-2025"))
    'Đề án chuyển đổi số ngành Y tế (kế hoạch 5 năm 2021 - 2025)'
    """
    if p.kind == YEAR:
        return f"Kế hoạch chuyển đổi số {c.period_words(p)}"
    return f"{framework_name} ({c.plan_words(p)})"


def area_paragraphs(results: FrameworkResults, rows: list[IndicatorResult], templates: dict[str, str]) -> list[str]:
    """An area's indicators in the order a report tells them: what rose or was met, those that
    held the same figure and met their targets (one sentence), then the misses with their cause
    and year-end outlook, then those without a figure this period."""
    from chiso.reports.narrative import has_figure, sentence

    templates = {code: text for code, text in templates.items() if text != DEFAULT_SENTENCE}
    with_figure = [r for r in rows if has_figure(r, results)]
    same = [r for r in with_figure if r.code not in templates and c.unchanged_and_met(r, results)]
    misses = [r for r in with_figure if c.missed(r, results) and r not in same]
    others = [r for r in with_figure if r not in same and r not in misses]
    others.sort(key=lambda r: not c.rose(r, results))

    def one(r: IndicatorResult) -> str:
        template = templates.get(r.code, "")
        # The office's own sentence opens the paragraph, unless it would print a text result
        # where its wording expects a number ("… đạt Có, nhưng chưa ứng dụng AI").
        usable = template and (isinstance(r.readings.get(results.period.id), Quantity) or "{value}" not in template)
        return c.paragraph(r, results, sentence(template, r, results) if usable else None)

    plainly = {r.code: key for r in others if r.code not in templates and (key := _plainly_met(r, results))}
    together: dict[tuple[str, Status], list[IndicatorResult]] = {}
    for r in others:
        if r.code in plainly:
            together.setdefault(plainly[r.code], []).append(r)
    alone = [r for r in others if len(together.get(plainly.get(r.code, ("", Status.MET)), [])) < 2]
    out = [one(r) for r in alone]
    out += [_met_together(key, members, results) for key, members in together.items() if len(members) > 1]
    out += _held(same, results)
    if misses:
        out.append(f"Còn {len(misses):02d} chỉ tiêu chưa đạt:" if len(misses) > 1 else "Còn 01 chỉ tiêu chưa đạt:")
        for r in misses:
            outlook = outlook_sentence(r, results)
            out.append(one(r) + (" " + outlook if outlook else ""))
    blank = [r for r in rows if not has_figure(r, results)]
    if blank:
        out.append(_without_figure(blank, results))
    return out


def _plainly_met(r: IndicatorResult, results: FrameworkResults) -> tuple[str, Status] | None:
    """(plan, verdict) of a figure met or exceeded against its one plan, with nothing earlier to
    compare with and figures agreeing with the verdict: such indicators are told together."""
    if not isinstance(r.readings.get(results.period.id), Quantity) or c.earlier_figures(r, results):
        return None
    judged = [(p, s) for p, s in r.statuses.items() if p in r.targets and s != Status.NOT_APPLICABLE]
    if len(judged) != 1:
        return None
    plan, status = judged[0]
    computed = r.computed.get(plan)
    agrees = computed is None or computed.status in (status, Status.NO_BASIS)
    return (plan, status) if status in (Status.MET, Status.EXCEEDED) and agrees else None


def _met_together(key: tuple[str, Status], rows: list[IndicatorResult], results: FrameworkResults) -> str:
    """ "Có 05 chỉ tiêu hoàn thành chỉ tiêu kế hoạch 5 năm 2021 - 2025: … (đạt 100%, chỉ tiêu 80%); …"."""
    plan_id, status = key
    plan = next(p for p in results.target_periods if p.id == plan_id)
    verb = "vượt" if status == Status.EXCEEDED else "hoàn thành"
    items = "; ".join(
        f"{r.name.strip().rstrip('.')} (đạt {c.figure(r, results)}, chỉ tiêu "
        f"{vietnamese_decimals(' '.join(r.targets[plan_id].split()))})"
        for r in rows
    )
    return f"Có {len(rows):02d} chỉ tiêu {verb} chỉ tiêu {c.plan_words(plan)}: {items}."


def _held(rows: list[IndicatorResult], results: FrameworkResults) -> list[str]:
    """Indicators that kept the same figure and met their targets, told together by figure."""
    groups: dict[tuple[str, str], list[IndicatorResult]] = {}
    for r in rows:
        earlier = c.earlier_figures(r, results)[0]
        groups.setdefault((c.figure(r, results), earlier.words), []).append(r)
    out = []
    for (value, since), members in groups.items():
        names = "; ".join(r.name.strip().rstrip(".") for r in members)
        if len(members) == 1:
            out.append(f"{names} giữ mức {value} như {since}, hoàn thành chỉ tiêu đề ra.")
        else:
            out.append(
                f"Có {len(members):02d} chỉ tiêu giữ mức {value} như {since} và hoàn thành chỉ tiêu đề ra: {names}."
            )
    return out


def _without_figure(rows: list[IndicatorResult], results: FrameworkResults) -> str:
    """The indicators without a figure this period, with the note saying why; many (a form that
    collects a few of a plan's indicators) are only counted."""
    when = c.period_words(results.period)
    if len(rows) > MANY:
        return f"Có {len(rows):02d} chỉ tiêu chưa có số liệu {when}."
    parts = []
    for r in rows:
        note = printable(r.note)
        parts.append(r.name.strip().rstrip(".") + (f" ({lower_first(note).rstrip('.')})" if note else ""))
    head = "Chỉ tiêu chưa có số liệu" if len(rows) == 1 else f"Có {len(rows):02d} chỉ tiêu chưa có số liệu"
    return f"{head} {when}: " + "; ".join(parts) + "."


# Past this many, a list of names in one sentence stops being read: the rest are counted.
MANY = 8


# --- tasks and projects ------------------------------------------------------------------------


@dataclass
class WorkInHand:
    """The year's tasks and the investment projects, read once for sections I and III."""

    tasks: list = field(default_factory=list)
    overdue: list = field(default_factory=list)  # open tasks past their due day on the report's day
    projects: list = field(default_factory=list)
    due_this_year: list[str] = field(default_factory=list)  # projects expected to finish this year


def work_in_hand(year: int, day: datetime.date) -> WorkInHand:
    from chiso.tasks.models import Project, ProjectEventKind, Task
    from chiso.tasks.queries import latest_event

    tasks = list(Task.objects.filter(plan_year=year).prefetch_related("lead_units"))
    projects = list(Project.objects.prefetch_related("events"))
    due = []
    for p in projects:
        event = latest_event(p)
        expected = event is not None and event.kind == ProjectEventKind.EXPECTED_COMPLETION
        if expected and year in (event.year, event.date and event.date.year):
            due.append(" ".join(p.name.split()))
    return WorkInHand(tasks, [t for t in tasks if t.overdue_on(day)], projects, due)


def tasks_paragraphs(work: WorkInHand, year: int, day: datetime.date) -> list[str]:
    """How the year's tasks stand on the report's day, and the overdue ones by lead unit."""
    from chiso.tasks.models import TaskStatus

    tasks, overdue = work.tasks, work.overdue
    if not tasks:
        return [f"Chưa có nhiệm vụ chuyển đổi số nào của kế hoạch năm {year} được cập nhật."]
    by_status = Counter(t.get_status_display() for t in tasks)
    order = [s.label for s in TaskStatus]
    statuses = "; ".join(f"{by_status[s]:02d} nhiệm vụ {s[:1].lower()}{s[1:]}" for s in order if by_status.get(s))
    out = [f"Theo dõi {len(tasks)} nhiệm vụ chuyển đổi số năm {year}, trong đó: {statuses}."]
    if not overdue:
        out.append(f"Đến ngày {day:%d/%m/%Y}, không có nhiệm vụ nào quá hạn.")
        return out
    leads, central = _overdue_leads(overdue)
    waiting = sum(t.status == TaskStatus.WAITING for t in overdue)
    why = f", trong đó {waiting:02d} nhiệm vụ đang chờ văn bản hướng dẫn" if waiting else ""
    text = (
        f"Đến ngày {day:%d/%m/%Y}, còn {len(overdue):02d}/{len(tasks)} nhiệm vụ đã quá thời hạn "
        f"hoàn thành nhưng chưa hoàn thành{why}"
    )
    ranked = sorted(leads.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked:
        listed = "; ".join(f"{name} ({n:02d} nhiệm vụ)" for name, n in ranked[:MANY])
        more = f" và {len(ranked) - MANY:02d} đơn vị khác" if len(ranked) > MANY else ""
        text += f". Theo đơn vị chủ trì của tỉnh: {listed}{more}"
    if central:
        text += f"; ngoài ra {central:02d} nhiệm vụ do bộ, ngành Trung ương chủ trì, tỉnh phối hợp thực hiện"
    out.append(text + ".")
    return out


def _overdue_leads(overdue: list) -> tuple[Counter[str], int]:
    """Overdue tasks by the province's lead unit, and how many a ministry leads alone."""
    from chiso.orgunits.models import OrgUnit

    leads: Counter[str] = Counter()
    central = 0
    for t in overdue:
        units = list(t.lead_units.all())
        own = [u.name for u in units if u.type != OrgUnit.Type.TINH]
        if own:
            leads.update(own)
        elif units:
            leads["các sở, ngành, địa phương của tỉnh"] += 1
        else:
            central += 1
    return leads, central


def projects_paragraphs(work: WorkInHand, year: int) -> list[str]:
    """Where the investment projects stand, by the latest recorded step of each."""
    from chiso.tasks.queries import latest_event

    if not work.projects:
        return []
    named = _project_steps()
    steps: Counter[str] = Counter()
    for p in work.projects:
        event = latest_event(p)
        steps[
            named.get(event.kind, "dự kiến trình trong thời gian tới") if event else "chưa trình chủ trương đầu tư"
        ] += 1
    parts = "; ".join(f"{n:02d} dự án {step}" for step, n in steps.most_common())
    out = [f"Trong {len(work.projects)} dự án: {parts}."]
    if work.due_this_year:
        out.append(f"Các dự án dự kiến hoàn thành trong năm {year}: " + "; ".join(work.due_this_year) + ".")
    return out


def _project_steps() -> dict[str, str]:
    from chiso.tasks.models import ProjectEventKind as K

    return {
        K.COMPLETED: "đã hoàn thành",
        K.EXPECTED_COMPLETION: "đang triển khai",
        K.APPROVED: "đã được phê duyệt chủ trương đầu tư",
        K.APPRAISED: "đã thẩm định hoặc đang thẩm định chủ trương đầu tư",
        K.APPRAISAL_MEETING: "đã thẩm định hoặc đang thẩm định chủ trương đầu tư",
        K.SUBMITTED: "đang trình, lấy ý kiến thẩm định",
        K.RESUBMITTED: "đang trình, lấy ý kiến thẩm định",
        K.CONSULTATION: "đang trình, lấy ý kiến thẩm định",
        K.PLANNED_SUBMISSION: "dự kiến trình trong thời gian tới",
    }


# --- section III -------------------------------------------------------------------------------


def direction_paragraphs(main: FrameworkResults, work: WorkInHand, labels: tuple[str, str], rows) -> list[str]:
    """Section III drawn from what the report found: the year's misses (those the monthly pace will
    not bring to target by 31 December named), the overdue tasks, the projects due this year, and
    the units' reporting."""
    from chiso.reports.drafting.outlook import year_end

    tasks_label, projects_label = labels
    year = main.period.end.year
    annual = next((p for p in main.target_periods if p.kind == YEAR), None)
    out = []
    if annual is not None:
        missed = [r for r in main.rows if r.statuses.get(annual.id) == Status.NOT_MET]
        short = [r for r in missed if (y := year_end(r, main)) is not None and not y.outlook.reaches]
        if missed:
            text = (
                f"- Tập trung các giải pháp nâng cao kết quả {len(missed):02d} chỉ tiêu chưa đạt "
                f"{c.plan_words(annual)} nêu tại mục II"
            )
            if short and len(short) == len(missed):
                text += f"; theo tiến độ hiện nay, các chỉ tiêu này khó đạt đến ngày 31/12/{year}"
            elif short:
                names = "; ".join(r.name.strip().rstrip(".") for r in short[:MANY])
                text += f", nhất là các chỉ tiêu theo tiến độ hiện nay khó đạt đến ngày 31/12/{year}: {names}"
            out.append(text + ".")
    out.append("- Tiếp tục duy trì và nâng cao kết quả các chỉ tiêu đã đạt và vượt.")
    if work.overdue:
        out.append(
            f"- Đôn đốc các đơn vị chủ trì khẩn trương hoàn thành {len(work.overdue):02d} nhiệm vụ đã quá hạn "
            f"({tasks_label}); thường xuyên cập nhật tình hình thực hiện các nhiệm vụ còn lại."
        )
    if work.due_this_year:
        out.append(
            f"- Đẩy nhanh tiến độ {len(work.due_this_year):02d} dự án dự kiến hoàn thành trong năm {year} "
            f"({projects_label})."
        )
    if any(r.timeliness not in (ON_TIME,) for r in rows):
        out.append("- Đôn đốc các đơn vị gửi báo cáo chuyển đổi số hằng tháng đúng hạn, đầy đủ số liệu.")
    return out


# --- the units' reporting ----------------------------------------------------------------------


def reporting_paragraphs(rows) -> list[str]:
    """Who sent the period's report, who was late (with the day) and who has not sent it."""
    if not rows:
        return []
    late = [r for r in rows if r.timeliness == LATE]
    on_time = sum(r.timeliness == ON_TIME for r in rows)
    missing = [r.unit_name for r in rows if r.timeliness not in (ON_TIME, LATE)]
    sent = len(rows) - len(missing)
    if not late and not missing:
        out = [f"Tất cả {sent}/{len(rows)} đơn vị đã gửi báo cáo đúng hạn."]
    elif not late:
        out = [f"Có {sent}/{len(rows)} đơn vị gửi báo cáo, tất cả đều đúng hạn."]
    else:
        told = f"Có {sent}/{len(rows)} đơn vị gửi báo cáo, trong đó {on_time} đơn vị gửi đúng hạn, "
        out = [told + f"{len(late)} đơn vị gửi trễ hạn."]
    if late:
        named = "; ".join(
            r.unit_name + (f" (ngày {r.document_date:%d/%m/%Y})" if r.document_date else "") for r in late
        )
        out.append(f"Các đơn vị gửi báo cáo trễ hạn: {named}.")
    if missing:
        out.append("Các đơn vị chưa gửi báo cáo: " + "; ".join(missing) + ".")
    return out
