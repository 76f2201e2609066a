"""Charts drawn on the server with matplotlib (Agg), in the documents' Times-like serif.

Each chart has a `…_figure` function building the matplotlib Figure (what tests read: titles,
axis labels, the target's label) and a function returning its PNG bytes, so the same picture
goes into the .docx and onto the web page.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from chiso.engine.numbers import format_number

# Liberation Serif 2 (Debian's fonts-liberation2) is metric-compatible with Times New Roman, the
# documents' font, and has the Vietnamese glyphs; fonts-liberation 1.x's has none, so only these
# files are used. Without them, DejaVu Sans (bundled with matplotlib) has every glyph.
LIBERATION2 = Path("/usr/share/fonts/truetype/liberation2")
SERIF = "Liberation Serif"
FALLBACK = "DejaVu Sans"
COLOURS = ("#1f5f99", "#d98c1f", "#4f9a57", "#a33c3c")
TARGET_COLOUR = "#a33c3c"
# A target line: its label as printed ("Mục tiêu KH năm 2024: 80%") and its level.
Target = tuple[str, Decimal]


def _font_families() -> list[str]:
    files = sorted(LIBERATION2.glob("LiberationSerif-*.ttf"))
    if not files:
        return [FALLBACK]
    manager = font_manager.fontManager
    # Forget any other "Liberation Serif" (1.x) the font cache found, then add liberation2's.
    manager.ttflist = [f for f in manager.ttflist if f.name != SERIF or Path(f.fname).parent == LIBERATION2]
    known = {f.fname for f in manager.ttflist}
    for file in files:
        if str(file) not in known:
            manager.addfont(str(file))
    # A glyph the serif lacks falls back to DejaVu Sans rather than showing a box.
    return [SERIF, FALLBACK]


FAMILIES = _font_families()
matplotlib.rc("font", family=FAMILIES, size=9)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height))


def _vi(value: float, decimals: int = 2) -> str:
    return format_number(Decimal(str(round(value, decimals))).normalize())


VI_TICKS = FuncFormatter(lambda value, _pos: _vi(value))


def pillars(series: list[tuple[str, list[tuple[str, Decimal, Decimal]]]]) -> bytes:
    """Points as a share of the maximum per pillar, one bar per unit; labels "45/50".

    `series` is [(unit label, [(pillar name, points, max_points), …]), …].
    """
    return _png(pillars_figure(series))


def pillars_figure(series: list[tuple[str, list[tuple[str, Decimal, Decimal]]]]) -> Figure:
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
                fontsize=8,
            )
    ax.set_yticks(
        [k + height * (len(series) - 1) / 2 for k in range(len(names))], [textwrap.fill(n, 28) for n in names]
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 118)
    ax.xaxis.set_major_formatter(VI_TICKS)
    ax.set_xlabel("Tỷ lệ điểm đạt được so với điểm tối đa (%)")
    ax.set_title("Điểm từng chỉ số chính so với điểm tối đa")
    if len(series) > 1:
        ax.legend(loc="lower right", fontsize=8)
    return fig


def short_name(label: str) -> str:
    """An indicator's name without the formula in brackets at its end, never cut mid-sentence.

    >>> short_name("6.5. Tỷ lệ hồ sơ nộp trực tuyến (Tổng số hồ sơ … / Tổng số hồ sơ nộp trực tuyến)")
    '6.5. Tỷ lệ hồ sơ nộp trực tuyến'
    >>> short_name("1.4. Cơ quan báo chí của Tỉnh, thành phố có chuyên mục riêng về chuyển đổi số")
    '1.4. Cơ quan báo chí của Tỉnh, thành phố có chuyên mục riêng về chuyển đổi số'
    """
    shorter = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip()
    return shorter if len(shorter) > 12 else label


# The chart is drawn at the size it is printed (a landscape page: about 245 × 155 mm) so its
# 8,5 pt labels stay 8,5 pt: one or two lines of 85 characters beside each bar.
LOST_WRAP = 85
LOST_FONT = 8.5


def lost_points(rows: list[tuple[str, Decimal]]) -> bytes:
    """Points lost per sub-indicator, most first: [(label "6.6. Tỷ lệ …", lost), …]."""
    return _png(lost_points_figure(rows))


def lost_points_figure(rows: list[tuple[str, Decimal]]) -> Figure:
    """Horizontal bars, each labelled in full with its code and name (without the formula in
    brackets), wrapped: nothing is cut off."""
    rows = sorted(rows, key=lambda r: r[1], reverse=True)
    labels = [textwrap.fill(short_name(label), LOST_WRAP) for label, _ in rows]
    # Each bar gets room for its label's lines (in lines of text), so no label runs into the next.
    slots = [label.count("\n") + 1 + 0.7 for label in labels]
    centres = [sum(slots[:i]) + slot / 2 for i, slot in enumerate(slots)]
    fig = _figure(9.6, 0.8 + 0.125 * sum(slots))
    fig.subplots_adjust(left=0.47, right=0.95)
    ax = fig.add_subplot()
    bars = ax.barh(centres, [float(v) for _, v in rows], height=1.2, color=COLOURS[3])
    for bar, (_, v) in zip(bars, rows, strict=True):
        ax.text(
            bar.get_width() + 0.3, bar.get_y() + bar.get_height() / 2, _vi(float(v)), va="center", fontsize=LOST_FONT
        )
    ax.set_yticks(centres, labels, fontsize=LOST_FONT, linespacing=1.0)
    ax.set_ylim(sum(slots), 0)  # most points lost at the top
    ax.margins(x=0.08)
    ax.xaxis.set_major_formatter(VI_TICKS)
    ax.set_xlabel("Số điểm bị mất")
    ax.set_title("Điểm bị mất theo chỉ số thành phần")
    return fig


def trend(
    title: str,
    points: list[tuple[str, Decimal]],
    *,
    percent: bool = False,
    unit: str = "",
    target: Target | None = None,
) -> bytes:
    """An indicator's figures over the periods ("Năm 2022", "Tháng 11/2024"); see trend_figure."""
    return _trend_png(title, tuple(points), percent, unit, target)


