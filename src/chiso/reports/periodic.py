"""The periodic DX report in the structure of 000: narrative drafted from the data and seven
appendices (I plan results, II–IV sector programmes, V tasks, VI projects, VII submission log).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from chiso.engine.evaluation import Status
from chiso.engine.periods import LATE, ON_TIME, parse_period, today
from chiso.reports import charts, issuers, unit_report, work_items
from chiso.reports.content import (
    Block,
    Chart,
    Document,
    Header,
    area_name,
    roman,
)
from chiso.reports.drafting.comparisons import plan_words
from chiso.reports.narrative import heading_case, templates_for
from chiso.reports.results import (
    FrameworkResults,
    IndicatorResult,
    framework_results,
    results_appendix,
    target_title,
)
from chiso.reports.slips import tables_slips
from chiso.reports.submission_log import log_appendix, log_rows

MAIN_FRAMEWORK = "cds-dong-thap-2021-2025"
SECTOR_FRAMEWORKS = ("cds-nong-nghiep-dong-thap", "cds-y-te-dong-thap", "cds-giao-duc-dong-thap")


@dataclass
class PeriodicOptions:
    period: str
    framework: str = MAIN_FRAMEWORK
    sectors: tuple[str, ...] = SECTOR_FRAMEWORKS
    unit: str | None = None  # the province whose results are reported
    units: list[str] | None = None  # Phụ lục VII: only these reporting units (default all)
    date: datetime.date | None = None
    number: str = ""
    signer_name: str = ""
    trend_indicator: str | None = None  # the indicator whose trend is charted
    issuer_overrides: dict = field(default_factory=dict)


def default_unit(framework_code: str, period_id: str) -> str:
    """The unit with values of the framework in the period (the province of the plan); with none
    yet, the province that exists at the period's end (its report still lists who sent what)."""
    from chiso.observations.models import DataValue
    from chiso.orgunits.models import OrgUnit

    code = (
        DataValue.objects.filter(indicator__framework__code=framework_code, period_id=period_id, unit__isnull=False)
        .values_list("unit__code", flat=True)
        .order_by("unit__code")
        .first()
    )
    if code is not None:
        return code
    end = parse_period(period_id).end
    for province in OrgUnit.objects.filter(type=OrgUnit.Type.TINH, parent__isnull=True).order_by("code"):
        if province.is_active_on(end):
            return province.code
    raise LookupError(f"Chưa có tỉnh nào trong danh mục đơn vị để lập báo cáo kỳ {period_id}.")


def no_figures_sentence(period) -> str:
    """The one sentence a report says when the period has no figure yet."""
    return (
        f"{period.label} chưa có số liệu chỉ tiêu nào được Sở phê duyệt hoặc công bố; "
        "tình hình nhận báo cáo của các đơn vị xem phụ lục đính kèm."
    )


def written_summary(framework_code: str, unit_code: str, period_id: str) -> dict:
    """What a report of the period says in figures, for scripts: each indicator with a figure
    (its previous figure, targets and verdicts) and the summary line of the main framework."""
    main = framework_results(framework_code, unit_code, period_id)
    others = [
        framework_results(code, unit_code, period_id)
        for code in _collected_frameworks(unit_code, period_id)
        if code != framework_code
    ]
    period = main.period
    rows = [(r, results) for results in [main, *others] for r in results.rows if r.values.get(period.id)]
    summary = (
        "; ".join(f"So với {target_title(p)}: {main.summary(p.id)}" for p in main.target_periods)
        if rows
        else no_figures_sentence(period)
    )
    return {
        "period": period.id,
        "unit": unit_code,
        "framework": framework_code,
        "indicators": [_indicator_json(r, results) for r, results in rows],
        "summary": summary,
    }


