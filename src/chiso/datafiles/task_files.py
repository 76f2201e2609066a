"""The shape of task and project files (`src/chiso/data/tasks/`), and their own checks.

A tasks file has `dataset` and `tasks` (000 Phụ lục V; 001 §V and Phụ lục II); a projects
file has `dataset` and `projects` (000 Phụ lục VI). Agencies stay as printed: the loader
matches them to org units. Every deadline must read (`chiso.engine.deadlines`), so a wording the
engine does not know stops the load with the item and field named.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

from chiso.datafiles.errors import Problem
from chiso.datafiles.schema import Code, PeriodId, Record, Text
from chiso.engine.deadlines import DeadlineError, parse_deadline
from chiso.engine.errors import EngineError
from chiso.engine.numbers import parse_decimal
from chiso.engine.periods import parse_period


class IndicatorLink(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: Code
    provisional: bool = False
    note: Text | None = None


class TaskRecord(Record):
    code: Code
    description: Text
    name: Text | None = None
    output: Text | None = None
    deadline: Text | None = None
    lead: Text | None = None
    coordinating: Text | None = None
    status: Text | None = None
    period: PeriodId | None = None
    group: Text | None = None
    group_path: list[Text] = []
    heading: Text | None = None
    indicators: list[Code | IndicatorLink] = []
    framework: Code | None = None


class TaskGroup(Record):
    code: Code
    title: Text
    parent: Code | None = None


class TaskFile(Record):
    dataset: Code
    framework: Code | None = None
    locale: Literal["vi", "en"] = "vi"
    period: PeriodId | None = None
    province: Code | None = None
    columns: dict[str, Any] = {}
    plan: dict[str, Any] | None = None
    groups: list[TaskGroup] = []
    tasks: list[TaskRecord] = Field(min_length=1)

    @property
    def plan_year(self) -> int | None:
        """The year a deadline without one ("Tháng 12") belongs to: the plan's, else the period's."""
        year = (self.plan or {}).get("year")
        if year:
            return int(year)
        return parse_period(self.period).start.year if self.period else None

    @property
    def plan_title(self) -> str:
        plan = self.plan or {}
        parts = [str(plan[k]) for k in ("title", "legal_basis") if plan.get(k)]
        return " — ".join(parts)


# --- projects -------------------------------------------------------------------------------


def _amount(value: Any, info: ValidationInfo) -> Decimal | None:
    """An amount as printed, read in the file's `amounts_locale`.

    000 Phụ lục VI writes "43,300" with a comma between thousands although the rest of 000 is
    Vietnamese (dot thousands); its file therefore says `amounts_locale: en`, and "43,300" reads
    as 43 300 million VND, not 43,3.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value)
    locale = (info.context or {}).get("amounts_locale", "vi")
    try:
        return parse_decimal(str(value), locale)
    except EngineError as error:
        raise ValueError(f"{error.message_vi} (nhận được «{value}»)") from None


Amount = Annotated[Decimal | None, BeforeValidator(_amount)]
_EVENT_DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")


