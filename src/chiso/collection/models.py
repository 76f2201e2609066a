"""Report forms, their schedules, and submissions with the values units enter.

A ``ReportForm`` (mẫu báo cáo) is a set of indicators plus narrative sections, assigned to
units, with a period type and a deadline rule. For every assigned unit and period an expected
``Submission`` exists, so "missing" is a fact. Submissions loaded from a seed's submission log
(docs/data-format.md §3) have a dataset and no form.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from chiso.frameworks.models import Framework, Indicator
from chiso.observations.models import Dataset
from chiso.orgunits.models import OrgUnit


class PeriodKind(models.TextChoices):
    MONTH = "month", "Tháng"
    QUARTER = "quarter", "Quý"
    HALF = "half", "6 tháng"
    YEAR = "year", "Năm"


class ReportForm(models.Model):
    """A report form: which indicators and narrative sections, how often, due when."""

    code = models.SlugField("mã", max_length=100, unique=True)
    name = models.CharField("tên", max_length=500)
    framework = models.ForeignKey(Framework, verbose_name="bộ chỉ số", null=True, blank=True, on_delete=models.PROTECT)
    period_kind = models.CharField("kỳ báo cáo", max_length=10, choices=PeriodKind.choices)
    # Deadline rule as the office writes it, read by chiso.engine.schedules:
    # "18" = the 18th of the period's month; "15/5" = 15 May of the period's year;
    # "15/5; 15/11" = one date per half (H1, H2); "20/12".
    deadline_rule = models.CharField("hạn gửi", max_length=100)
    # Which narrative sections the form asks for: any of "ket_qua", "kho_khan", "de_xuat".
    sections = models.JSONField("phần thuyết minh", default=list, blank=True)
    includes_tasks = models.BooleanField("kèm tiến độ nhiệm vụ", default=False)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "mẫu báo cáo"
        verbose_name_plural = "mẫu báo cáo"

    def __str__(self) -> str:
        return self.name


class FormItem(models.Model):
    """One indicator on a form, with how it is entered."""

    class InputType(models.TextChoices):
        NUMBER = "number", "Số"
        FRACTION = "fraction", "Tử số / mẫu số"
        YES_NO = "yes_no", "Có / Không"
        TEXT = "text", "Văn bản"

    form = models.ForeignKey(ReportForm, related_name="items", on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ số", on_delete=models.PROTECT)
    input_type = models.CharField("cách nhập", max_length=10, choices=InputType.choices)
    unit_label = models.CharField("đơn vị tính", max_length=50, blank=True)
    required = models.BooleanField("bắt buộc", default=True)
    min_value = models.DecimalField("giá trị nhỏ nhất", max_digits=20, decimal_places=6, null=True, blank=True)
    max_value = models.DecimalField("giá trị lớn nhất", max_digits=20, decimal_places=6, null=True, blank=True)
    # A change larger than this share of last period's value asks the reporter to confirm.
    jump_warning = models.DecimalField("ngưỡng cảnh báo biến động", max_digits=6, decimal_places=3, default=0.5)
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["form", "position"]
        verbose_name = "chỉ tiêu trong mẫu"
        verbose_name_plural = "chỉ tiêu trong mẫu"
        constraints = [
            models.UniqueConstraint(fields=["form", "indicator"], name="formitem_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.form.code}: {self.indicator.code}"


class FormAssignment(models.Model):
    """A form assigned to a unit; with ``items`` chosen, the unit reports only those."""

    form = models.ForeignKey(ReportForm, related_name="assignments", on_delete=models.CASCADE)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT)
    # Empty = every item of the form. The DTI round gives each lead agency its sub-indicators.
    items = models.ManyToManyField(FormItem, verbose_name="chỉ tiêu được giao", blank=True)
    first_period_id = models.CharField("từ kỳ", max_length=20, blank=True)
    last_period_id = models.CharField("đến kỳ", max_length=20, blank=True)

    class Meta:
        verbose_name = "giao mẫu báo cáo"
        verbose_name_plural = "giao mẫu báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["form", "unit"], name="formassignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.form.code} → {self.unit.code}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Đang nhập"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Bị trả lại"
    APPROVED = "approved", "Đã duyệt"


class Submission(models.Model):
    """A periodic report a unit sent (or failed to send) for one period."""

    # Null for submissions made through the web rather than loaded from a file.
    dataset = models.ForeignKey(Dataset, verbose_name="bộ số liệu", null=True, blank=True, on_delete=models.CASCADE)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT)
    period_id = models.CharField("kỳ báo cáo", max_length=20)
    deadline = models.DateField("hạn gửi")
    document_date = models.DateField("ngày văn bản", null=True, blank=True)
    received_at = models.DateTimeField("nhận lúc", null=True, blank=True)
    on_time_written = models.BooleanField("đúng hạn (theo văn bản)", null=True, blank=True)
    narrative_received = models.BooleanField("đã gửi báo cáo", null=True, blank=True)
    narrative_complete = models.BooleanField("báo cáo đầy đủ", null=True, blank=True)
    appendix_received = models.BooleanField("đã gửi phụ lục", null=True, blank=True)
    appendix_complete = models.BooleanField("phụ lục đầy đủ", null=True, blank=True)
    document = models.CharField("số, ký hiệu văn bản", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)
    source = models.JSONField("nguồn", default=dict, blank=True)
    provisional = models.BooleanField("tạm suy luận", default=False)
    # The file's `raw:`: the original string when the cell had to be read.
    original = models.TextField("nguyên bản", blank=True)
    # Web collection: the form, the workflow state, and who did what. Loaded logs leave these
    # at their defaults (status "submitted" when the log says something was received).
    form = models.ForeignKey(
        ReportForm,
        verbose_name="mẫu báo cáo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    return_reason = models.TextField("lý do trả lại", blank=True)
    results_text = models.TextField("kết quả thực hiện", blank=True)
    difficulties_text = models.TextField("khó khăn, vướng mắc", blank=True)
    proposals_text = models.TextField("đề xuất, kiến nghị", blank=True)
    # Optimistic locking: every save of the submission itself bumps it.
    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        ordering = ["period_id", "unit"]
        verbose_name = "báo cáo định kỳ"
        verbose_name_plural = "báo cáo định kỳ"
        # The tracker, the overview and every report ask "this period's reports (in this status)".
        indexes = [
            models.Index(fields=["period_id", "status"], name="submission_period_status"),
            # The reports a reader may not see are other units' unapproved ones: the first page of
            # GET /api/values counts their values to take them off the whole (readings.Remainder).
            # Few beside the approved history, so a partial index finds them without reading every
            # report (national database, all approved: 48-57 ms -> 0.06 ms).
            models.Index(
                fields=["unit"],
                condition=~models.Q(status=SubmissionStatus.APPROVED),
                name="submission_unit_unapproved",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period_id", "form"], name="submission_unit_period_form_unique"),
            # A loaded log has no form: one row per unit and period all the same.
            models.UniqueConstraint(
                fields=["unit", "period_id"],
                condition=models.Q(form__isnull=True),
                name="submission_unit_period_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_id}"

    @property
    def timeliness(self) -> str:
        """Return "on_time", "late", "missing" or "returned" (see :func:`timeliness_of`)."""
        return timeliness_of(self.document_date, self.received_at, self.deadline, self.status)


def timeliness_of(document_date, received_at, deadline, status: str = "") -> str:
    """On time, late, missing or returned: the one rule for the tracker, the overview and
    Phụ lục VII (it takes plain values, so a list of thousands is judged without models).

    A report sent back to its unit counts as returned, neither received nor on time, until the
    leader sends it again. A web report is judged by the day it arrived, never by the date the
    leader writes on its document (which could be back-dated); a loaded log has only the
    document date, so that date decides, as in 000 Phụ lục VII. On time means strictly before
    the deadline day: "trước ngày 18" makes the 18th late.
    """
    from chiso.engine.periods import RETURNED, judge_timeliness

    if status == SubmissionStatus.RETURNED:
        return RETURNED
    if received_at is not None:
        return judge_timeliness(timezone.localdate(received_at), deadline)
    return judge_timeliness(document_date, deadline)


class EnteredValue(models.Model):
    """The value a unit entered for one indicator of one submission."""

    submission = models.ForeignKey(Submission, related_name="values", on_delete=models.CASCADE)
    item = models.ForeignKey(FormItem, verbose_name="chỉ tiêu", on_delete=models.PROTECT)
    number = models.DecimalField("giá trị", max_digits=20, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField("tử số", max_digits=20, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField("mẫu số", max_digits=20, decimal_places=6, null=True, blank=True)
    yes_no = models.BooleanField("có/không", null=True, blank=True)
    text = models.TextField("nội dung", blank=True)
    comment = models.TextField("ghi chú", blank=True)
    # What the reporter typed, kept beside the reading (e.g. "83,80").
    raw = models.CharField("nguyên văn", max_length=255, blank=True)
    jump_confirmed = models.BooleanField("đã xác nhận biến động", default=False)
    evidence_file = models.FileField("tệp kiểm chứng", upload_to="evidence/%Y/%m", blank=True)
    evidence_ref = models.CharField("văn bản kiểm chứng (số/ký hiệu, ngày)", max_length=255, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cập nhật",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic locking: a save names the version it read; a stale one is refused.
    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        verbose_name = "giá trị đã nhập"
        verbose_name_plural = "giá trị đã nhập"
        constraints = [
            models.UniqueConstraint(fields=["submission", "item"], name="enteredvalue_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.submission} {self.item.indicator.code}: {self.raw}"


class Reminder(models.Model):
    """A reminder sent to a unit about one submission; at most one per submission and day."""

    class Kind(models.TextChoices):
        BEFORE = "before", "Trước hạn"
        AFTER = "after", "Quá hạn"

    submission = models.ForeignKey(Submission, related_name="reminders", on_delete=models.CASCADE)
    day = models.DateField("ngày")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField("gửi lúc", default=timezone.now)
    recipients = models.TextField("người nhận", blank=True)
    # Who pressed "Nhắc" on the tracker; empty for the scheduled `chiso remind` run.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhắc",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "nhắc nhở"
        verbose_name_plural = "nhắc nhở"
        # The reminder log lists the newest first.
        indexes = [models.Index(fields=["-sent_at"], name="reminder_sent_at")]
        constraints = [
            models.UniqueConstraint(fields=["submission", "day"], name="reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.submission} {self.day}"


class Notice(models.Model):
    """A message shown in the app to the users of a unit (reminders, returns, approvals)."""

    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.CASCADE)
    submission = models.ForeignKey(Submission, null=True, blank=True, related_name="notices", on_delete=models.CASCADE)
    text = models.TextField("nội dung")
    created_at = models.DateTimeField("lúc", default=timezone.now)
    read_by = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def __str__(self) -> str:
        return self.text[:80]
