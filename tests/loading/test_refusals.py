"""`chiso load` refuses a bad file: it says where the problem is, and writes nothing at all.

Each case loads a bad file together with good ones (a new plan and a new unit) on top of a small
database already loaded; the error must name the file, the item and the field, and neither the
database nor the good files may change anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from chiso.datafiles import DataFileError
from chiso.frameworks.models import Framework
from chiso.loading import load_paths
from chiso.orgunits.models import OrgUnit
from tests.loading.conftest import BASELINE_FRAMEWORK, WriteYaml, counts, snapshot

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    file: str
    text: str
    expected: tuple[str, ...]  # fragments the message must contain


FRAMEWORK_HEAD = """
    id: khung-sai
    kind: dti
    name: "Khung sai"
    period: "2025"
    locale: vi
    groups:
      - code: "1"
        name: "Nhận thức số"
        indicators:
"""

DATASET_HEAD = """
    dataset: bo-sai
    framework: khung-moi
    locale: vi
"""

CASES = {
    "max_points-not-a-number": Case(
        "khung-sai.yaml",
        FRAMEWORK_HEAD
        + """
          - {code: "1.1", name: "Một", max_points: "mười"}
    """,
        ("Tệp khung-sai.yaml", "indicators[1] (mã «1.1»)", "trường «max_points»", "phải là số", "«mười»"),
    ),
    "points-not-a-number": Case(
        "bo-sai.yaml",
        DATASET_HEAD
        + """
    pillar_points:
      - {pillar: "I", unit: don-vi-moi, period: "2024", points: "abc"}
    """,
        ("Tệp bo-sai.yaml", "pillar_points[1]", "trường «points»", "Không đọc được số", "«abc»"),
    ),
    "indicator-without-name": Case(
        "khung-sai.yaml",
        FRAMEWORK_HEAD
        + """
          - {code: "1.1", name: "Một"}
          - {code: "1.2"}
    """,
        ("Tệp khung-sai.yaml", "indicators[2] (mã «1.2»)", "trường «name»", "thiếu trường bắt buộc"),
    ),
    "unknown-unit": Case(
        "bo-sai.yaml",
        DATASET_HEAD
        + """
    values:
      - {indicator: "1", unit: don-vi-moi, period: "2024", value: "50%"}
      - {indicator: "2", unit: khong-co, period: "2024", value: "3"}
    """,
        ("Tệp bo-sai.yaml", "values[2]", "trường «unit»", "không có đơn vị mã «khong-co»"),
    ),
    "duplicate-indicator-code": Case(
        "khung-sai.yaml",
        FRAMEWORK_HEAD
        + """
          - {code: "1.1", name: "Một"}
          - {code: "1.2", name: "Hai"}
          - {code: "1.1", name: "Một lần nữa"}
    """,
        ("Tệp khung-sai.yaml", "indicators", "mã bị trùng: «1.1»"),
    ),
    "duplicate-unit-code": Case(
        "don-vi-sai.yaml",
        """
    units:
      - {code: don-vi-x, name: "Xã X", type: xa}
      - {code: don-vi-y, name: "Xã Y", type: xa}
      - {code: don-vi-x, name: "Xã X (lần 2)", type: xa}
    """,
        ("Tệp don-vi-sai.yaml", "units", "mã bị trùng: «don-vi-x»"),
    ),
    "indicator-not-in-framework": Case(
        "bo-sai.yaml",
        DATASET_HEAD
        + """
    values:
      - {indicator: "1", unit: don-vi-moi, period: "2024", value: "50%"}
      - {indicator: "2", unit: don-vi-a, period: "2024", value: "3"}
      - {indicator: "9.9", unit: don-vi-a, period: "2024", value: "3"}
    """,
        ("Tệp bo-sai.yaml", "values[3]", "trường «indicator»", "khung «khung-moi» không có chỉ số mã «9.9»"),
    ),
    "yaml-syntax-error": Case(
        "bo-sai.yaml",
        """
    dataset: bo-sai
    framework: khung-moi
    values:
      - indicator: "1"
        unit: don-vi-moi: x
        period: "2024"
    """,
        ("Tệp bo-sai.yaml", "dòng 5", "tệp YAML sai cú pháp"),
    ),  # line 5: "unit: don-vi-moi: x"
    "code-too-long-for-the-database": Case(
        "khung-sai.yaml",
        FRAMEWORK_HEAD
        + f"""
          - {{code: "{'a' * 101}", name: "Mã dài hơn cột mã (100 ký tự)"}}
    """,
        ("Tệp khung-sai.yaml", "indicators[1]", "trường «code»", "tối đa 100 ký tự"),
    ),
    "unrecognised-file": Case(
        "ghi-chu.yaml",
        """
    title: "Ghi chú cuộc họp"
    items: [a, b]
    """,
        ("Tệp ghi-chu.yaml", "không nhận ra loại tệp", "«groups»", "«units»", "«dataset»"),
    ),
}

cases = pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))


def _load_with_bad(write_yaml: WriteYaml, new_good_files: list[Path], case: Case) -> DataFileError:
    bad = write_yaml(f"moi/{case.file}", case.text)
    with pytest.raises(DataFileError) as caught:
        load_paths([*new_good_files, bad])
    return caught.value


@cases
def test_it_names_the_file_item_and_field(
    baseline: list[Path], new_good_files: list[Path], write_yaml: WriteYaml, case: Case
) -> None:
    message = str(_load_with_bad(write_yaml, new_good_files, case))
    for fragment in case.expected:
        assert fragment in message


@cases
def test_it_blames_only_the_bad_file(
    baseline: list[Path], new_good_files: list[Path], write_yaml: WriteYaml, case: Case
) -> None:
    error = _load_with_bad(write_yaml, new_good_files, case)
    assert error.problems
    assert {p.file for p in error.problems} == {case.file}


@cases
def test_it_leaves_the_database_unchanged(
    baseline: list[Path], new_good_files: list[Path], write_yaml: WriteYaml, case: Case
) -> None:
    before_counts, before_rows = counts(), snapshot()
    _load_with_bad(write_yaml, new_good_files, case)
    assert counts() == before_counts
    assert snapshot() == before_rows


@cases
def test_it_creates_nothing_from_the_good_files_loaded_with_it(
    baseline: list[Path], new_good_files: list[Path], write_yaml: WriteYaml, case: Case
) -> None:
    _load_with_bad(write_yaml, new_good_files, case)
    assert not Framework.objects.filter(code="khung-moi").exists()
    assert not OrgUnit.objects.filter(code="don-vi-moi").exists()


def test_it_quotes_unreadable_points_once(
    baseline: list[Path], new_good_files: list[Path], write_yaml: WriteYaml
) -> None:
    message = str(_load_with_bad(write_yaml, new_good_files, CASES["points-not-a-number"]))
    assert message.count("«abc»") == 1


# --- a refusal found while writing: a framework that drops an indicator holding data -----------

DROPPED_INDICATOR = """
          - code: "1.2"
            name: "Có chuyên mục chuyển đổi số"
            measure: yes_no
            max_points: 10
            rule: {kind: yes_no}
