"""What a report's figures are expected to be: the target that applies and the plausible range.

Both are read through the one read path (`chiso.observations.readings`); the range itself is
the engine's rule (`chiso.engine.plausibility.plausible_range`) over the unit's figures of its
earlier periods and the target. The entry page, the Excel upload and the API all check with
these, so an outlier is caught the same way whichever way it comes in.
"""

from __future__ import annotations

from decimal import Decimal

from chiso.collection.models import FormItem, Submission
from chiso.engine.periods import parse_period
from chiso.engine.plausibility import HISTORY_PERIODS, PlausibleRange, plausible_range, target_number
from chiso.observations.readings import figures, target_of, targets_by_indicator


def targets_for(submission: Submission, indicator_ids: list[int]) -> dict[int, str]:
    """The target that applies to each indicator in the submission's period, by the one rule
    (`observations.readings.target_of`: the unit's own before the framework's; the period's or
    the year's, else the plan's)."""
    targets = targets_by_indicator(indicator_ids, [submission.unit_id])
    found = {}
    for indicator_id in indicator_ids:
        applies = target_of(targets, indicator_id, submission.unit_id, submission.period_id)
        if applies is not None:
            found[indicator_id] = applies[1]
    return found


def earlier_periods(period_id: str, count: int = HISTORY_PERIODS) -> list[str]:
    """The ``count`` periods of the same kind before ``period_id``: 2026-11 → 2026-10, 2026-09, …"""
    found, period = [], parse_period(period_id)
    for _ in range(count):
        period = period.previous()
        found.append(period.id)
    return found


def _history(submission: Submission, items: list[FormItem]) -> dict[int, list[Decimal]]:
    """The unit's earlier figures of each indicator, oldest first (entered and transcribed)."""
    found: dict[int, list[tuple[str, Decimal]]] = {}
    rows = figures(
        units=[submission.unit_id],
        indicators=[i.indicator_id for i in items],
        periods=earlier_periods(submission.period_id),
        judged=False,
    )
    for f in rows:
        if f.number is not None:
            found.setdefault(f.indicator.pk, []).append((f.period_id, f.number))
    return {key: [n for _p, n in sorted(pairs, key=lambda pair: pair[0])] for key, pairs in found.items()}


def expected_ranges(submission: Submission, items: list[FormItem]) -> dict[int, PlausibleRange]:
    """The plausible range of each number item of the submission (by item id), where its
    unit's history or its target gives one. A share (tử số/mẫu số) is bounded by its own rule."""
    numbers = [i for i in items if i.input_type == FormItem.InputType.NUMBER]
    if not numbers:
        return {}
    history = _history(submission, numbers)
    targets = targets_for(submission, [i.indicator_id for i in numbers])
    found = {}
    for item in numbers:
        text = targets.get(item.indicator_id, "")
        expected = plausible_range(
            history.get(item.indicator_id, []), target_number(text, item.indicator.measure), text
        )
        if expected is not None:
            found[item.pk] = expected
    return found
