"""What the API sends and accepts (pydantic schemas, shown in the OpenAPI document).

What it accepts is bounded here, where the request is read: texts by length and by the
characters they may hold (chiso.engine.limits), numbers by what their column can store. A new
schema uses these types and its input is refused with a 422 in Vietnamese, never a 500.
"""

import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, BaseModel, StringConstraints

from chiso.engine.limits import LINE_LENGTH, TEXT_LENGTH, forbidden_character

# Django's ids are 64-bit; a larger number would overflow the database's integer.
ID_LIMIT = 2**63 - 1
# Versions are PositiveIntegerField: 32-bit in PostgreSQL.
VERSION_LIMIT = 2**31 - 1


def _storable(text: str) -> str:
    bad = forbidden_character(text)
    if bad:
        raise ValueError(f"có {bad}, không lưu được")
    return text


# A code or filter (mã đơn vị, kỳ, trạng thái): one line, short.
Code = Annotated[str, StringConstraints(max_length=100), AfterValidator(_storable)]
# One line stored in a varchar(255): a value as typed, a reference.
Line = Annotated[str, StringConstraints(max_length=LINE_LENGTH), AfterValidator(_storable)]
# Free text (a text value, a comment): as long as one Excel cell, so the workbook keeps it whole.
Text = Annotated[str, StringConstraints(max_length=TEXT_LENGTH), AfterValidator(_storable)]
RecordId = Annotated[int, Field(ge=1, le=ID_LIMIT)]
Version = Annotated[int, Field(ge=1, le=VERSION_LIMIT)]


class FrameworkOut(Schema):
    code: str
    kind: str
    name: str
    legal_basis: str
    issuer: str
    period: str
    max_points: float | None


class IndicatorOut(Schema):
    id: int
    framework: str
    group: str
    code: str
    name: str
    measure: str
    max_points: float | None
    provisional: bool


class OrgUnitOut(Schema):
    code: str
    name: str
    type: str
    parent: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class PeriodOut(Schema):
    period: str
    values: int
    submissions: int


# A plain pydantic model, not a ninja Schema: Schema's per-object validator (made for model
# objects) cost more than the rest of a 1,000-row page, and a figure is only ever made from a dict.
class ValueOut(BaseModel):
    origin: str = Field(
        description="document: chép từ văn bản; submission: đơn vị nhập trong báo cáo định kỳ; "
        "rollup: tổng hợp từ báo cáo đã duyệt của các đơn vị trực thuộc"
    )
    framework: str
    indicator: str
    unit: str | None
    period: str
    value: str
    number: float | None
    kind: str | None = Field(description="loại số liệu văn bản: reported, published, self_assessed, …")
    status: str = Field(
        description="published (văn bản đã công bố), working (số liệu làm việc: tự đánh giá, "
        "thẩm định, dự kiến) hoặc draft, submitted, returned, approved (báo cáo đơn vị)"
    )
    submission: int | None
    version: int | None
    updated_at: datetime.datetime | None


class EvaluationOut(Schema):
    framework: str
    indicator: str
    unit: str
    period: str
    target_period: str
    written: str
    status: str
    origin: str = Field(
        "document",
        description="document: ghi trong văn bản; rollup: số liệu toàn tỉnh "
        "tổng hợp từ báo cáo đã duyệt, đánh giá theo mục tiêu áp dụng",
    )
    value: str | None = None
    previous: str | None = None
    target: str | None = None
    coverage: str | None = Field(None, description="số đơn vị đã tính, ví dụ «2/5 đơn vị» (origin rollup)")
    missing: list[str] | None = None


class PillarOut(Schema):
    code: str
    name: str
    points: float
    max_points: float


class SubIndicatorOut(Schema):
    code: str
    points: float
    max_points: float
    complete: bool
    provisional: bool
    note: str


class ScoreOut(Schema):
    framework: str
    unit: str
    period: str
    kind: str
    total: float
    max_points: float
    index: float
    rank: str
    pillars: list[PillarOut]
    sub_indicators: list[SubIndicatorOut]


class SubmissionOut(Schema):
    id: int
    unit: str
    period: str
    form: str | None
    status: str
    deadline: datetime.date
    timeliness: str
    version: int


class TaskOut(Schema):
    id: int
    code: str
    plan: str
    description: str
    lead_units: list[str]
    deadline: str
    status: str
    overdue: bool


class ValueIn(Schema):
    submission: RecordId = Field(description="mã số báo cáo định kỳ (id)")
    indicator: Code = Field(description="mã chỉ tiêu, ví dụ 1.1")
    value: Text = Field("", description="giá trị như khi nhập trên web: 83,80 · Có · nội dung")
    numerator: Line = ""
    denominator: Line = ""
    comment: Text = ""
    evidence_ref: Line = ""
    jump_confirmed: bool = False
    version: Version = Field(description="phiên bản của giá trị đã đọc (chống ghi đè)")


class SubmitOut(Schema):
    id: int
    status: str
    timeliness: str