def _event_date(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    if not _EVENT_DATE.match(text):
        raise ValueError(f"ngày phải viết YYYY-MM-DD hoặc chỉ năm YYYY (nhận được «{text}»)")
    return text


EVENT_KINDS = (
    "submitted",
    "resubmitted",
    "consultation",
    "appraisal_meeting",
    "appraised",
    "approved",
    "planned_submission",
    "expected_completion",
    "completed",
)


class ProjectEventSpec(Record):
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    date: Annotated[str | None, BeforeValidator(_event_date)] = None
    date_text: Text | None = None
    document: Text | None = None
    by: Text | None = None
    text: Text | None = None


class ProjectRecord(Record):
    code: Code
    name: Text
    group: Code
    total: Amount = None
    central: Amount = None
    local: Amount = None
    other: Amount = None
    period: Text | None = None
    lead: Text | None = None
    status: Text | None = None
    events: list[ProjectEventSpec] = []


class ProjectGroupSpec(Record):
    group: Code
    title: Text
    parent: Code | None = None


class PrintedTotalSpec(Record):
    row: Text
    group: Code | None = None
    title: Text
    total: Amount = None
    central: Amount = None
    local: Amount = None


class ProjectFile(Record):
    dataset: Code
    locale: Literal["vi", "en"] = "vi"
    amounts_locale: Literal["vi", "en"] | None = None
    period: PeriodId | None = None
    province: Code | None = None
    groups: list[ProjectGroupSpec] = Field(min_length=1)
    projects: list[ProjectRecord] = Field(min_length=1)
    printed_totals: list[PrintedTotalSpec] = []


def validation_context(data: dict) -> dict:
    return {
        "locale": data.get("locale", "vi"),
        "amounts_locale": data.get("amounts_locale") or data.get("locale", "vi"),
    }


# --- checks within a file -------------------------------------------------------------------


def check_task_file(name: str, m: TaskFile) -> list[Problem]:
    """Duplicate codes and deadlines the engine cannot read."""
    problems = _dupes(name, "tasks", [t.code for t in m.tasks])
    for i, t in enumerate(m.tasks):
        try:
            parse_deadline(t.deadline, m.plan_year)
        except DeadlineError as error:
            problems.append(
                Problem(
                    name,
                    f"tasks[{i + 1}] (mã «{t.code}») › trường «deadline»",
                    f"{error.message_vi} (nhận được «{t.deadline}»)",
                )
            )
    return problems


def check_project_file(name: str, m: ProjectFile) -> list[Problem]:
    """Duplicate codes and projects in groups the file does not declare."""
    problems = _dupes(name, "projects", [p.code for p in m.projects])
    problems += _dupes(name, "groups", [g.group for g in m.groups])
    groups = {g.group for g in m.groups}
    for i, p in enumerate(m.projects):
        if p.group not in groups:
            problems.append(
                Problem(
                    name,
                    f"projects[{i + 1}] (mã «{p.code}») › trường «group»",
                    f"không có nhóm «{p.group}» trong mục groups",
                )
            )
    for i, g in enumerate(m.groups):
        if g.parent and g.parent not in groups:
            problems.append(
                Problem(name, f"groups[{i + 1}] (mã «{g.group}») › trường «parent»", f"không có nhóm «{g.parent}»")
            )
    return problems


def check_task_references(name: str, m: TaskFile | ProjectFile, frameworks: dict, units: set[str]) -> list[Problem]:
    """The province is a known unit; every indicator a task serves exists in its framework."""
    problems = []
    if m.province and m.province not in units:
        problems.append(Problem(name, "trường «province»", f"không có đơn vị mã «{m.province}»"))
    if isinstance(m, ProjectFile):
        return problems
    for i, t in enumerate(m.tasks):
        if not t.indicators:
            continue
        fw_id = t.framework or m.framework
        place = f"tasks[{i + 1}] (mã «{t.code}»)"
        framework = frameworks.get(fw_id) if fw_id else None
        if framework is None:
            problems.append(
                Problem(
                    name,
                    place + " › trường «framework»",
                    f"không có khung chỉ số mã «{fw_id}»"
                    if fw_id
                    else "thiếu trường «framework» cho các chỉ số của nhiệm vụ",
                )
            )
            continue
        codes = {ind.code for ind in framework.indicators}
        for link in t.indicators:
            code = link if isinstance(link, str) else link.code
            if code not in codes:
                problems.append(
                    Problem(name, place + " › trường «indicators»", f"khung «{fw_id}» không có chỉ số mã «{code}»")
                )
    return problems


def _dupes(name: str, section: str, keys: list) -> list[Problem]:
    from collections import Counter

    return [
        Problem(name, section, f"mã bị trùng: «{k}» (xuất hiện {n} lần)") for k, n in Counter(keys).items() if n > 1
    ]
