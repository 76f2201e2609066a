"""What the API sends and accepts (pydantic schemas, shown in the OpenAPI document)."""


import datetime

from ninja import Field, Schema


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


class ValueOut(Schema):
    origin: str = Field(description="document: chép từ văn bản; submission: đơn vị nhập trong báo cáo định kỳ; "
                                    "rollup: tổng hợp từ báo cáo đã duyệt của các đơn vị trực thuộc")
    framework: str
    indicator: str
    unit: str | None
    period: str
    value: str
    number: float | None
    kind: str | None = Field(description="loại số liệu văn bản: reported, published, self_assessed, …")
    status: str = Field(description="published (văn bản đã công bố), working (số liệu làm việc: tự đánh giá, "
                                    "thẩm định, dự kiến) hoặc draft, submitted, returned, approved (báo cáo đơn vị)")
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
    submission: int = Field(description="mã số báo cáo định kỳ (id)")
    indicator: str = Field(description="mã chỉ tiêu, ví dụ 1.1")
    value: str = Field("", description="giá trị như khi nhập trên web: 83,80 · Có · nội dung")
    numerator: str = ""
    denominator: str = ""
    comment: str = ""
    evidence_ref: str = ""
    jump_confirmed: bool = False
    version: int = Field(description="phiên bản của giá trị đã đọc (chống ghi đè)")


class SubmitOut(Schema):
    id: int
    status: str
    timeliness: str
