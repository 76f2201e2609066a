"""The CSV files operators hand to the CLI: raw DTI values, and evaluation tables.

Values are written as in the documents (`59,65%`, `145/226`, `Có`); the locale hint says how
to read the dots and commas (`vi` by default). Errors name the file, row and column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from chiso.datafiles.errors import DataFileError, Problem
from chiso.engine.errors import EngineError
from chiso.engine.evaluation import Status, parse_status
from chiso.engine.numbers import Quantity
from chiso.engine.scoring import ScoreInput
from chiso.engine.targets import Target, parse_target
from chiso.engine.values import read_value


def read_rows(path: str | Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV (a BOM is fine) with their line numbers; checks the header."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError([Problem(path.name, "", f"không đọc được tệp CSV UTF-8 ({error})")]) from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError([Problem(path.name, "dòng 1 (tiêu đề)", f"thiếu cột {', '.join(missing)}")])
    return [(i + 2, {k.strip(): (v or "").strip() for k, v in row.items() if k}) for i, row in enumerate(reader)]


def read_values_csv(path: str | Path, locale: str = "vi") -> dict[str, ScoreInput]:
    """`code,value` rows; a code `3.5:cloud_share` gives a named input of sub-indicator 3.5."""
    rows = read_rows(path, ("code", "value"))
    values: dict[str, dict] = {}
    for _, row in rows:
        code, _, part = row["code"].partition(":")
        entry = values.setdefault(code, {"value": None, "inputs": {}})
        value = read_value(row["value"], locale)
        if part:
            entry["inputs"][part] = value
        else:
            entry["value"] = value
    return {code: ScoreInput(value=e["value"], inputs=e["inputs"]) for code, e in values.items()}


@dataclass(frozen=True)
class EvaluationRow:
    line: int
    code: str
    actual: Quantity | str | None
    target: Target
    written: Status | None
    previous: Quantity | None = None


def read_evaluation_csv(path: str | Path, locale: str = "vi") -> list[EvaluationRow]:
    """`code,actual,target[,written][,previous]` rows; every cell problem is reported at once."""
    name = Path(path).name
    out, problems = [], []
    for line, row in read_rows(path, ("code", "actual", "target")):
        try:
            written = parse_status(row.get("written"))
        except EngineError as error:
            problems.append(Problem(name, f"dòng {line}, cột «written»", str(error)))
            continue
        previous = read_value(row.get("previous", ""), locale)
        out.append(
            EvaluationRow(
                line,
                row["code"],
                read_value(row["actual"], locale),
                parse_target(row["target"], locale),
                written,
                previous if isinstance(previous, Quantity) else None,
            )
        )
    if problems:
        raise DataFileError(problems)
    return out
