"""Helpers for the `chiso load` tests: tiny data files written in tmp_path, and table snapshots."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Model
from django.forms.models import model_to_dict

from chiso.collection.models import Submission
from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target
from chiso.observations.models import (
    Dataset,
    DataValue,
    IndicatorPoints,
    PillarPoints,
    TotalPoints,
    WrittenEvaluation,
    WrittenSummary,
)
from chiso.orgunits.models import LineageEvent, OrgUnit

# Every table `chiso load` writes to.
LOADED_MODELS: tuple[type[Model], ...] = (
    Framework,
    IndicatorGroup,
    Indicator,
    Target,
    OrgUnit,
    LineageEvent,
    Dataset,
    DataValue,
    WrittenEvaluation,
    IndicatorPoints,
    PillarPoints,
    TotalPoints,
    WrittenSummary,
    Submission,
)
# The tables that hold one dataset file's records.
DATASET_RECORD_MODELS: tuple[type[Model], ...] = (
    DataValue,
    WrittenEvaluation,
    IndicatorPoints,
    PillarPoints,
    TotalPoints,
    WrittenSummary,
    Submission,
)


def row(obj: Model) -> dict[str, Any]:
    """A row as plain data, primary key included; many-to-many links as primary keys."""
    data = model_to_dict(obj)
    return {
        key: [o.pk for o in value] if isinstance(value, list) and value and isinstance(value[0], Model) else value
        for key, value in data.items()
    }


def rows(queryset) -> list[dict[str, Any]]:
    return [row(obj) for obj in queryset.order_by("pk")]


def snapshot(models: tuple[type[Model], ...] = LOADED_MODELS) -> dict[str, list[dict[str, Any]]]:
    return {model._meta.label: rows(model.objects.all()) for model in models}


def counts(models: tuple[type[Model], ...] = LOADED_MODELS) -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in models}


WriteYaml = Callable[..., Path]


@pytest.fixture
def write_yaml(tmp_path: Path) -> WriteYaml:
    """write_yaml("moi/khung.yaml", text) writes dedented UTF-8 text under tmp_path."""

    def write(relative: str, text: str) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


# A small scored framework, two units and a dataset using both: the database a refused load must
# leave exactly as it was.
BASELINE_FRAMEWORK = """
    id: khung-thu
    kind: dti
    name: "Khung thử"
    period: "2025"
    locale: vi
    max_points: 20
    groups:
      - code: "1"
        name: "Nhận thức số"
        max_points: 20
        indicators:
          - code: "1.1"
            name: "Tỷ lệ văn bản ký số"
            measure: percent
            max_points: 10
            rule: {kind: linear, target: 100}
            targets:
              - {period: "2025", text: "100%"}
          - code: "1.2"
            name: "Có chuyên mục chuyển đổi số"
            measure: yes_no
            max_points: 10
            rule: {kind: yes_no}
"""

BASELINE_UNITS = """
    units:
      - {code: don-vi-a, name: "Tỉnh A", type: tinh}
      - {code: don-vi-b, name: "Sở B", type: so_ban_nganh, parent: don-vi-a}
"""

BASELINE_DATASET = """
    dataset: bo-thu
    framework: khung-thu
    locale: vi
    source: {file: thu.txt}
    values:
      - {indicator: "1.1", unit: don-vi-a, period: "2024", value: "83,80%"}
      - {indicator: "1.2", unit: don-vi-b, period: "2024", value: "Có"}
    evaluations:
      - {indicator: "1.1", unit: don-vi-a, period: "2024", target_period: "2025", written: "Chưa đạt"}
    pillar_points:
      - {pillar: "1", unit: don-vi-a, period: "2024", points: "15,5"}
    targets:
      - {indicator: "1.1", unit: don-vi-a, period: "2026", text: "90%"}
    submissions:
      - unit: don-vi-b
        period: "2024-11"
        deadline: "2024-11-18"
        document_date: "2024-11-15"
        on_time_written: true
"""

# Good files loaded together with a bad one: none of this may reach the database.
NEW_FRAMEWORK = """
    id: khung-moi
    kind: plan
    name: "Kế hoạch mới"
    period: "2021-2025"
    locale: vi
    groups:
      - code: "I"
        name: "Chính quyền số"
        indicators:
          - {code: "1", name: "Tỷ lệ hồ sơ trực tuyến", measure: percent}
          - {code: "2", name: "Số nền tảng dùng chung", measure: count}
"""

NEW_UNITS = """
    units:
      - {code: don-vi-moi, name: "Xã Mới", type: xa, parent: don-vi-a}
"""


@pytest.fixture
def baseline(db: None, write_yaml: WriteYaml) -> list[Path]:
    """Load the baseline files; return their paths."""
    from chiso.loading import load_paths

    paths = [
        write_yaml("nen/khung-thu.yaml", BASELINE_FRAMEWORK),
        write_yaml("nen/don-vi.yaml", BASELINE_UNITS),
        write_yaml("nen/bo-thu.yaml", BASELINE_DATASET),
    ]
    load_paths(paths)
    return paths


@pytest.fixture
def new_good_files(write_yaml: WriteYaml) -> list[Path]:
    return [write_yaml("moi/khung-moi.yaml", NEW_FRAMEWORK), write_yaml("moi/don-vi-moi.yaml", NEW_UNITS)]
