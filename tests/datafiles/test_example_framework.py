"""The documented example of a province's own index is a valid framework that scores."""

from decimal import Decimal
from pathlib import Path

from chiso.datafiles import read_file
from chiso.engine.numbers import parse_quantity as q
from chiso.engine.scoring import ScoreInput, score_framework

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "chi-so-so-ban-nganh.yaml"


def test_the_example_unit_index_scores_with_every_rule_kind_it_uses():
    fw = read_file(EXAMPLE).frameworks[0]
    assert fw.kind == "unit_index"
    assert sum(g.max_points for g in fw.groups) == fw.max_points
    score = score_framework(
        fw,
        {
            "1.1": ScoreInput("Có"),
            "1.2": ScoreInput(q("3")),
            "2.1": ScoreInput(q("60%")),
            "2.2": ScoreInput(inputs={"ky_so": q("900"), "tong_van_ban": q("1.000")}),
        },
    )
    assert [s.points for s in score.sub_indicators] == [Decimal(20), Decimal(15), Decimal("22.50"), Decimal("27.00")]
    assert score.total == Decimal("84.50")


def test_a_code_longer_than_the_database_column_is_refused_in_vietnamese(tmp_path):
    import pytest

    from chiso.datafiles import DataFileError

    text = EXAMPLE.read_text(encoding="utf-8").replace('code: "2.2"', f'code: "{"x" * 101}"')
    path = tmp_path / "dai.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        read_file(path)
    assert "dai.yaml" in str(error.value)
    assert "quá dài" in str(error.value)
