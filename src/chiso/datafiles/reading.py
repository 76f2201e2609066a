"""Read data files, validate them completely, and check their cross references.

`read_paths` validates every file before anything is written anywhere: it returns the parsed
files or raises `DataFileError` with all the problems found, each naming file, item and field.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from chiso.datafiles.errors import DataFileError, Problem, problems_from_validation
from chiso.datafiles.schema import DatasetFile, FrameworkFile, OrgUnitFile
from chiso.datafiles.task_files import ProjectFile, TaskFile, check_project_file, check_task_file, check_task_references
from chiso.datafiles.task_files import validation_context as task_validation_context
from chiso.engine.frameworks import Framework, Group, Indicator, Rule, make_target

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
KIND_ORDER = {"framework": 0, "orgunits": 1, "dataset": 2, "tasks": 3}
# The largest bundled file is under 100 KB; a file far beyond this is a mistake or an attack,
# and it would be read, parsed and validated whole.
MAX_FILE_BYTES = 16 * 1024 * 1024
# Unit codes end up in URLs, file names (Excel downloads) and grants: plain slugs only.
UNIT_CODE = re.compile(r"[a-z0-9-]+")


class _AliasFound(Exception):
    def __init__(self, mark):
        self.mark = mark


# libyaml's loader when PyYAML was built with it: 5× faster than the pure-Python one on the
# bundled data (every `chiso load`, `chiso synth` and test fixture reads it); same values.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe_load_without_aliases(text: str) -> Any:
    """safe_load without aliases (``*name``): a few lines of aliases can stand for billions of
    values once the data is walked, and no chiso data file needs them. An alias is found among
    the parser's events, before anything is built (a text without ``*`` has none)."""
    if "*" in text:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise _AliasFound(event.start_mark)
    return yaml.load(text, Loader=_SafeLoader)


def _where(mark) -> str:
    return f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refused past MAX_FILE_BYTES without reading further (even /dev/zero)."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(
            [
                Problem(
                    path.name,
                    "",
                    f"tệp nặng hơn {MAX_FILE_BYTES // 1048576} MB, "
                    "vượt giới hạn của một tệp dữ liệu; hãy chia thành nhiều tệp nhỏ hơn",
                )
            ]
        )
    return raw


@dataclass
class ParsedFile:
    path: Path
    kind: str
    model: BaseModel | None
    data: dict[str, Any]
    sha256: str
    frameworks: list[Framework] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def read_paths(
    paths: Iterable[str | Path],
    *,
    known_frameworks: dict[str, Framework] | None = None,
    known_units: set[str] | None = None,
) -> list[ParsedFile]:
    """Read and check files and folders (folders: every *.yaml inside, sorted).

    Cross references are checked against what these files define plus `known_frameworks`
    and `known_units` (what the database already holds).
    """
    files, problems = [], []
    for path in _expand(paths):
        try:
            files.append(read_file(path))
        except DataFileError as error:
            problems.extend(error.problems)
    if problems:
        raise DataFileError(problems)
    files.sort(key=lambda f: (KIND_ORDER[f.kind], str(f.path)))
    frameworks = dict(known_frameworks or {})
    for f in files:
        for fw in f.frameworks:
            if fw.id in frameworks and known_frameworks is not None and fw.id not in known_frameworks:
                problems.append(Problem(f.name, f"khung «{fw.id}»", "trùng mã khung với tệp khác"))
            frameworks[fw.id] = fw
    units = set(known_units or set())
    for f in files:
        if f.kind == "orgunits":
            units |= {u.code for u in f.model.units}
    for f in files:
        problems.extend(check_references(f, frameworks, units))
    if problems:
        raise DataFileError(problems)
    return files


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.yaml") if q.is_file()))
        else:
            out.append(p)
    return out


