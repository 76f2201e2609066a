"""`chiso score` and `chiso gaps`, from CSV values (no database) and from the loaded seed data."""

import json

import pytest
from click.testing import CliRunner

from chiso.cli import main


def _run(*args):
    result = CliRunner().invoke(main, list(args))
    return result, (json.loads(result.output) if result.exit_code == 0 and "--json" in args else None)


@pytest.fixture
def values_csv(tmp_path):
    path = tmp_path / "values.csv"
    path.write_text(
        "code,value\n3.3,\"90,8%\"\n6.5,\"59,65%\"\n6.4,\"57,60%\"\n2.3,Chưa ban hành\n5.1,145/226\n", encoding="utf-8"
    )
    return path


def test_score_from_values_needs_no_database_and_has_the_documented_json(values_csv):
    result, out = _run("score", "--values", str(values_csv), "--json")
    assert result.exit_code == 0, result.output
    assert set(out) >= {"total", "index", "pillars", "sub_indicators"}
    subs = {s["code"]: s for s in out["sub_indicators"]}
    assert (subs["3.3"]["points"], subs["6.5"]["points"], subs["6.4"]["points"]) == (27.24, 14.91, 0.0)
    assert subs["5.1"]["points"] == 12.83
    assert subs["3.1"]["complete"] is False
    assert out["total"] == round(sum(p["points"] for p in out["pillars"]), 2) == 54.98
    assert {p["code"]: p["max_points"] for p in out["pillars"]}["3"] == 200.0


def test_score_refuses_an_unreadable_csv_naming_the_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ma,gia_tri\n3.3,90\n", encoding="utf-8")
    result, _ = _run("score", "--values", str(bad))
    assert result.exit_code == 2
    assert "bad.csv" in result.output
    assert "thiếu cột code, value" in result.output


def test_gaps_lists_the_biggest_losses_first(values_csv):
    result, out = _run("gaps", "--values", str(values_csv), "--json")
    assert result.exit_code == 0, result.output
    lost = [g["lost"] for g in out["gaps"]]
    assert lost == sorted(lost, reverse=True)
    six_four = next(g for g in out["gaps"] if g["code"] == "6.4")
    assert (six_four["lost"], six_four["value_for_full"]) == (20.0, "≥ 60%")


@pytest.mark.parametrize(
    ("unit", "period", "total", "index"),
    [
        ("dong-thap-cu", "2024", 624.8, 0.6248),  # 001 Bảng 1
        ("tien-giang-cu", "2024", 596.03, 0.596),  # 001 Bảng 1
        ("dong-thap", "2024", 610.42, 0.6104),  # average of the two former provinces
        ("dong-thap", "2025", 817.41, 0.8174),  # 001 Bảng 2, the projection
    ],
)
def test_score_from_the_database_reproduces_the_published_figures(seed_data, unit, period, total, index):
    result, out = _run("score", "--unit", unit, "--period", period, "--json")
    assert result.exit_code == 0, result.output
    assert (out["total"], out["index"]) == (total, index)


def test_gaps_of_tien_giang_2024_rank_the_published_losses(seed_data):
    result, out = _run("gaps", "--unit", "tien-giang-cu", "--period", "2024", "--json")
    assert result.exit_code == 0, result.output
    first = out["gaps"][0]
    assert (first["code"], first["lost"]) == ("6.6", 40.16)  # 9.84/50 in 001 Phụ lục I


def test_score_of_an_unknown_unit_says_so_in_vietnamese(seed_data):
    result, _ = _run("score", "--unit", "khong-co", "--period", "2024")
    assert result.exit_code == 2
    assert "không có đơn vị mã «khong-co»" in result.output