def _indicator_json(r: IndicatorResult, results: FrameworkResults) -> dict:
    period = results.period
    return {
        "framework": results.framework_code,
        "code": r.code,
        "name": r.name,
        "value": r.values[period.id],
        "previous": r.values.get(period.previous().id, ""),
        "note": r.note,
        "targets": {target_title(p): r.targets[p.id] for p in results.target_periods if p.id in r.targets},
        "verdicts": {target_title(p): r.statuses[p.id].label for p in results.target_periods if r.statuses.get(p.id)},
    }


def build_periodic(options: PeriodicOptions) -> Document:
    """Everything the periodic report says, computed from the database."""
    from chiso.orgunits.models import OrgUnit

    period = parse_period(options.period)
    unit_code = options.unit or default_unit(options.framework, options.period)
    unit = OrgUnit.objects.get(code=unit_code)
    # A unit other than a province reports on its own plan in its own name (003, 004).
    own = unit.type != OrgUnit.Type.TINH
    day = issuers.report_day(unit, period.end, options.date)
    options = replace(options, date=day)  # the body (overdue tasks) is written as of the same day
    header = _header(unit, period, day, options)
    subtitle = f"(Kèm theo Báo cáo số {header.number} ngày       /{day.month:02d}/{day.year} của {header.issuer_words})"
    main = framework_results(options.framework, unit_code, options.period)
    collected = _collected_frameworks(unit_code, options.period)
    sectors = [
        framework_results(code, unit_code, options.period)
        for code in options.sectors
        if code in collected or _has_values(code, unit_code, options.period)
    ]
    sectors += [
        _collected_only(framework_results(code, unit_code, options.period))
        for code in collected
        if code != options.framework and code not in options.sectors
    ]
    plan_appendix = results_appendix(main, "I", unit_report.results_title(main.framework_name), subtitle)
    appendices = [unit_report.numbered(plan_appendix)]
    for i, s in enumerate(sectors, start=2):
        appendices.append(
            results_appendix(s, roman(i), f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {s.framework_name.upper()}", subtitle)
        )
    n = len(appendices)
    if own:
        appendices += unit_report.own_work_appendices(n + 1, unit, period, subtitle)
        body = unit_report.unit_body(main, unit, period, appendices)
    else:
        appendices.append(work_items.tasks_appendix(roman(n + 1), period, subtitle))
        appendices.append(work_items.projects_appendix(roman(n + 2), subtitle))
        appendices.append(log_appendix(options.period, roman(n + 3), subtitle, header.issuer_words, options.units))
        body = _body(main, sectors, appendices, options)
    chart = _trend_chart(main, options.trend_indicator)
    return Document(
        kind="periodic",
        header=header,
        intro=[
            unit_report.intro(main.framework_name, header.issuer_words, period)
            if own
            else (
                f"{header.issuer_words} báo cáo tình hình chuyển đổi số {period.label.lower()} "
                f"trên địa bàn {area_name(unit)} với các nội dung như sau:"
            )
        ],
        body=body,
        closing=unit_report.closing(header.issuer_words, period)
        if own
        else f"Trên đây là báo cáo tình hình chuyển đổi số {area_name(unit)} {period.label.lower()}./.",
        appendices=appendices,
        charts=[chart] if chart else [],
        flags=tables_slips([main, *sectors], appendices),
    )


def _collected_frameworks(unit_code: str, period_id: str) -> list[str]:
    """Other frameworks whose indicators the forms collected this period (e.g. DTI
    sub-indicators on the monthly form): the province's figures made from them, or the unit's
    own approved entries; the month's report shows those figures too."""
    from chiso.engine.values import Origin
    from chiso.observations.models import DataValue
    from chiso.observations.readings import figures
    from chiso.orgunits.models import OrgUnit

    rolled_up = DataValue.objects.filter(unit__code=unit_code, period_id=period_id, rollup__isnull=False)
    entered = figures(
        units=OrgUnit.objects.filter(code=unit_code),
        periods=[period_id],
        origins=[Origin.ENTERED],
        approved=True,
        judged=False,
    )
    return sorted(
        {
            *rolled_up.values_list("indicator__framework__code", flat=True),
            *(f.indicator.framework.code for f in entered),
        }
    )


def _collected_only(results: FrameworkResults) -> FrameworkResults:
    """Only the indicators that have a figure this period (3 of the DTI's 47, not 47 rows)."""
    rows = [r for r in results.rows if r.values.get(results.period.id)]
    groups = [g for g in results.groups if any(r.group_code == g[0] for r in rows)]
    return replace(results, rows=rows, groups=groups)


def _has_values(framework_code: str, unit_code: str, period_id: str) -> bool:
    from chiso.observations.models import DataValue

    return DataValue.objects.filter(
        indicator__framework__code=framework_code, unit__code=unit_code, period_id=period_id
    ).exists()


def _header(unit, period, day: datetime.date, options: PeriodicOptions) -> Header:
    """The province's report is the DX office's (000); a unit's own report is the unit's, with its
    People's Committee's header, place and signer as of ``day`` (004)."""
    issuer = issuers.issuer_for(unit, day)
    header = Header(
        parent_body=issuer.parent_body,
        issuer=issuer.name,
        number=options.number or f"        /BC-{issuer.symbol}",
        place=issuer.place,
        date=day,
        doc_type="BÁO CÁO",
        title=(
            f"Tình hình chuyển đổi số {period.label.lower()}"
            if unit.type == "tinh"
            else f"Kết quả thực hiện chuyển đổi số {period.label.lower()}"  # 004 l.1
        ),
        recipients=list(issuer.recipients),
        signer_authority=issuer.signer_authority,
        signer_title=issuer.signer_title,
        signer_name=options.signer_name,
        issuer_text=issuer.words,
    )
    for name, value in options.issuer_overrides.items():
        if value:
            setattr(header, name, value)
    return header


def _body(main: FrameworkResults, sectors: list[FrameworkResults], appendices, options) -> list[Block]:
    """Sections I–IV in 000's order, drafted from the data by `chiso.reports.drafting`."""
    from chiso.reports.drafting import sections as draft
    from chiso.reports.drafting.outlook import METHOD_NOTE, outlook_sentence
    from chiso.reports.drafting.unit_words import by_unit, unit_words

    day = options.date or today()
    year = main.period.start.year
    work = draft.work_in_hand(year, day)
    words = unit_words(options.period, options.units)
    log_of_period = log_rows(options.period, options.units)
    tasks, projects, log = appendices[-3:]
    blocks = [Block("I. KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ", 1)]
    n = 0
    if any(r.values.get(main.period.id) for r in main.rows):
        templates = templates_for(main.framework_code)
        for n, (code, name) in enumerate(main.groups, 1):
            blocks.append(Block(f"{n}. {draft.area_heading(heading_case(name))}", 2))
            rows = [r for r in main.rows if r.group_code == code]
            blocks += [Block(s) for s in draft.area_paragraphs(main, rows, templates)] or [
                Block("Chưa có số liệu trong kỳ.")
            ]
        n += 1
        blocks.append(Block(f"{n}. Kết quả so với chỉ tiêu {main.framework_name}", 2))
        blocks += _summary_blocks(main, "I")
        if any(outlook_sentence(r, main) for r in main.rows):
            blocks.append(Block(METHOD_NOTE))
    elif sectors:
        blocks.append(Block(f"Các chỉ tiêu {main.framework_name} chưa có số liệu trong kỳ."))
    else:
        blocks.append(Block(no_figures_sentence(main.period)))
    if sectors:
        n += 1
        blocks.append(Block(f"{n}. Kết quả chuyển đổi số các lĩnh vực trọng tâm", 2))
        for i, s in enumerate(sectors, 1):
            blocks.append(Block(f"{n}.{i}. {s.framework_name}", 3))
            blocks += [Block(x) for x in draft.area_paragraphs(s, s.rows, templates_for(s.framework_code))]
            blocks += _summary_blocks(s, roman(i + 1))
    n += 1
    blocks.append(Block(f"{n}. Kết quả thực hiện các nhiệm vụ chuyển đổi số", 2))
    blocks += [Block(s) for s in draft.tasks_paragraphs(work, year, day)]
    blocks.append(Block(f"(Chi tiết xem {tasks.label} đính kèm)."))
    n += 1
    blocks.append(Block(f"{n}. Kết quả triển khai các dự án đầu tư", 2))
    blocks.append(Block(work_items.projects_sentence(projects) + "."))
    blocks += [Block(s) for s in draft.projects_paragraphs(work, year)]
    blocks.append(Block(f"(Chi tiết xem {projects.label} đính kèm)."))
    n += 1
    blocks.append(Block(f"{n}. Tình hình gửi báo cáo của các đơn vị", 2))
    blocks += [Block(s) for s in draft.reporting_paragraphs(log_of_period)] or [
        Block("Chưa có đơn vị nào được giao báo cáo trong kỳ.")
    ]
    blocks.append(Block(f"(Chi tiết xem {log.label} đính kèm)."))
    if results_said := by_unit(words, "results"):
        n += 1
        blocks.append(Block(f"{n}. Kết quả nổi bật do các đơn vị báo cáo", 2))
        blocks += [Block(s) for s in results_said]
    blocks += _difficulties([main, *sectors], by_unit(words, "difficulties"))
    blocks.append(Block("III. PHƯƠNG HƯỚNG, NHIỆM VỤ", 1))
    labels = (tasks.label, projects.label)
    blocks += [Block(s) for s in draft.direction_paragraphs(main, work, labels, log_of_period)]
    blocks += _proposals(options, log_of_period, by_unit(words, "proposals"))
    return _with_sections(blocks)


def _with_sections(blocks: list[Block]) -> list[Block]:
    """Each paragraph tagged with its section ("I", "I.2", "I.5.1", "II.1") for the draft editor."""
    out, top, current = [], "", ""
    for b in blocks:
        number = b.text.split(" ", 1)[0].rstrip(".")
        if b.level == 1:
            top = current = number
        elif b.level in (2, 3):
            current = f"{top}.{number}"
        out.append(replace(b, section=current))
    return out


def _summary_blocks(results: FrameworkResults, appendix_key: str) -> list[Block]:
    """000's summary lines: "So với chỉ tiêu đề ra trong Kế hoạch chuyển đổi số năm 2024: Vượt …"."""
    from chiso.reports.drafting.sections import plan_title

    out = [
        Block(f"So với chỉ tiêu đề ra trong {plan_title(results.framework_name, p)}: {results.summary(p.id)}.")
        for p in results.target_periods
    ]
    return out + [Block(f"(Chi tiết xem Phụ lục {appendix_key} đính kèm).")]


def _difficulties(frameworks: list[FrameworkResults], units_said: list[str]) -> list[Block]:
    """Section II names every indicator below its target, in the plan and in each sector's
    framework alike, so it never says "none" beside a summary that counts some; then the
    difficulties the units wrote in their reports, by unit."""
    from chiso.reports.drafting.comparisons import figure

    blocks = [Block("II. KHÓ KHĂN, VƯỚNG MẮC", 1)]
    if units_said:
        blocks.append(Block("1. Các chỉ tiêu chưa đạt", 2))
    for results in frameworks:
        for p in results.target_periods:
            missed = [r for r in results.rows if r.statuses.get(p.id) == Status.NOT_MET]
            if missed:
                names = "; ".join(_missed_name(r, figure(r, results)) for r in missed)
                blocks.append(
                    Block(
                        f"Còn {len(missed):02d} chỉ tiêu chưa đạt so với {plan_words(p)} ({results.framework_name}): {names}."
                    )
                )
    if len(blocks) == 1 + bool(units_said):
        blocks.append(Block("Không có chỉ tiêu chưa đạt trong kỳ."))
    if units_said:
        blocks.append(Block("2. Khó khăn, vướng mắc do các đơn vị nêu", 2))
        blocks += [Block(s) for s in units_said]
    return blocks


def _missed_name(r: IndicatorResult, shown: str) -> str:
    """ "Tỷ lệ … (64,35%)"; a text result is not repeated here (section I tells it)."""
    name = r.name.rstrip(". ")
    return f"{name} ({shown})" if shown and shown != "-" and len(shown) <= 20 else name


def _proposals(options: PeriodicOptions, rows, units_said: list[str]) -> list[Block]:
    """Section IV: the units' own proposals, then the request to those that have not reported."""
    blocks = [Block("IV. ĐỀ XUẤT, KIẾN NGHỊ", 1)]
    if units_said:
        blocks.append(Block("1. Đề xuất, kiến nghị của các đơn vị", 2))
        blocks += [Block(s) for s in units_said]
        blocks.append(Block("2. Đối với các đơn vị chưa gửi hoặc gửi trễ báo cáo", 2))
    missing = [r.unit_name for r in rows if r.timeliness not in (ON_TIME, LATE)]
    late = [r.unit_name for r in rows if r.timeliness == LATE]
    if missing:
        blocks.append(
            Block(
                "Đề nghị các đơn vị chưa gửi báo cáo (" + "; ".join(missing) + ") cung cấp số "
                "liệu về chuyển đổi số hàng tháng đảm bảo chính xác, đúng tiến độ."
            )
        )
    if late:
        blocks.append(
            Block(
                f"Đề nghị {len(late):02d} đơn vị gửi báo cáo trễ hạn nêu tại mục I gửi báo cáo "
                "đúng thời hạn quy định trong các kỳ tiếp theo."
            )
        )
    if len(blocks) == 1 or (units_said and len(blocks) == 4):
        blocks.append(Block("Các đơn vị đã gửi báo cáo đầy đủ, đúng hạn trong kỳ."))
    return blocks


def _trend_chart(main: FrameworkResults, code: str | None) -> Chart | None:
    """The trend of one indicator; by default the first not met with two or more figures."""
    from chiso.reports.tables import value

    candidates = [r for r in main.rows if code is None or r.code == code]
    if code is None:
        annual = main.target_periods[-1].id if main.target_periods else None
        candidates = [r for r in candidates if r.statuses.get(annual) == Status.NOT_MET] + candidates
    for r in candidates:
        points = [
            (parse_period(p).label, value(raw, main.locale).number)
            for p, raw in sorted(r.values.items(), key=lambda kv: parse_period(kv[0]).end)
        ]
        points = [(label, n) for label, n in points if n is not None]
        if len(points) >= 2:
            percent = any("%" in raw for raw in r.values.values())
            png = charts.trend(
                f"{r.code}. {r.name}", points, percent=percent, unit=_measure(main, r), target=_chart_target(main, r)
            )
            return Chart("trend", f"Biểu đồ: diễn biến chỉ tiêu {r.code} qua các kỳ", png)
    return None


def _chart_target(main: FrameworkResults, r: IndicatorResult) -> charts.Target | None:
    """The year's target as the trend chart's line, labelled as the table prints it; a share's
    level is a fraction like its figures. None when the target is no number ("Duy trì", "Có")."""
    from chiso.engine.values import read_value
    from chiso.reports.tables import value

    if not main.target_periods:
        return None
    year = main.target_periods[-1]
    raw = r.targets.get(year.id)
    q = read_value(raw, main.locale)
    if q is None or isinstance(q, str):
        return None
    return f"Mục tiêu {target_title(year)}: {value(raw, main.locale).text}", q.value / 100 if q.is_percent else q.value


def _measure(main: FrameworkResults, r: IndicatorResult) -> str:
    """The y-axis unit of a figure that is not a share: the indicator's measure ("Số lượng")."""
    from chiso.frameworks.models import Indicator

    indicator = Indicator.objects.filter(framework__code=main.framework_code, code=r.code).first()
    return indicator.get_measure_display() if indicator else ""