"""


@pytest.fixture
def framework_without_1_2(write_yaml: WriteYaml) -> Path:
    """khung-thu renamed, with 1.1 renamed too and 1.2 (which holds a value) dropped."""
    text = BASELINE_FRAMEWORK.replace(DROPPED_INDICATOR, "\n")
    assert text != BASELINE_FRAMEWORK
    text = text.replace('"Khung thử"', '"Khung thử (sửa)"').replace(
        "Tỷ lệ văn bản ký số", "Tỷ lệ văn bản điện tử ký số"
    )
    return write_yaml("moi/khung-thu.yaml", text)


def test_it_rolls_back_everything_when_a_framework_drops_an_indicator_with_data(
    baseline: list[Path], new_good_files: list[Path], framework_without_1_2: Path
) -> None:
    before = snapshot()
    with pytest.raises(DataFileError):
        load_paths([*new_good_files, framework_without_1_2])
    assert snapshot() == before


def test_it_names_the_file_and_indicator_when_a_framework_drops_one_with_data(
    baseline: list[Path], new_good_files: list[Path], framework_without_1_2: Path
) -> None:
    with pytest.raises(DataFileError) as caught:
        load_paths([*new_good_files, framework_without_1_2])
    message = str(caught.value)
    assert "Tệp khung-thu.yaml" in message
    assert "«1.2»" in message
