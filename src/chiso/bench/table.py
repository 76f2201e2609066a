"""The result table every benchmark prints: what was measured, the figure, the aim, the verdict."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from chiso.bench.machine import describe
from chiso.engine.numbers import format_number


@dataclass(frozen=True)
class Row:
    """One measured figure; ``aim`` with ``lower_is_better`` decides the verdict."""

    what: str
    value: float
    unit: str
    aim: float | None = None
    lower_is_better: bool = True

    def verdict(self) -> str:
        if self.aim is None:
            return ""
        met = self.value < self.aim if self.lower_is_better else self.value >= self.aim
        if met:
            return "đạt"
        if self.unit not in ("giây", "ms"):
            return f"CHƯA ĐẠT: {_number(self.value)} {self.unit}, mục tiêu {self.aim_text()}"
        if self.lower_is_better:
            return f"CHƯA ĐẠT: chậm hơn {_number(self.value / self.aim)} lần (vượt {_number(self.value - self.aim)} {self.unit})"
        return f"CHƯA ĐẠT: thiếu {_number(self.aim - self.value)} {self.unit}"

    def aim_text(self) -> str:
        if self.aim is None:
            return ""
        return f"{'<' if self.lower_is_better else '≥'} {_number(self.aim)} {self.unit}"


def render(title: str, rows: list[Row], notes: list[str] = ()) -> str:
    """The machine description, then the rows as a plain-text table (Markdown-compatible)."""
    lines = [f"## {title}", ""]
    lines += [f"- {label}: {value}" for label, value in describe()]
    lines += ["", "| đo | kết quả | mục tiêu | đánh giá |", "|---|---:|---|---|"]
    for row in rows:
        lines.append(f"| {row.what} | {_number(row.value)} {row.unit} | {row.aim_text()} | {row.verdict()} |")
    if notes:
        lines += [""] + [f"- {note}" for note in notes]
    return "\n".join(lines)


def _number(value: float) -> str:
    """Vietnamese grouping and decimal mark: 3.382 ms, 0,163 giây, 29,41 ×."""
    places = 0 if value >= 100 or float(value).is_integer() else (3 if value < 1 else 2)
    return format_number(round(Decimal(str(value)), places))
