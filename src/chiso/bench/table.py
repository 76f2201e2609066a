"""The result table every benchmark prints: what was measured, the figure, the aim, the verdict."""

from __future__ import annotations

from dataclasses import dataclass

from chiso.bench.machine import describe


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
        if self.lower_is_better:
            return f"CHƯA ĐẠT: chậm hơn {self.value / self.aim:.1f}× (vượt {self.value - self.aim:,.2f} {self.unit})"
        return f"CHƯA ĐẠT: thiếu {self.aim - self.value:,.2f} {self.unit}"

    def aim_text(self) -> str:
        if self.aim is None:
            return ""
        return f"{'<' if self.lower_is_better else '≥'} {self.aim:g} {self.unit}"


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
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.3f}" if value < 1 else f"{value:,.2f}"
