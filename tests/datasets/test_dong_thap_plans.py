"""000 Phụ lục I–IV: plan indicators, written evaluations and the printed summary lines."""

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from chiso.cli import main
from chiso.datafiles import BUNDLED_DATA, read_file
from chiso.engine.consistency import parse_summary
from chiso.engine.evaluation import Status, count_statuses, parse_status

PL1 = BUNDLED_DATA / "datasets" / "dong-thap-cds-2024-11.yaml"


@pytest.mark.parametrize(
    ("framework", "count"),
    [
        ("cds-dong-thap-2021-2025", 46),
        ("cds-nong-nghiep-dong-thap", 12),
        ("cds-y-te-dong-thap", 9),
        ("cds-giao-duc-dong-thap", 14),
    ],
)
def test_the_plan_frameworks_hold_the_seed_indicators(framework, count):
    fw = read_file(BUNDLED_DATA / "frameworks" / f"{framework}.yaml").frameworks[0]
    assert len(list(fw.indicators)) == count


@pytest.mark.parametrize("target_period", ["2024", "2021-2025"])
def test_the_published_summary_counts_come_from_the_written_evaluations(target_period):
    data = read_file(PL1).model
    written = [parse_status(e.written) for e in data.evaluations if e.target_period == target_period]
    assert len(written) == 46
    counts = count_statuses(written)
    printed = [s for s in data.summaries if s.target_period == target_period]
    assert printed
    for summary in printed:  # the table's footer and the narrative say the same
        assert {k: v for k, v in counts.items() if v} == parse_summary(summary.text)


def test_the_education_summary_does_not_match_its_own_rows():
    # 000 Phụ lục IV prints "Đạt 11/14" but only 10 rows say Đạt: a slip the check must show
    data = read_file(BUNDLED_DATA / "datasets" / "dong-thap-cds-nganh-2024-11.yaml").model
    rows = [e for e in data.evaluations if e.framework == "cds-giao-duc-dong-thap"]
    assert Counter(parse_status(e.written) for e in rows)[Status.MET] == 10
    assert any(
        parse_summary(s.text).get(Status.MET) == 11 for s in data.summaries if s.framework == "cds-giao-duc-dong-thap"
    )


@pytest.mark.parametrize(("target_period", "compared"), [("2024", 40), ("2021-2025", 43)])
def test_evaluate_reports_agreements_and_each_disagreement_with_its_reason(target_period, compared):
    result = CliRunner().invoke(
        main, ["evaluate", "--dataset", str(PL1), "--period", "2024-11", "--target-period", target_period, "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["compared"] == compared
    assert out["agreed"] == compared - len(out["disagreements"])
    assert 0 < len(out["disagreements"]) < compared
    for d in out["disagreements"]:
        assert d["written"] != d["computed"]
        assert d["reason"]
    # 000 Phụ lục I, II.12: 6,42% against a 2024 target of 6,50% is written "Vượt"
    if target_period == "2024":
        slip = next(d for d in out["disagreements"] if d["code"] == "II.12")
        assert (slip["written"], slip["computed"]) == ("exceeded", "not_met")
        assert "6,42%" in slip["reason"]
