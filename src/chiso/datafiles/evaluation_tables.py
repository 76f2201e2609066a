"""An evaluation table rebuilt from a dataset file: each indicator's actual value, its target
for a target period, and the evaluation the source wrote (000 Phụ lục I is such a table)."""

from __future__ import annotations

from chiso.datafiles.tables import EvaluationRow
from chiso.engine.evaluation import parse_status
from chiso.engine.frameworks import Framework
from chiso.engine.numbers import Quantity
from chiso.engine.periods import parse_period
from chiso.engine.targets import parse_target
from chiso.engine.values import read_value


def rows_from_dataset(framework: Framework, dataset, period: str, target_period: str) -> list[EvaluationRow]:
    """One row per indicator of `framework`.

    The actual value is the one for `period`; where that is "-", the latest earlier value is
    used, as a DX officer judging a five-year target would. The previous value (for "Duy trì")
    is the one just before the actual.
    """
    locale = dataset.locale
    by_indicator: dict[str, list] = {}
    for v in dataset.values:
        if (v.framework or dataset.framework) == framework.id:
            by_indicator.setdefault(v.indicator, []).append(v)
    written = {
        e.indicator: e.written
        for e in dataset.evaluations
        if (e.framework or dataset.framework) == framework.id
        and e.period == period
        and e.target_period == target_period
    }
    rows = []
    for ind in framework.indicators:
        history = sorted(
            (v for v in by_indicator.get(ind.code, []) if parse_period(v.period).end <= parse_period(period).end),
            key=lambda v: parse_period(v.period).end,
            reverse=True,
        )
        readings = [read_value(v.value, locale) for v in history]
        known = [r for r in readings if r is not None]
        actual = known[0] if known else None
        previous = next((r for r in known[1:] if isinstance(r, Quantity)), None)
        spec = ind.target_for(target_period)
        target = spec.target if spec else parse_target("")
        rows.append(EvaluationRow(0, ind.code, actual, target, parse_status(written.get(ind.code)), previous))
    return rows
