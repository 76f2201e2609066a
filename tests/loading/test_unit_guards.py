"""`chiso load` keeps existing units where they are, plain unit codes only, and reads bounded files.

A unit carries its reports, figures and people's grants: a file that silently moved it to another
province (or changed its type) would hand them to that province. A code like ``../../x`` ends up
in URLs and file names. A data file is read whole, so its size and its YAML aliases are bounded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chiso.datafiles import DataFileError, reading
from chiso.loading import load_paths
from chiso.orgunits.models import OrgUnit
from tests.loading.conftest import WriteYaml, snapshot

pytestmark = pytest.mark.django_db

TWO_PROVINCES = """
    units:
      - {code: tinh-a, name: "Tỉnh A", type: tinh}
      - {code: tinh-c, name: "Tỉnh C", type: tinh}
      - {code: so-b, name: "Sở B", type: so_ban_nganh, parent: tinh-a}
      - {code: xa-d, name: "Xã D", type: xa, parent: so-b}
"""


@pytest.fixture
def loaded(write_yaml: WriteYaml) -> None:
    load_paths([write_yaml("don-vi.yaml", TWO_PROVINCES)])


def problems_of(paths: list[Path], **options) -> str:
    with pytest.raises(DataFileError) as refused:
        load_paths(paths, **options)
    return "\n".join(map(str, refused.value.problems))


def test_moving_an_existing_unit_to_another_province_is_refused_naming_file_and_unit(
    loaded, write_yaml: WriteYaml
) -> None:
    moved = write_yaml("chuyen.yaml", TWO_PROVINCES.replace("parent: tinh-a", "parent: tinh-c"))
    before = snapshot()
    message = problems_of([moved])
    assert "Tệp chuyen.yaml, đơn vị «so-b»: tệp chuyển đơn vị đã có từ «Tỉnh A» sang «Tỉnh C»" in message
    assert "--allow-move" in message
    assert snapshot() == before


def test_the_units_below_a_moved_unit_are_named_when_the_file_lists_them(loaded, write_yaml) -> None:
    moved = write_yaml("chuyen.yaml", TWO_PROVINCES.replace("parent: tinh-a", "parent: tinh-c"))
    assert "đơn vị «xa-d»: tệp chuyển đơn vị đã có từ «Tỉnh A» sang «Tỉnh C»" in problems_of([moved])


def test_changing_an_existing_units_type_is_refused(loaded, write_yaml: WriteYaml) -> None:
    retyped = write_yaml("doi-loai.yaml", TWO_PROVINCES.replace("type: xa", "type: huyen"))
    before = snapshot()
    message = problems_of([retyped])
    assert "Tệp doi-loai.yaml, đơn vị «xa-d»: tệp đổi loại đơn vị đã có từ «Xã, phường» sang «Huyện»" in message
    assert snapshot() == before


def test_a_move_is_loaded_when_allowed_explicitly(loaded, write_yaml: WriteYaml) -> None:
    moved = write_yaml("chuyen.yaml", TWO_PROVINCES.replace("parent: tinh-a", "parent: tinh-c"))
    load_paths([moved], allow_move=True)
    assert OrgUnit.objects.get(code="so-b").parent.code == "tinh-c"


def test_a_new_unit_and_a_move_within_the_province_need_no_permission(loaded, write_yaml) -> None:
    within = write_yaml(
        "don-vi.yaml",
        TWO_PROVINCES.replace("parent: so-b", "parent: tinh-a")
        + """
      - {code: so-e, name: "Sở E", type: so_ban_nganh, parent: tinh-c}
    """,
    )
    load_paths([within])
    assert OrgUnit.objects.get(code="xa-d").parent.code == "tinh-a"
    assert OrgUnit.objects.get(code="so-e").parent.code == "tinh-c"


@pytest.mark.parametrize("code", ["../../x", "So-KHCN", "so khcn", "sở-khcn", "so_khcn", "so.khcn", "so/khcn"])
def test_a_unit_code_outside_lowercase_letters_digits_and_hyphens_is_refused(write_yaml, code) -> None:
    path = write_yaml(
        "don-vi-sai.yaml",
        f"""
        units:
          - {{code: "{code}", name: "Sở KH&CN", type: so_ban_nganh}}
    """,
    )
    message = problems_of([path])
    assert f"Tệp don-vi-sai.yaml, đơn vị «{code}»: mã đơn vị chỉ được gồm chữ thường" in message
    assert not OrgUnit.objects.exists()


def test_a_file_larger_than_the_limit_is_refused_after_reading_the_limit(tmp_path: Path) -> None:
    huge = tmp_path / "lon.yaml"
    with huge.open("wb") as handle:
        handle.truncate(reading.MAX_FILE_BYTES + 1)  # sparse: nothing written, the size declared
    message = problems_of([huge])
    assert "Tệp lon.yaml: tệp nặng hơn 16 MB, vượt giới hạn" in message


def test_an_endless_file_is_refused_after_reading_the_limit() -> None:
    assert "tệp nặng hơn 16 MB" in problems_of([Path("/dev/zero")])


def test_yaml_aliases_are_refused_before_they_expand(write_yaml: WriteYaml) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, "
        f"*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]"
        for n in range(1, 9)
    ]
    bomb = write_yaml("bom.yaml", "\n".join(lines) + "\nunits: *a8\n")  # 10⁹ values when walked
    message = problems_of([bomb])
    assert "Tệp bom.yaml, dòng 2" in message
    assert "tham chiếu YAML" in message