# The report page and each of its downloads (.docx, .xlsx, .csv) build the same document, so the
# same chart; drawing it takes 0.1–0.5 s and depends on nothing but these arguments.
@functools.lru_cache(maxsize=32)
def _trend_png(
    title: str, points: tuple[tuple[str, Decimal], ...], percent: bool, unit: str, target: Target | None
) -> bytes:
    return _png(trend_figure(title, list(points), percent=percent, unit=unit, target=target))


def trend_figure(
    title: str,
    points: list[tuple[str, Decimal]],
    *,
    percent: bool = False,
    unit: str = "",
    target: Target | None = None,
) -> Figure:
    """The figures as a line with their values, the unit on the y-axis ("Tỷ lệ (%)" for a
    share; `unit` otherwise, e.g. "Số lượng"), and the target as a labelled dashed line.

    A share's figures and target are fractions (0.6435); `target` is (its label as printed, e.g.
    "Mục tiêu KH năm 2024: 80%" or "…: Trên 80%", its level).
    """
    scale = 100 if percent else 1
    suffix = "%" if percent else ""
    fig = _figure(6.0, 3.2)
    ax = fig.add_subplot()
    ys = [float(v) * scale for _, v in points]
    ax.plot(range(len(points)), ys, marker="o", color=COLOURS[0], label="Kết quả thực hiện")
    for x, y in enumerate(ys):
        ax.annotate(_vi(y) + suffix, (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=9)
    if target is not None:
        label, level = target
        ax.axhline(float(level) * scale, color=TARGET_COLOUR, linestyle="--", linewidth=1.2, label=label)
        ax.legend(loc="best", fontsize=8, frameon=False)
    ax.set_xticks(range(len(points)), [label for label, _ in points])
    ax.set_xlim(-0.5, len(points) - 0.5)
    ax.yaxis.set_major_formatter(VI_TICKS)
    ax.set_ylabel("Tỷ lệ (%)" if percent else unit)
    ax.set_title(textwrap.fill(title, 70), fontsize=10)
    ax.margins(y=0.25)
    return fig
