"""Printed evaluations that contradict their own figures, flagged to the office.

A report copies the evaluation the source printed ("Vượt" for 6,42% against 6,50%): the
appendix keeps it as printed, and the slip is listed beside the draft so the office decides.
The rule that finds a slip is the one `chiso evaluate` applies (`chiso.engine.values.judge`,
through :meth:`chiso.reports.results.FrameworkResults.disagreements`); nothing is re-judged here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chiso.reports.results import FrameworkResults, IndicatorResult
    from chiso.reports.tables import Appendix


@dataclass(frozen=True)
class Slip:
    """One printed evaluation that its figures contradict.

    >>> Slip("Phụ lục I", "II.12", "Kinh tế số chiếm 5% GRDP", "KH năm 2024", "6,42%", "6,50%",
    ...      "Vượt", "Chưa đạt", "Kết quả 6,42% chưa đạt chỉ tiêu «6,50%»").message
    'Phụ lục I, chỉ tiêu II.12 (so với KH năm 2024): ghi «Vượt», tính từ số liệu được «Chưa đạt» — Kết quả 6,42% chưa đạt chỉ tiêu «6,50%».'
    """

    appendix: str  # "Phụ lục I"
    code: str  # "II.12"
    name: str
    target_title: str  # "KH năm 2024"
    value: str  # the figure judged, as printed: "6,42%"
    target: str  # the target as printed: "6,50%"
    printed: str  # the printed verdict: "Vượt"
    computed: str  # the verdict the figures give: "Chưa đạt"
    reason: str  # the engine's reason: "Kết quả 6,42% chưa đạt chỉ tiêu «6,50%»"

    @property
    def message(self) -> str:
        return (
            f"{self.appendix}, chỉ tiêu {self.code} (so với {self.target_title}): ghi «{self.printed}», "
            f"tính từ số liệu được «{self.computed}» — {self.reason}."
        )


def slips(results: FrameworkResults, appendix: str) -> list[Slip]:
    """Every printed evaluation of an appendix's table that the figures contradict, in table order.

    Where the figures give no verdict (a text result, a qualitative target) there is nothing to
    contradict: `chiso evaluate` lists those rows as unjudged, the office is not asked about them.
    """
    from chiso.engine.evaluation import Status
    from chiso.reports.results import target_title

    titles = {p.id: target_title(p) for p in results.target_periods}
    return [
        Slip(
            appendix,
            row.code,
            row.name,
            titles.get(target_period, target_period),
            _judged_figure(row),
            row.targets.get(target_period, ""),
            printed.label,
            computed.label,
            computed.reason,
        )
        for row, target_period, printed, computed in results.disagreements()
        if printed is not None and computed.status not in (Status.NO_BASIS, Status.NOT_APPLICABLE)
    ]


def _judged_figure(row: IndicatorResult) -> str:
    """The figure the verdict was computed from: the latest one with a reading, as printed."""
    from chiso.engine.periods import parse_period

    latest = sorted(row.readings.items(), key=lambda kv: parse_period(kv[0]).end, reverse=True)
    return next((row.values[p] for p, reading in latest if reading is not None), "")


def tables_slips(tables: list[FrameworkResults], appendices: list[Appendix]) -> list[Slip]:
    """The slips of a report's result tables, each named by its appendix (the first appendices
    of a periodic report are its result tables, in the same order)."""
    return [
        slip
        for results, appendix in zip(tables, appendices[: len(tables)], strict=True)
        for slip in slips(results, appendix.label)
    ]