def read_file(path: str | Path) -> ParsedFile:
    """Read one YAML file and validate its shape (no cross-file references yet)."""
    path = Path(path)
    name = path.name
    try:
        raw_bytes = _read_bounded(path)
    except OSError as error:
        raise DataFileError([Problem(name, "", f"không đọc được tệp ({error.strerror})")]) from None
    try:
        data = _safe_load_without_aliases(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataFileError([Problem(name, "", "tệp không phải văn bản UTF-8")]) from None
    except _AliasFound as found:
        raise DataFileError(
            [
                Problem(
                    name,
                    _where(found.mark),
                    "tệp dùng tham chiếu YAML (*tên); chiso không nhận tham chiếu, hãy viết đầy đủ giá trị",
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DataFileError(
            [Problem(name, _where(getattr(error, "problem_mark", None)), "tệp YAML sai cú pháp")]
        ) from None
    if not isinstance(data, dict):
        raise DataFileError([Problem(name, "", "tệp phải là một bảng YAML (khóa: giá trị)")])
    kind = classify(data)
    if kind is None:
        raise DataFileError(
            [
                Problem(
                    name,
                    "",
                    "không nhận ra loại tệp: cần có khóa «groups» "
                    "(khung chỉ số), «units» (đơn vị) hoặc «dataset» (bộ số liệu)",
                )
            ]
        )
    sha = hashlib.sha256(raw_bytes).hexdigest()
    if kind == "tasks":
        return _read_tasks(path, data, sha)
    model_class = {"framework": FrameworkFile, "orgunits": OrgUnitFile, "dataset": DatasetFile}[kind]
    try:
        model = model_class.model_validate(data, context={"locale": data.get("locale", "vi")})
    except ValidationError as error:
        raise DataFileError(problems_from_validation(name, data, error)) from None
    parsed = ParsedFile(path, kind, model, data, sha)
    problems = check_duplicates(parsed) + check_unit_codes(parsed)
    if problems:
        raise DataFileError(problems)
    if kind == "framework":
        parsed.frameworks = [to_engine(model)]
    elif kind == "dataset" and model.indicators:
        parsed.frameworks = [declared_framework(model)]
    return parsed


def _read_tasks(path: Path, data: dict[str, Any], sha: str) -> ParsedFile:
    """A tasks file (`tasks`) or a projects file (`projects`), validated and checked."""
    is_projects = "projects" in data
    model_class = ProjectFile if is_projects else TaskFile
    try:
        model = model_class.model_validate(data, context=task_validation_context(data))
    except ValidationError as error:
        raise DataFileError(problems_from_validation(path.name, data, error)) from None
    problems = (check_project_file if is_projects else check_task_file)(path.name, model)
    if problems:
        raise DataFileError(problems)
    return ParsedFile(path, "tasks", model, data, sha)


def classify(data: dict[str, Any]) -> str | None:
    if "dataset" in data and ("projects" in data or "tasks" in data):
        return "tasks"  # before "groups": task and project files have groups of their own
    if "groups" in data:
        return "framework"
    if "units" in data:
        return "orgunits"
    if "dataset" in data:
        return "dataset"
    return None


# --- duplicates within a file ---------------------------------------------------------------

DATASET_KEYS = {
    "values": ("framework", "indicator", "unit", "period", "kind"),
    "evaluations": ("framework", "indicator", "unit", "period", "target_period"),
    "indicator_points": ("framework", "indicator", "unit", "period", "kind"),
    "pillar_points": ("framework", "pillar", "unit", "period", "kind"),
    "totals": ("framework", "unit", "period", "kind"),
    "targets": ("framework", "indicator", "unit", "period"),
    "submissions": ("unit", "period"),
}


def check_duplicates(f: ParsedFile) -> list[Problem]:
    m = f.model
    if f.kind == "framework":
        problems = _dupes(f.name, "groups", [g.code for g in m.groups])
        codes = [i.code for g in m.groups for i in g.indicators]
        return problems + _dupes(f.name, "indicators", codes)
    if f.kind == "orgunits":
        return _dupes(f.name, "units", [u.code for u in m.units])
    problems = _dupes(f.name, "indicators", [i.code for i in m.indicators])
    for section, key in DATASET_KEYS.items():
        rows = [
            tuple(getattr(r, k, None) or (m.framework if k == "framework" else None) for k in key)
            for r in getattr(m, section)
        ]
        problems += _dupes(f.name, section, rows)
    return problems


def check_unit_codes(f: ParsedFile) -> list[Problem]:
    """Every unit an org-unit file defines has a plain code (``so-khcn``, never ``../../x``)."""
    if f.kind != "orgunits":
        return []
    return [
        Problem(
            f.name,
            f"đơn vị «{u.code}»",
            "mã đơn vị chỉ được gồm chữ thường không dấu (a–z), chữ số và dấu gạch ngang (-), ví dụ «so-khcn»",
        )
        for u in f.model.units
        if not UNIT_CODE.fullmatch(u.code)
    ]


def _dupes(name: str, section: str, keys: list) -> list[Problem]:
    return [
        Problem(name, f"{section}", f"mã bị trùng: {_show(k)} (xuất hiện {n} lần)")
        for k, n in Counter(keys).items()
        if n > 1
    ]


def _show(key: Any) -> str:
    if isinstance(key, tuple):
        return " / ".join(str(k) for k in key if k is not None)
    return f"«{key}»"


# --- references across files ----------------------------------------------------------------


def check_references(f: ParsedFile, frameworks: dict[str, Framework], units: set[str]) -> list[Problem]:
    if f.kind == "orgunits":
        return _check_unit_refs(f, units)
    if f.kind == "tasks":
        return check_task_references(f.name, f.model, frameworks, units)
    if f.kind != "dataset":
        return []
    m, problems = f.model, []
    for section in DATASET_KEYS:
        for i, record in enumerate(getattr(m, section)):
            place = f"{section}[{i + 1}]"
            problems += _check_record(f.name, place, record, m.framework, frameworks, units, section)
    return problems


def _check_record(name, place, record, default_fw, frameworks, units, section) -> list[Problem]:
    problems = []
    unit = getattr(record, "unit", None)
    if unit is None and section != "totals" and not getattr(record, "uncertain_unit", False):
        problems.append(Problem(name, place, "thiếu trường «unit» (mã đơn vị)"))
    elif unit is not None and unit not in units:
        problems.append(Problem(name, place + " › trường «unit»", f"không có đơn vị mã «{unit}»"))
    if section == "submissions":
        return problems
    fw_id = getattr(record, "framework", None) or default_fw
    if fw_id is None:
        return problems + [Problem(name, place, "thiếu trường «framework» (mã khung chỉ số)")]
    framework = frameworks.get(fw_id)
    if framework is None:
        return problems + [Problem(name, place + " › trường «framework»", f"không có khung chỉ số mã «{fw_id}»")]
    code = getattr(record, "indicator", None)
    if code is not None and code not in {i.code for i in framework.indicators}:
        problems.append(Problem(name, place + " › trường «indicator»", f"khung «{fw_id}» không có chỉ số mã «{code}»"))
    pillar = getattr(record, "pillar", None)
    if pillar is not None and pillar not in {g.code for g in framework.groups}:
        problems.append(
            Problem(name, place + " › trường «pillar»", f"khung «{fw_id}» không có chỉ số chính mã «{pillar}»")
        )
    return problems


def _check_unit_refs(f: ParsedFile, units: set[str]) -> list[Problem]:
    problems = []
    for i, u in enumerate(f.model.units):
        if u.parent and u.parent not in units:
            problems.append(
                Problem(f.name, f"units[{i + 1}] (mã «{u.code}») › trường «parent»", f"không có đơn vị mã «{u.parent}»")
            )
    for i, event in enumerate(f.model.lineage):
        for code in event.from_ + event.to:
            if code not in units:
                problems.append(Problem(f.name, f"lineage[{i + 1}]", f"không có đơn vị mã «{code}»"))
    return problems


# --- conversion to engine objects -----------------------------------------------------------


def to_engine(m: FrameworkFile) -> Framework:
    groups = tuple(
        Group(
            code=g.code,
            name=g.name,
            max_points=g.max_points,
            indicators=tuple(
                Indicator(
                    code=i.code,
                    name=i.name,
                    measure=i.measure,
                    max_points=i.max_points,
                    rule=_rule(i.rule.model_dump(by_alias=True)) if i.rule else None,
                    provisional=i.provisional,
                    note=i.note or "",
                    aggregation=i.aggregation,
                    targets=tuple(make_target(t.period, t.text, m.locale) for t in i.targets),
                )
                for i in g.indicators
            ),
        )
        for g in m.groups
    )
    return Framework(
        id=m.id,
        name=m.name,
        kind=m.kind,
        groups=groups,
        period=m.period or "",
        locale=m.locale,
        max_points=m.max_points,
    )


def stored_framework(definition: dict[str, Any]) -> Framework:
    """The engine's framework from the file content stored with a loaded framework (the
    ``definition`` column of ``frameworks.Framework``): read here, beside the file reader, so the
    scores (observations) and the loader both build it without one importing the other."""
    return to_engine(FrameworkFile.model_validate(definition, context={"locale": definition.get("locale", "vi")}))


def _rule(spec: dict[str, Any]) -> Rule:
    params = {k: v for k, v in spec.items() if k not in ("kind", "external")}
    if "parts" in params:
        params["parts"] = [dict(p, rule=_rule(p["rule"])) for p in params["parts"]]
    return Rule(kind=spec["kind"], params=params, external=bool(spec.get("external")))


def declared_framework(m: DatasetFile) -> Framework:
    """A dataset may declare indicators of a plan whose own text is not at hand (004 reports
    against a 2023 plan the seeds do not contain); they form a provisional framework."""
    indicators = tuple(
        Indicator(code=i.code, name=i.name, measure=i.measure, provisional=True, note=i.note or "")
        for i in m.indicators
    )
    name = m.framework_name or f"Chỉ tiêu khai báo trong bộ số liệu {m.dataset}"
    return Framework(
        id=m.framework or m.dataset,
        name=name,
        kind="plan",
        groups=(Group(code="1", name="Chỉ tiêu", indicators=indicators),),
        locale=m.locale,
    )


def framework_path(framework_id: str) -> Path:
    return BUNDLED_DATA / "frameworks" / f"{framework_id}.yaml"


def load_framework(framework_id_or_path: str | Path) -> Framework:
    """The engine framework from a bundled id (`dti-tinh-2025`) or a file path."""
    path = Path(framework_id_or_path)
    if not path.suffix:
        path = framework_path(str(framework_id_or_path))
    if not path.exists():
        raise DataFileError([Problem(path.name, "", f"không có khung chỉ số «{framework_id_or_path}»")])
    parsed = read_file(path)
    if parsed.kind != "framework":
        raise DataFileError([Problem(path.name, "", "tệp này không phải khung chỉ số")])
    return parsed.frameworks[0]


def decimal_or_none(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))
