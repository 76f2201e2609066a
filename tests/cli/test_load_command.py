"""`chiso load` on the command line: what the operator sees, and the exit code scripts rely on."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chiso.cli import main
from chiso.frameworks.models import Framework
from chiso.loading.demo import bundled_paths
from chiso.orgunits.models import OrgUnit

# The CLI sets Django up itself and writes in its own transaction.
pytestmark = pytest.mark.django_db(transaction=True)

GOOD_UNITS = """
    units:
      - {code: don-vi-a, name: "Tỉnh A", type: tinh}
"""

BAD_FRAMEWORK = """
    id: khung-sai
    kind: dti
    name: "Khung sai"
    groups:
      - code: "1"
        name: "Nhận thức số"
        indicators:
          - {code: "1.1", name: "Một", max_points: "mười"}
"""


def _runner() -> CliRunner:
    """A runner that keeps stderr apart (click < 8.2 needs mix_stderr=False; later always does)."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def _load(*paths: Path) -> Result:
    return _runner().invoke(main, ["load", *map(str, paths)])


@pytest.fixture
def bad_load(tmp_path: Path) -> Result:
    good = tmp_path / "don-vi.yaml"
    good.write_text(textwrap.dedent(GOOD_UNITS), encoding="utf-8")
    bad = tmp_path / "khung-sai.yaml"
    bad.write_text(textwrap.dedent(BAD_FRAMEWORK), encoding="utf-8")
    return _load(good, bad)


def test_it_exits_with_code_2_on_a_bad_file(bad_load: Result) -> None:
    assert bad_load.exit_code == 2, bad_load.output


def test_it_prints_an_error_line_naming_the_file_and_field(bad_load: Result) -> None:
    errors = [line for line in bad_load.stderr.splitlines() if line.startswith("Lỗi:")]
    assert len(errors) == 1
    assert "Tệp khung-sai.yaml" in errors[0]
    assert "indicators[1] (mã «1.1») › trường «max_points»" in errors[0]
    assert "phải là số" in errors[0]


def test_it_says_on_stderr_that_nothing_was_loaded(bad_load: Result) -> None:
    assert "Không nạp gì" in bad_load.stderr
    assert bad_load.stdout == ""


def test_it_loads_nothing_from_the_good_file_beside_a_bad_one(bad_load: Result) -> None:
    assert not OrgUnit.objects.exists()
    assert not Framework.objects.exists()


def test_it_reports_what_it_added_on_the_first_load() -> None:
    result = _load(*bundled_paths())
    assert result.exit_code == 0, result.output
    assert "Thêm mới" in result.stdout
    assert "không thay đổi gì" not in result.stdout


def test_it_says_nothing_changed_on_the_second_load() -> None:
    assert _load(*bundled_paths()).exit_code == 0
    result = _load(*bundled_paths())
    assert result.exit_code == 0, result.output
    assert "không thay đổi gì" in result.stdout
    assert "Thêm mới" not in result.stdout
