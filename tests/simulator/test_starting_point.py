"""The simulator says what it starts from, and reads a figure with its note and a post's name as
the DTI rules intend ("62,5% (10/16) hệ thống…" is 62,5%; «Trưởng ban Ban chỉ đạo…» is Trưởng ban)."""

import re
from decimal import Decimal

import pytest

from chiso.observations.scores import engine_framework
from chiso.orgunits.models import OrgUnit
from chiso.simulator.models import Scenario
from chiso.simulator.scenarios import base_values, score_values


def _scenario(office, period: str) -> Scenario:
    return Scenario.objects.create(
        name=f"Thử {period}", unit=OrgUnit.objects.get(code="dong-thap"), base_period_id=period, created_by=office
    )


def _page(client, office, scenario) -> str:
    client.force_login(office)
    html = client.get(f"/mo-phong-dti/{scenario.pk}/").content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_new_scenario_starts_at_the_latest_published_or_appraised_period(client, office):
    client.force_login(office)
    html = client.get("/mo-phong-dti/").content.decode()
    assert re.search(r'name="base_period_id"[^>]*value="2024"', html)


def test_the_page_says_which_kind_and_period_the_scenario_starts_from(client, office):
    text = _page(client, office, _scenario(office, "2024"))
    assert "Kịch bản bắt đầu từ số liệu Bộ công bố năm 2024 của Tỉnh Đồng Tháp" in text


def test_a_start_with_few_values_points_to_a_later_fuller_period(client, office):
    text = _page(client, office, _scenario(office, "2024"))
    assert "Năm 2025 có số liệu tự đánh giá của 46/47 chỉ số thành phần: tạo kịch bản với số liệu gốc năm 2025" in text


def test_a_self_assessed_start_names_the_latest_published_period(client, office):
    text = _page(client, office, _scenario(office, "2025"))
    assert "Kịch bản bắt đầu từ số liệu tự đánh giá năm 2025" in text
    assert "Số liệu Bộ công bố hoặc thẩm định gần nhất là của năm 2024." in text


def test_the_page_says_why_the_overview_shows_other_totals(client, office):
    text = _page(client, office, _scenario(office, "2025"))
    assert "Trang Tổng quan ghi 610,42 điểm (Bộ công bố, năm 2024) và 817,41 điểm (dự kiến, năm 2025)" in text
    assert "không cộng lại từ từng giá trị ở đây" in text


@pytest.mark.parametrize(
    ("code", "typed", "points"),
    [
        ("6.3", "62,5% (10/16) hệ thống được kết nối", Decimal("12.50")),
        ("5.4", "75% (hệ thống quản lý văn bản và điều hành chưa đánh giá)", Decimal("7.50")),
        ("3.6", "85,71% (Nền tảng số quản trị tổng thể)", Decimal("25.71")),
    ],
)
def test_a_figure_followed_by_its_note_scores_as_the_figure(office, code, typed, points):
    score = score_values(engine_framework("dti-tinh-2025"), {code: typed}, {})
    assert score.sub_indicator(code).points == points


@pytest.mark.parametrize(
    ("answer", "points"),
    [
        ("Trưởng ban Ban chỉ đạo chuyển đổi số và có hoạt động chủ trì, chỉ đạo chuyển đổi số", Decimal(10)),
        ("Phó trưởng ban Ban chỉ đạo chuyển đổi số", Decimal(5)),
        ("Thành viên Ban chỉ đạo", Decimal(0)),
    ],
)
def test_the_head_of_the_steering_committee_is_read_by_the_post_it_names(office, answer, points):
    score = score_values(engine_framework("dti-tinh-2025"), {"1.1": answer}, {})
    assert score.sub_indicator("1.1").points == points


def test_a_stored_figure_with_a_note_is_written_the_vietnamese_way_note_kept(office):
    assert base_values("dti-tinh-2025", OrgUnit.objects.get(code="dong-thap"), "2024")["3.5"] == "62,5% (5/8)"
