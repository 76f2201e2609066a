"""Results of a plan's indicators against their targets for one unit and period (000 Phụ lục I–IV).

The evaluation shown for an indicator is the one recorded for it (the office's judgement, as
printed in the source), and where none is recorded, the one `chiso.engine.evaluation` computes
from the value and the target. The summary line under the table is always counted from the
evaluations the table shows, never copied from a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chiso.engine.errors import EngineError
from chiso.engine.evaluation import Evaluation, Status, count_statuses, leading_status, summary_line
from chiso.engine.numbers import Quantity
from chiso.engine.periods import MULTI_YEAR, Period, parse_period
from chiso.engine.values import Origin, Value, applicable_targets, judge, read_value
from chiso.observations.readings import figures, stored_rows, targets_by_indicator
from chiso.reports import tables as t


@dataclass
class IndicatorResult:
    code: str
    stt: str
    name: str
    group_code: str
    values: dict[str, str]  # period id -> value as printed
    note: str
    targets: dict[str, str]  # target period id -> target as printed
    statuses: dict[str, Status | None] = field(default_factory=dict)
    computed: dict[str, Evaluation] = field(default_factory=dict)
    readings: dict[str, Value] = field(default_factory=dict)  # period id -> the engine's reading


@dataclass
class FrameworkResults:
    framework_code: str
    framework_name: str
    locale: str
    unit_name: str
    period: Period
    groups: list[tuple[str, str]]  # (code, name) in order
    history: list[Period]  # the value columns, oldest first
    target_periods: list[Period]  # the target columns, longest first
    rows: list[IndicatorResult]

    def counts(self, target_period: str):
        return count_statuses(r.statuses.get(target_period) for r in self.rows)

    def summary(self, target_period: str) -> str:
        """The computed summary line, e.g. "Vượt 16/46 chỉ tiêu; Đạt 20/46 chỉ tiêu; …"."""
        return summary_line(self.counts(target_period), len(self.rows))

    def disagreements(self) -> list[tuple[IndicatorResult, str, Status | None, Evaluation]]:
        """Rows whose recorded evaluation differs from the computed one (for the office to check)."""
        out = []
        for r in self.rows:
            for tp, shown in r.statuses.items():
                ev = r.computed.get(tp)
                if ev is not None and shown is not None and shown != ev.status:
                    out.append((r, tp, shown, ev))
        return out


def framework_results(framework_code: str, unit_code: str, period_id: str) -> FrameworkResults:
    """Collect values, targets and evaluations of every indicator of a framework.

    The figures are the unit's stored ones (documents', and a province's figures made from its
    units' approved reports) and, where a period has none, the unit's own approved entries (a
    commune's or a Sở's month), both read through `chiso.observations.readings`. The targets
    are those that apply to the period by the read path's rule
    (`chiso.engine.values.applicable_targets`: the year's and the plans holding it, a unit's own
    before the framework's), so a figure gets the verdict the overview, API and open data give it.
    """
    from chiso.frameworks.models import Framework
    from chiso.observations.models import WrittenEvaluation
    from chiso.orgunits.models import OrgUnit

    fw = Framework.objects.get(code=framework_code)
    unit = OrgUnit.objects.get(code=unit_code)
    period = parse_period(period_id)
    values = _values_by_indicator(fw, unit, period)
    targets = targets_by_indicator(fw.indicators.values_list("pk", flat=True), [unit.pk])
    written = {
        (w.indicator_id, w.target_period_id): w.status or None
        for w in WrittenEvaluation.objects.filter(indicator__framework=fw, unit=unit, period_id=period_id)
    }
    groups = list(fw.groups.order_by("position").values_list("code", "name"))
    rows = []
    for ind in fw.indicators.select_related("group").order_by("group__position", "position"):
        shown = values.get(ind.id, {})
        rows.append(
            IndicatorResult(
                ind.code,
                _stt(ind.code, ind.group.code),
                ind.name,
                ind.group.code,
                {p: s.text for p, s in shown.items()},
                shown[period_id].note if period_id in shown else "",
                dict(
                    applicable_targets(period_id, targets.get((ind.id, unit.pk), {}), targets.get((ind.id, None), {}))
                ),
                readings={p: s.quantity for p, s in shown.items()},
            )
        )
        _judge(rows[-1], fw.locale, written, ind.id)
    history = sorted({parse_period(p) for vs in values.values() for p in vs}, key=lambda p: p.end)
    target_periods = sorted(
        {parse_period(p) for r in rows for p in r.targets},
        key=lambda p: (p.kind != MULTI_YEAR, -(p.end - p.start).days),
    )
    return FrameworkResults(fw.code, fw.name, fw.locale, unit.name, period, groups, history, target_periods, rows)


@dataclass(frozen=True)
class _Shown:
    """A figure as the table prints it ("83,80%", "3.662/4.393 (83,36%)"), its note, its reading."""

    text: str
    note: str
    quantity: Value


def _values_by_indicator(fw, unit, period: Period) -> dict[int, dict[str, _Shown]]:
    """indicator id → {period id → figure} up to ``period`` (plans' multi-year figures aside):
    the stored figure of a period, else the unit's own approved entry."""
    out: dict[int, dict[str, _Shown]] = {}
    for dv in stored_rows(units=[unit], framework=fw.code):
        if _shown_in(dv.period_id, period):
            out.setdefault(dv.indicator_id, {})[dv.period_id] = _Shown(dv.raw, dv.note, read_value(dv.raw, fw.locale))
    for f in figures(units=[unit], framework=fw.code, origins=[Origin.ENTERED], approved=True, judged=False):
        if _shown_in(f.period_id, period):
            out.setdefault(f.indicator.pk, {}).setdefault(f.period_id, _Shown(f.text, f.record.comment, f.quantity))
    return out


def _shown_in(period_id: str, period: Period) -> bool:
    try:
        p = parse_period(period_id)
    except EngineError:
        return False
    return p.end <= period.end and p.kind != MULTI_YEAR


def _stt(code: str, group_code: str) -> str:
    prefix = group_code + "."
    return code[len(prefix) :] if code.startswith(prefix) else code


def _judge(row: IndicatorResult, locale: str, written: dict, indicator_id: int) -> None:
    ordered = sorted(row.readings.items(), key=lambda kv: parse_period(kv[0]).end, reverse=True)
    known = [r for _, r in ordered if r is not None]
    # As a DX officer does: a "-" this month is judged on the latest earlier figure.
    actual = known[0] if known else None
    previous = next((r for r in known[1:] if isinstance(r, Quantity)), None)
    for target_period, text in row.targets.items():
        computed = judge(actual, text, locale, previous=previous)
        row.computed[target_period] = computed
        key = (indicator_id, target_period)
        if key in written:
            # A recorded blank ("-") stays blank: it counts as no basis, as the seeds' totals do.
            row.statuses[target_period] = Status(written[key]) if written[key] else None
        else:
            row.statuses[target_period] = computed.status


# --- the appendix ---------------------------------------------------------------------------


def target_title(p: Period) -> str:
    if p.kind == MULTI_YEAR:
        return (
            f"KH 5 năm {p.start.year} - {p.end.year}"
            if p.end.year - p.start.year == 4
            else f"KH giai đoạn {p.start.year} - {p.end.year}"
        )
    return f"KH {p.label.lower()}"


def results_appendix(results: FrameworkResults, key: str, title: str, subtitle: str) -> t.Appendix:
    """The table of 000 Phụ lục I: targets, results by period, evaluations, notes."""
    columns = [t.Column("STT", 10, align="center"), t.Column("Tên chỉ tiêu", 52)]
    columns += [t.Column(target_title(p), 16, align="center") for p in results.target_periods]
    columns += [t.Column(p.label, 16, group="Kết quả thực hiện", align="center") for p in results.history]
    judged = [] if verdicts_in_notes(results) else list(reversed(results.target_periods))
    columns += [t.Column(f"So với {target_title(p)}", 15, align="center") for p in judged]
    columns.append(t.Column("Ghi chú", 26))
    rows = []
    names = dict(results.groups)
    current_group = None
    for r in results.rows:
        if r.group_code != current_group and len(results.groups) > 1:
            current_group = r.group_code
            rows.append(
                t.Row(
                    [t.text(r.group_code, bold=True), t.text(names[r.group_code], bold=True)]
                    + [t.blank() for _ in columns[2:]],
                    heading=True,
                )
            )
        cells = [t.text(r.stt), t.text(r.name)]
        cells += [t.text(r.targets.get(p.id, "")) for p in results.target_periods]
        cells += [t.value(r.values.get(p.id, ""), results.locale) for p in results.history]
        cells += [t.text(_status_text(r, p)) for p in judged]
        cells.append(t.text(r.note))
        rows.append(t.Row(cells))
    # The summary lines in 000's order: the plan's five years first, then the year's.
    footer = [f"So với {target_title(p)}: {results.summary(p.id)}." for p in results.target_periods]
    return t.Appendix(
        key=key, label=f"Phụ lục {key}", title=title, subtitle=subtitle, columns=columns, rows=rows, footer=footer
    )


def verdicts_in_notes(results: FrameworkResults) -> bool:
    """Whether the table writes each verdict at the head of its note, as 000 Phụ lục IV does
    ("Đạt. Đề nghị bổ sung số chính xác"): one target, and every row with a verdict has a
    note beginning with it. Such a table prints no verdict column of its own (the seed's five
    columns), its notes carry them.
    """
    if len(results.target_periods) != 1:
        return False
    target = results.target_periods[0].id
    judged = [r for r in results.rows if r.statuses.get(target) is not None]
    return bool(judged) and all(leading_status(r.note) == r.statuses[target] for r in judged)


def _status_text(row: IndicatorResult, p: Period) -> str:
    if p.id not in row.targets:
        return ""
    status = row.statuses.get(p.id)
    return status.label if status is not None else "-"
