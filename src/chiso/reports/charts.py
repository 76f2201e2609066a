"""Charts drawn on the server with matplotlib (Agg, DejaVu Sans: it has every Vietnamese glyph).

Each function returns PNG bytes, so the same picture goes into the .docx and onto the web page.
"""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from chiso.engine.numbers import format_number

FONT = {"family": "DejaVu Sans", "size": 9}
COLOURS = ("#1f5f99", "#d98c1f", "#4f9a57", "#a33c3c")
matplotlib.rc("font", **FONT)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height))


def _vi(value: float, decimals: int = 2) -> str:
    return format_number(Decimal(str(round(value, decimals))).normalize())


def pillars(series: list[tuple[str, list[tuple[str, Decimal, Decimal]]]]) -> bytes:
    """Points as a share of the maximum per pillar, one bar per unit; labels "45/50".

    `series` is [(unit label, [(pillar name, points, max_points), …]), …].
    """
    names = [name for name, _, _ in series[0][1]]
    fig = _figure(7.0, 0.5 + 0.45 * len(names) * max(1, len(series)) ** 0.6)
    ax = fig.add_subplot()
    height = 0.8 / len(series)
    for i, (label, rows) in enumerate(series):
        ys = [k + i * height for k in range(len(rows))]
        shares = [float(p / m * 100) if m else 0 for _, p, m in rows]
        bars = ax.barh(ys, shares, height=height, color=COLOURS[i % len(COLOURS)], label=label)
        for bar, (_, p, m) in zip(bars, rows, strict=True):
            ax.text(
                bar.get_width() + 1,
                bar.get_y() + bar.get_height() / 2,
                f"{_vi(float(p))}/{_vi(float(m))}",
                va="center",
                fontsize=7,
            )
    ax.set_yticks(
        [k + height * (len(series) - 1) / 2 for k in range(len(names))], [textwrap.fill(n, 28) for n in names]
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 118)
    ax.set_xlabel("Tỷ lệ điểm đạt được so với điểm tối đa (%)")
    ax.set_title("Điểm từng chỉ số chính so với điểm tối đa")
    if len(series) > 1:
        ax.legend(loc="lower right", fontsize=7)
    return _png(fig)


def lost_points(rows: list[tuple[str, Decimal]]) -> bytes:
    """Points lost per sub-indicator, most first: [(label "6.6", lost), …]."""
    rows = sorted(rows, key=lambda r: r[1], reverse=True)
    fig = _figure(7.0, 0.6 + 0.28 * max(1, len(rows)))
    ax = fig.add_subplot()
    bars = ax.barh(range(len(rows)), [float(v) for _, v in rows], color=COLOURS[3])
    for bar, (_, v) in zip(bars, rows, strict=True):
        ax.text(bar.get_width() + 0.3, bar.get_y() + bar.get_height() / 2, _vi(float(v)), va="center", fontsize=7)
    ax.set_yticks(range(len(rows)), [textwrap.shorten(label, 60) for label, _ in rows])
    ax.invert_yaxis()
    ax.set_xlabel("Số điểm bị mất")
    ax.set_title("Điểm bị mất theo chỉ số thành phần")
    return _png(fig)


def trend(title: str, points: list[tuple[str, Decimal]], *, percent: bool = False) -> bytes:
    """An indicator's figures over the periods ("Năm 2022", "Tháng 11/2024")."""
    fig = _figure(6.0, 3.0)
    ax = fig.add_subplot()
    ys = [float(v) * (100 if percent else 1) for _, v in points]
    ax.plot(range(len(points)), ys, marker="o", color=COLOURS[0])
    for x, y in enumerate(ys):
        ax.annotate(
            _vi(y) + ("%" if percent else ""),
            (x, y),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=8,
        )
    ax.set_xticks(range(len(points)), [label for label, _ in points])
    ax.set_title(textwrap.fill(title, 70), fontsize=9)
    ax.margins(y=0.25)
    return _png(fig)
