"""Charts in the documents: the unit on the trend's y-axis, the target as a labelled line, the
DTI "points lost" labels whole and legible, the documents' Times-like font. The matplotlib
figures are read (titles, labels, lines), not the pixels."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.font_manager import FontProperties

from chiso.reports import charts

PNG = b"\x89PNG\r\n\x1a\n"
I2 = [("Năm 2022", Decimal("0.2594")), ("Năm 2023", Decimal("0.7451")), ("Tháng 11/2024", Decimal("0.6435"))]
TARGET = ("Mục tiêu KH năm 2024: 80%", Decimal("0.8"))


def texts(fig) -> list[str]:
    """Every piece of text the figure draws: titles, axis labels, tick labels, legend, notes."""
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_text())]


def test_the_trend_chart_is_a_png():
    assert charts.trend("I.2. Tỷ lệ …", I2, percent=True, target=TARGET).startswith(PNG)


def test_a_share_s_trend_says_percent_on_its_y_axis():
    ax = charts.trend_figure("I.2. Tỷ lệ …", I2, percent=True).axes[0]
    assert ax.get_ylabel() == "Tỷ lệ (%)"


def test_a_count_s_trend_names_its_unit_on_its_y_axis():
    points = [("Năm 2023", Decimal(73)), ("Tháng 11/2024", Decimal(231))]
    ax = charts.trend_figure("II.3. Số …", points, unit="Số lượng").axes[0]
    assert ax.get_ylabel() == "Số lượng"


def test_the_target_is_a_dashed_line_at_its_level_labelled_with_it():
    fig = charts.trend_figure("I.2. Tỷ lệ …", I2, percent=True, target=TARGET)
    ax = fig.axes[0]
    target = [line for line in ax.get_lines() if line.get_label().startswith("Mục tiêu")]
    assert [(line.get_label(), list(line.get_ydata())) for line in target] == [("Mục tiêu KH năm 2024: 80%", [80, 80])]
    assert target[0].get_linestyle() == "--"
    assert "Mục tiêu KH năm 2024: 80%" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_the_trend_s_figures_are_written_the_vietnamese_way():
    fig = charts.trend_figure("I.2. Tỷ lệ …", I2, percent=True, target=TARGET)
    assert {"25,94%", "74,51%", "64,35%"} <= set(texts(fig))
    assert not [t for t in texts(fig) if re.search(r"\d\.\d", t)]


FIVE_FIVE = (
    "5.5. Tỷ lệ hệ thống thông tin cấp độ 3 trở lên được kiểm tra, đánh giá an toàn thông tin hàng năm "
    "đầy đủ các nội dung và hình thức theo quy định tại Thông tư số 12/2022/TT-BTTTT"
)
LONG = [
    (
        (
            "6.6. Tỷ lệ hồ sơ trực tuyến toàn trình (Tổng số hồ sơ giải quyết thủ tục hành chính trong năm của "
            "các cơ quan, đơn vị/ Tổng số hồ sơ trực tuyến toàn trình của DVCTT mức độ toàn trình)"
        ),
        Decimal("40.16"),
    ),
    (FIVE_FIVE, Decimal(10)),
    ("3.7. Mức độ ứng dụng AI", Decimal(10)),
]


def lost_labels(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_points_lost_labels_are_whole_names_without_their_formula():
    labels = [" ".join(label.split()) for label in lost_labels(charts.lost_points_figure(LONG))]
    assert labels == [
        "6.6. Tỷ lệ hồ sơ trực tuyến toàn trình",
        FIVE_FIVE,
        "3.7. Mức độ ứng dụng AI",
    ]
    assert not [label for label in lost_labels(charts.lost_points_figure(LONG)) if "[" in label or "…" in label]


def test_points_lost_labels_are_wrapped_and_legible():
    fig = charts.lost_points_figure(LONG)
    for label in fig.axes[0].get_yticklabels():
        assert label.get_fontsize() >= 8
        assert max(len(line) for line in label.get_text().split("\n")) <= charts.LOST_WRAP


def test_points_lost_labels_do_not_overlap():
    fig = charts.lost_points_figure(LONG)
    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = sorted((label.get_window_extent(renderer) for label in fig.axes[0].get_yticklabels()), key=lambda b: b.y0)
    assert all(lower.y1 <= upper.y0 for lower, upper in zip(boxes, boxes[1:], strict=False))


def test_points_lost_chart_is_a_png():
    assert charts.lost_points(LONG).startswith(PNG)


@pytest.mark.skipif(
    not list(charts.LIBERATION2.glob("LiberationSerif-*.ttf")), reason="fonts-liberation2 chưa được cài"
)
def test_charts_are_drawn_in_liberation_serif_2_which_has_vietnamese():
    assert charts.FAMILIES[0] == "Liberation Serif"
    path = font_manager.findfont(FontProperties(family=charts.FAMILIES))
    assert path.startswith(str(charts.LIBERATION2))
    font = font_manager.get_font(path)
    assert all(font.get_char_index(ord(ch)) for ch in "ỷệđạượỹ")


@pytest.mark.django_db
def test_the_11_2024_report_s_trend_chart_has_its_unit_and_target(bundled_data, monkeypatch):
    """The chart the periodic report draws (the figure handed to the PNG writer)."""
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    drawn = []
    real_png = charts._png
    charts._trend_png.cache_clear()  # drawn by an earlier test of this process, it would not be drawn again
    monkeypatch.setattr(charts, "_png", lambda fig: drawn.append(fig) or real_png(fig))
    document = bundled_data.read(
        lambda: build_periodic(PeriodicOptions(period="2024-11", date=datetime.date(2024, 11, 25)))
    )
    assert [c.key for c in document.charts] == ["trend"]
    (fig,) = drawn
    assert fig.axes[0].get_ylabel() == "Tỷ lệ (%)"
    assert "Mục tiêu KH năm 2024: 80%" in texts(fig)
