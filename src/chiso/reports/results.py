"""Results of a plan's indicators against their targets for one unit and period (000 Phụ lục I–IV).

The evaluation shown for an indicator is the one recorded for it (the office's judgement, as
printed in the source), and where none is recorded, the one `chiso.engine.evaluation` computes
from the value and the target. The summary line under the table is always counted from the
evaluations the table shows, never copied from a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from chiso.engine.errors import EngineError
from chiso.engine.evaluation import Evaluation, Status, count_statuses, summary_line
from chiso.engine.numbers import Quantity
from chiso.engine.periods import MULTI_YEAR, Period, parse_period
from chiso.engine.values import judge, read_value
from chiso.observations.readings import stored_rows
from chiso.reports import tables as t


@dataclass
class IndicatorResult:
    code: str
    stt: str
    name: str
    group_code: str
    values: dict[str, str]                  # period id -> value as printed
    note: str
    targets: dict[str, str]                 # target period id -> target as printed
    statuses: dict[str, Status | None] = field(default_factory=dict)
    computed: dict[str, Evaluation] = field(default_factory=dict)


@dataclass
class FrameworkResults:
    framework_code: str
    framework_name: str
    locale: str
    unit_name: str
    period: Period
    groups: list[tuple[str, str]]           # (code, name) in order
    history: list[Period]                   # the value columns, oldest first
    target_periods: list[Period]            # the target columns, longest first
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
    """Collect values, targets and evaluations of every indicator of a framework."""
    from chiso.frameworks.models import Framework, Target
    from chiso.observations.models import WrittenEvaluation
    from chiso.orgunits.models import OrgUnit

    fw = Framework.objects.get(code=framework_code)
    unit = OrgUnit.objects.get(code=unit_code)
    period = parse_period(period_id)
    values = _values_by_indicator(stored_rows(units=[unit], framework=fw.code), period)
    targets: dict[int, dict[str, str]] = {}
    # The unit's own target (001 Phụ lục II gives the province its 2026 DTI targets) wins over
    # the framework's for the same period.
    found = Target.objects.filter(indicator__framework=fw).filter(Q(unit__isnull=True) | Q(unit=unit))
    for tg in sorted(found, key=lambda tg: tg.unit_id is not None):
        targets.setdefault(tg.indicator_id, {})[tg.period_id] = tg.text
    written = {(w.indicator_id, w.target_period_id): w.status or None
               for w in WrittenEvaluation.objects.filter(indicator__framework=fw, unit=unit,
                                                         period_id=period_id)}
    history = sorted({parse_period(p) for vs in values.values() for p in vs}, key=lambda p: p.end)
    target_periods = sorted({parse_period(p) for ts in targets.values() for p in ts},
                            key=lambda p: (p.kind != MULTI_YEAR, -(p.end - p.start).days))
    groups = list(fw.groups.order_by("position").values_list("code", "name"))
    rows = []
    for ind in fw.indicators.select_related("group").order_by("group__position", "position"):
        vals = {p: dv.raw for p, dv in values.get(ind.id, {}).items()}
        row = IndicatorResult(ind.code, _stt(ind.code, ind.group.code), ind.name, ind.group.code,
                              vals, _note(values.get(ind.id, {}).get(period_id)),
                              targets.get(ind.id, {}))
        _judge(row, fw.locale, period, target_periods, written, ind.id)
        rows.append(row)
    return FrameworkResults(fw.code, fw.name, fw.locale, unit.name, period, groups, history,
                            target_periods, rows)


def _values_by_indicator(queryset, period: Period) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for dv in queryset:
        try:
            p = parse_period(dv.period_id)
        except EngineError:
            continue
        if p.end <= period.end and p.kind != MULTI_YEAR:
            out.setdefault(dv.indicator_id, {})[dv.period_id] = dv
    return out


def _stt(code: str, group_code: str) -> str:
    prefix = group_code + "."
    return code[len(prefix):] if code.startswith(prefix) else code


def _note(dv) -> str:
    return dv.note if dv is not None else ""


def _judge(row: IndicatorResult, locale: str, period: Period, target_periods: list[Period],
           written: dict, indicator_id: int) -> None:
    ordered = sorted(row.values.items(), key=lambda kv: parse_period(kv[0]).end, reverse=True)
    readings = [read_value(raw, locale) for _, raw in ordered]
    known = [r for r in readings if r is not None]
    # As a DX officer does: a "-" this month is judged on the latest earlier figure.
    actual = known[0] if known else None
    previous = next((r for r in known[1:] if isinstance(r, Quantity)), None)
    for tp in target_periods:
        text = row.targets.get(tp.id)
        if text is None:
            continue
        computed = judge(actual, text, locale, previous=previous)
        row.computed[tp.id] = computed
        key = (indicator_id, tp.id)
        if key in written:
            # A recorded blank ("-") stays blank: it counts as no basis, as the seeds' totals do.
            row.statuses[tp.id] = Status(written[key]) if written[key] else None
        else:
            row.statuses[tp.id] = computed.status


# --- the appendix ---------------------------------------------------------------------------

def target_title(p: Period) -> str:
    if p.kind == MULTI_YEAR:
        return f"KH 5 năm {p.start.year} - {p.end.year}" if p.end.year - p.start.year == 4 \
            else f"KH giai đoạn {p.start.year} - {p.end.year}"
    return f"KH {p.label.lower()}"


def results_appendix(results: FrameworkResults, key: str, title: str, subtitle: str) -> t.Appendix:
    """The table of 000 Phụ lục I: targets, results by period, evaluations, notes."""
    columns = [t.Column("STT", 10, align="center"), t.Column("Tên chỉ tiêu", 52)]
    columns += [t.Column(target_title(p), 16, align="center") for p in results.target_periods]
    columns += [t.Column(p.label, 16, group="Kết quả thực hiện", align="center")
                for p in results.history]
    judged = list(reversed(results.target_periods))
    columns += [t.Column(f"So với {target_title(p)}", 15, align="center") for p in judged]
    columns.append(t.Column("Ghi chú", 26))
    rows = []
    names = dict(results.groups)
    current_group = None
    for r in results.rows:
        if r.group_code != current_group and len(results.groups) > 1:
            current_group = r.group_code
            rows.append(t.Row([t.text(r.group_code, bold=True), t.text(names[r.group_code], bold=True)]
                              + [t.blank() for _ in columns[2:]], heading=True))
        cells = [t.text(r.stt), t.text(r.name)]
        cells += [t.text(r.targets.get(p.id, "")) for p in results.target_periods]
        cells += [t.value(r.values.get(p.id, ""), results.locale) for p in results.history]
        cells += [t.text(_status_text(r, p)) for p in judged]
        cells.append(t.text(r.note))
        rows.append(t.Row(cells))
    footer = [f"So với {target_title(p)}: {results.summary(p.id)}." for p in judged]
    return t.Appendix(key=key, label=f"Phụ lục {key}", title=title, subtitle=subtitle,
                      columns=columns, rows=rows, footer=footer)


def _status_text(row: IndicatorResult, p: Period) -> str:
    if p.id not in row.targets:
        return ""
    status = row.statuses.get(p.id)
    return status.label if status is not None else "-"
