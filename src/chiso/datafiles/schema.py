"""The shape of each data file, as pydantic models (docs/data-format.md).

Fields that hold printed text accept numbers too (YAML reads `100` as an int) and keep them
as text; points accept numbers or text written in the file's locale.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator

from chiso.engine.aggregation import DECLARABLE
from chiso.engine.errors import EngineError, PeriodError
from chiso.engine.numbers import parse_decimal
from chiso.engine.periods import parse_period
from chiso.engine.scoring import RULES, ScoreKind
from chiso.engine.values import ValueKind


def _as_text(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_as_text)]
# Codes are stored in columns of 100 characters (org-unit and dataset slugs likewise).
Code = Annotated[str, BeforeValidator(_as_text), Field(min_length=1, max_length=100)]

# The engine's enumerations, taken from it; the two the engine does not know (unit types and
# measures are the Django models' choices) are tied to those by tests/datafiles/test_enumerations.
RULE_KINDS = tuple(RULES)
SCORE_KINDS = tuple(k.value for k in ScoreKind)
VALUE_KINDS = tuple(k.value for k in ValueKind)
UNIT_TYPES = ("tinh", "so_ban_nganh", "huyen", "xa", "doanh_nghiep")
MEASURES = ("percent", "count", "ratio", "yes_no", "level", "text", "money", "per_100", "per_1000")


class Record(BaseModel):
    """Base of every record: the common provenance fields, other keys kept as they are.

    `note` is text the source prints with the record (a "Ghi chú" cell) and may be printed;
    `source_note` is the transcriber's note on how the source was read (page breaks, line
    numbers, inferences), for developers only: it is kept with the record's own `source` (as
    `source["note"]`; a record that takes the file's source keeps it in the file) and no
    document, export or page prints it.
    """

    model_config = ConfigDict(extra="allow")

    source: dict[str, Any] | None = None
    provisional: bool = False
    note: Text | None = None
    source_note: Text | None = None
    raw: Any = None

    @model_validator(mode="after")
    def _keep_source_note(self) -> Record:
        if self.source_note and self.source:
            self.source = {**(self.source or {}), "note": self.source_note}
        return self


def _period_id(value: Any) -> str:
    text = _as_text(value)
    try:
        return parse_period(text).id
    except PeriodError as error:
        raise ValueError(error.message_vi + f" (nhận được «{text}»)") from None


PeriodId = Annotated[str, BeforeValidator(_period_id)]


def _points(value: Any, info: ValidationInfo) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    locale = (info.context or {}).get("locale", "vi")
    try:
        return parse_decimal(str(value), locale)
    except EngineError as error:
        raise ValueError(f"{error.message_vi} (nhận được «{value}»)") from None


# --- frameworks ----------------------------------------------------------------------------


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: Literal[RULE_KINDS]  # type: ignore[valid-type]
    external: bool = False


class TargetSpecModel(BaseModel):
    model_config = ConfigDict(extra="allow")

    period: PeriodId
    text: Text


class IndicatorSpec(Record):
    code: Code
    name: Text
    measure: Literal[MEASURES] = "percent"  # type: ignore[valid-type]
    max_points: Decimal | None = None
    rule: RuleSpec | None = None
    confidence: dict[str, Text] | None = None
    aggregation: Literal[DECLARABLE] = "none"  # type: ignore[valid-type]
    targets: list[TargetSpecModel] = []


class GroupSpec(Record):
    code: Code
    name: Text
    max_points: Decimal | None = None
    indicators: list[IndicatorSpec]


class FrameworkFile(Record):
    id: Code
    kind: Literal["dti", "plan", "programme", "unit_index"]
    name: Text
    legal_basis: Text | None = None
    issuer: Text | None = None
    period: PeriodId | None = None
    locale: Literal["vi", "en"] = "vi"
    max_points: Decimal | None = None
    groups: list[GroupSpec] = Field(min_length=1)


# --- org units -----------------------------------------------------------------------------


class UnitSpec(Record):
    code: Code
    name: Text
    short_name: Text | None = None
    type: Literal[UNIT_TYPES]  # type: ignore[valid-type]
    parent: Code | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    aliases: list[Text] = []


class LineageSpec(Record):
    kind: Literal["merge", "split", "rename"]
    date: dt.date
    from_: list[Code] = Field(alias="from", min_length=1)
    to: list[Code] = Field(min_length=1)


class OrgUnitFile(Record):
    units: list[UnitSpec] = Field(min_length=1)
    lineage: list[LineageSpec] = []


# --- datasets ------------------------------------------------------------------------------


class _UnitRecord(Record):
    framework: Code | None = None
    unit: Code | None = None
    uncertain_unit: bool = False
    period: PeriodId


class ValueRecord(_UnitRecord):
    indicator: Code
    value: Text | None = None
    inputs: dict[str, Text | None] = {}
    kind: Literal[VALUE_KINDS] = "reported"  # type: ignore[valid-type]


class EvaluationRecord(_UnitRecord):
    indicator: Code
    target_period: PeriodId
    written: Text | None = ""


class PointsRecord(_UnitRecord):
    indicator: Code
    published_year: int | None = None
    kind: Literal[SCORE_KINDS] = "published"  # type: ignore[valid-type]
    points: Annotated[Decimal | None, BeforeValidator(_points)]
    max_points: Annotated[Decimal | None, BeforeValidator(_points)] = None
    cause: Text | None = None
    solution: Text | None = None
    lead: Text | None = None


class PillarRecord(_UnitRecord):
    pillar: Code
    published_year: int | None = None
    kind: Literal[SCORE_KINDS] = "published"  # type: ignore[valid-type]
    points: Annotated[Decimal, BeforeValidator(_points)]
    rank: Text | None = None


class TotalRecord(_UnitRecord):
    published_year: int | None = None
    kind: Literal[SCORE_KINDS] = "published"  # type: ignore[valid-type]
    points: Annotated[Decimal | None, BeforeValidator(_points)] = None
    rank: Text | None = None


class SummaryRecord(_UnitRecord):
    target_period: PeriodId | None = None
    text: Text
    counts: dict[str, int] = {}


class TargetRecord(_UnitRecord):
    indicator: Code
    text: Text
    lead: Text | None = None
    coordinating: Text | None = None
    deadline: Text | None = None


class TemplateFlags(BaseModel):
    model_config = ConfigDict(extra="allow")

    received: bool | None = None
    complete: bool | None = None


class SubmissionRecord(_UnitRecord):
    deadline: dt.date
    document_date: dt.date | None = None
    on_time_written: bool | None = None
    narrative: TemplateFlags = TemplateFlags()
    appendix: TemplateFlags = TemplateFlags()
    document: Text | None = None


class DeclaredIndicator(Record):
    code: Code
    name: Text
    measure: Literal[MEASURES] = "percent"  # type: ignore[valid-type]


class DatasetFile(Record):
    dataset: Code
    framework: Code | None = None
    # The name of the framework its declared indicators form, as a reader calls it.
    framework_name: Text | None = None
    locale: Literal["vi", "en"] = "vi"
    indicators: list[DeclaredIndicator] = []
    values: list[ValueRecord] = []
    evaluations: list[EvaluationRecord] = []
    indicator_points: list[PointsRecord] = []
    pillar_points: list[PillarRecord] = []
    totals: list[TotalRecord] = []
    summaries: list[SummaryRecord] = []
    targets: list[TargetRecord] = []
    submissions: list[SubmissionRecord] = []
