"""Consistency check of a published evaluation table.

Hand-made reports slip: a row says "Đạt" where the figures say "Chưa đạt", a total line says 16
where the rows count 15. Given each row's actual, target and written evaluation, and the written
totals, this lists every row whose written evaluation differs from the computed one and every
total that does not add up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from chiso.engine.evaluation import Evaluation, Status, count_statuses, evaluate, summary_line
from chiso.engine.numbers import Quantity
from chiso.engine.targets import Target


@dataclass(frozen=True)
class TableRow:
    code: str
    actual: Quantity | str | None
    target: Target
    written: Status | None = None
    previous: Quantity | None = None


@dataclass(frozen=True)
class RowFinding:
    code: str
    written: Status | None
    computed: Evaluation

    @property
    def message(self) -> str:
        written = self.written.label if self.written else "(để trống)"
        return f"Chỉ tiêu {self.code}: ghi «{written}», tính được «{self.computed.label}» — {self.computed.reason}"


@dataclass(frozen=True)
class TotalFinding:
    status: Status
    written_total: int
    counted: int

    @property
    def message(self) -> str:
        return f"Dòng tổng ghi {self.status.label} {self.written_total}, nhưng đếm các dòng được {self.counted}"


@dataclass(frozen=True)
class TableCheck:
    rows: tuple[tuple[TableRow, Evaluation], ...]
    row_findings: tuple[RowFinding, ...]
    total_findings: tuple[TotalFinding, ...]
    written_counts: Counter[Status] = field(default_factory=Counter)
    computed_counts: Counter[Status] = field(default_factory=Counter)

    @property
    def agreed(self) -> int:
        return sum(1 for row, _ in self.rows if row.written is not None) - len(
            [f for f in self.row_findings if f.written is not None]
        )

    @property
    def compared(self) -> int:
        return sum(1 for row, _ in self.rows if row.written is not None)

    @property
    def computed_summary(self) -> str:
        return summary_line(self.computed_counts, len(self.rows))

    @property
    def written_summary(self) -> str:
        return summary_line(self.written_counts, len(self.rows))


def check_table(rows: Iterable[TableRow], written_totals: Mapping[Status, int] | None = None) -> TableCheck:
    """Compare every written evaluation with the computed one, and the totals with the rows.

    Rows whose written cell is blank are not counted as disagreements (there is nothing to
    disagree with) but still count towards the totals as "no basis", as the seeds do.
    """
    judged = tuple((row, evaluate(row.actual, row.target, previous=row.previous)) for row in rows)
    findings = tuple(
        RowFinding(row.code, row.written, ev)
        for row, ev in judged
        if row.written is not None and row.written != ev.status
    )
    written_counts = count_statuses(row.written for row, _ in judged)
    computed_counts = count_statuses(ev.status for _, ev in judged)
    totals = tuple(
        TotalFinding(status, n, written_counts.get(status, 0))
        for status, n in (written_totals or {}).items()
        if written_counts.get(status, 0) != n
    )
    return TableCheck(judged, findings, totals, written_counts, computed_counts)


_SUMMARY_WORDS = {
    "vượt": Status.EXCEEDED,
    "đạt": Status.MET,
    "duy trì": Status.MAINTAINED,
    "chưa đạt": Status.NOT_MET,
}


def parse_summary(text: str) -> dict[Status, int]:
    """Read the counts of a summary line as printed.

    >>> parse_summary("Vượt 14/46 chỉ tiêu; Đạt 20/46 ↑ chỉ tiêu; Duy trì 01/46; Chưa đạt: 5/46 chỉ tiêu; 06 chỉ tiêu chưa có cơ sở đánh giá")[Status.NO_BASIS]
    6
    """
    counts: dict[Status, int] = {}
    for chunk in re.split(r"[;.]\s*", " ".join(text.split())):
        lower = chunk.lower().strip(" *")
        m = re.search(r"(chưa đạt|duy trì|vượt|đạt)\s*:?\s*(\d+)\s*/\s*\d+", lower)
        if m:
            counts[_SUMMARY_WORDS[m[1]]] = int(m[2])
            continue
        m = re.search(r"(\d+)\s+chỉ tiêu chưa (?:có cơ sở|đủ điều kiện)", lower)
        if m:
            counts[Status.NO_BASIS] = int(m[1])
    return counts
