"""Tasks (nhiệm vụ) with their owners, deadlines and progress; investment projects (dự án)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from chiso.engine.deadlines import DUE, KIND_LABELS, Deadline, is_due_soon, is_overdue, parse_deadline


class TaskStatus(models.TextChoices):
    NOT_REPORTED = "chua_bao_cao", "Chưa báo cáo"
    NOT_STARTED = "chua_thuc_hien", "Chưa thực hiện"
    WAITING = "cho_huong_dan", "Chờ văn bản hướng dẫn"
    IN_PROGRESS = "dang_thuc_hien", "Đang thực hiện"
    DONE = "hoan_thanh", "Hoàn thành"
    NOT_APPLICABLE = "khong_ap_dung", "Không thuộc đối tượng"


CLOSED_STATUSES = (TaskStatus.DONE, TaskStatus.NOT_APPLICABLE)


class Task(models.Model):
    """A commitment: what to do, who leads and who helps, by when, and how far it is."""

    dataset = models.ForeignKey(
        "observations.Dataset", verbose_name="bộ dữ liệu", on_delete=models.PROTECT, related_name="tasks"
    )
    code = models.CharField("mã", max_length=100)
    position = models.PositiveIntegerField("thứ tự", default=0)
    plan = models.CharField("kế hoạch, văn bản giao", max_length=500, blank=True)
    heading = models.CharField("mục", max_length=500, blank=True)
    name = models.CharField("tên chỉ tiêu", max_length=500, blank=True)
    description = models.TextField("nhiệm vụ")
    expected_output = models.TextField("kết quả, sản phẩm", blank=True)
    lead_text = models.TextField("đơn vị chủ trì (như văn bản ghi)", blank=True)
    coordinating_text = models.TextField("đơn vị phối hợp (như văn bản ghi)", blank=True)
    lead_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name="đơn vị chủ trì", blank=True, related_name="led_tasks"
    )
    coordinating_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name="đơn vị phối hợp", blank=True, related_name="coordinated_tasks"
    )
    unmatched_agencies = models.JSONField("cơ quan chưa là đơn vị", default=list, blank=True)
    deadline_text = models.CharField("thời hạn (như văn bản ghi)", max_length=500, blank=True)
    deadline_kind = models.CharField("loại thời hạn", max_length=20, choices=list(KIND_LABELS.items()))
    due_date = models.DateField("hạn (ngày cuối)", null=True, blank=True)
    recurrence = models.CharField("định kỳ", max_length=20, blank=True)
    plan_year = models.PositiveIntegerField("năm kế hoạch", null=True, blank=True)
    target_text = models.CharField("mục tiêu", max_length=500, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_REPORTED)
    status_text = models.TextField("kết quả thực hiện", blank=True)
    status_as_of = models.DateField("tình trạng tính đến", null=True, blank=True)
    indicators = models.ManyToManyField(
        "frameworks.Indicator", verbose_name="chỉ số", through="TaskIndicator", blank=True, related_name="tasks"
    )
    source = models.JSONField("nguồn", default=dict, blank=True)
    provisional = models.BooleanField("tạm suy luận", default=False)
    note = models.TextField("ghi chú", blank=True)
    # Not stored: set by chiso.tasks.progress.open_tasks for the unit whose report lists the task.
    own_status: str = TaskStatus.NOT_REPORTED
    own_status_label: str = ""

    class Meta:
        ordering = ["dataset__code", "position"]
        constraints = [models.UniqueConstraint(fields=["dataset", "code"], name="task_code_per_dataset")]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.code}: {self.description[:80]}"

    @property
    def title(self) -> str:
        """What the task is, in words. A row of the DTI plan's Phụ lục II names the task
        ("Sở, ban, ngành, xã có bộ phận/đầu mối…") and keeps its target ("100%") as the description."""
        return self.name or self.description

    @property
    def deadline(self) -> Deadline:
        return parse_deadline(self.deadline_text, self.plan_year)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def overdue_at(self, now: datetime.datetime) -> bool:
        return is_overdue(self.deadline, now, done=self.is_closed)

    def overdue_on(self, day: datetime.date) -> bool:
        """Overdue on a Vietnamese calendar day: the due day has passed and the task is open."""
        return self.deadline_kind == DUE and self.due_date is not None and self.due_date < day and not self.is_closed

    def due_soon_at(self, now: datetime.datetime, days: int = 14) -> bool:
        return is_due_soon(self.deadline, now, days=days, done=self.is_closed)

    def deadline_label(self) -> str:
        if self.deadline_kind == DUE and self.due_date:
            return f"{self.due_date:%d/%m/%Y}"
        return self.deadline.label


class TaskIndicator(models.Model):
    """A task serves an indicator (a task under DTI 6.4); an inferred link is provisional."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="indicator_links")
    indicator = models.ForeignKey(
        "frameworks.Indicator", verbose_name="chỉ số", on_delete=models.PROTECT, related_name="task_links"
    )
    provisional = models.BooleanField("tạm suy luận", default=False)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "indicator"], name="task_indicator_once")]
        verbose_name = "chỉ số của nhiệm vụ"
        verbose_name_plural = "chỉ số của nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.task.code} → {self.indicator.code}"


class ProgressNote(models.Model):
    """A dated progress report on a task by a responsible unit."""

    task = models.ForeignKey(Task, verbose_name="nhiệm vụ", on_delete=models.PROTECT, related_name="progress")
    date = models.DateField("ngày")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đơn vị báo cáo", on_delete=models.PROTECT, related_name="progress_notes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người báo cáo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="progress_notes",
    )
    period_id = models.CharField("kỳ báo cáo", max_length=20, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=TaskStatus.choices)
    text = models.TextField("kết quả thực hiện")
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"

    def __str__(self) -> str:
        return f"{self.task.code} {self.date:%d/%m/%Y}"


class UnitProgress(models.Model):
    """Where one unit stands on a shared task: its own latest status and result.

    A task led by 13 units has 13 of these once they have all reported; the task's own status is
    derived from the lead units' (``chiso.tasks.status.combined_status``), and the province's result
    (``Task.status_text``) is the office's alone.
    """

    task = models.ForeignKey(Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="unit_progress")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="task_progress"
    )
    status = models.CharField("tình trạng", max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_REPORTED)
    text = models.TextField("kết quả thực hiện", blank=True)
    as_of = models.DateField("tính đến")
    # The office's report in its own unit's name is the province's result, not one more unit's part.
    for_province = models.BooleanField("kết quả chung của tỉnh", default=False)

    class Meta:
        ordering = ["task", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="unit_progress_once")]
        verbose_name = "tiến độ của đơn vị"
        verbose_name_plural = "tiến độ của đơn vị"

    def __str__(self) -> str:
        return f"{self.task.code} – {self.unit.name}: {self.get_status_display()}"


# --- projects ---------------------------------------------------------------------------------


class ProjectGroup(models.Model):
    """A group of 000 Phụ lục VI (A funded; B.I–B.III planned for 2025; C later) with its printed totals.

    The table's own "TỔNG CỘNG" row is kept as a group with ``is_total`` set, so the printed
    overall figures sit next to the group subtotals they are compared with.
    """

    dataset = models.ForeignKey(
        "observations.Dataset", verbose_name="bộ dữ liệu", on_delete=models.PROTECT, related_name="project_groups"
    )
    code = models.CharField("mã nhóm", max_length=20)
    parent_code = models.CharField("nhóm cha", max_length=20, blank=True)
    title = models.CharField("tên nhóm", max_length=500)
    position = models.PositiveIntegerField("thứ tự", default=0)
    is_total = models.BooleanField("dòng tổng cộng", default=False)
    printed_total = models.DecimalField("tổng in (triệu đồng)", max_digits=16, decimal_places=3, null=True, blank=True)
    printed_central = models.DecimalField("ĐTPT TW in", max_digits=16, decimal_places=3, null=True, blank=True)
    printed_local = models.DecimalField("ĐTPT ĐP in", max_digits=16, decimal_places=3, null=True, blank=True)
    source = models.JSONField("nguồn", default=dict, blank=True)

    class Meta:
        ordering = ["dataset__code", "position"]
        constraints = [models.UniqueConstraint(fields=["dataset", "code"], name="project_group_once")]
        verbose_name = "nhóm dự án"
        verbose_name_plural = "nhóm dự án"

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Project(models.Model):
    """An investment project with its estimate and funds by source, in million VND."""

    dataset = models.ForeignKey(
        "observations.Dataset", verbose_name="bộ dữ liệu", on_delete=models.PROTECT, related_name="projects"
    )
    code = models.CharField("mã", max_length=100)
    position = models.PositiveIntegerField("thứ tự", default=0)
    group = models.ForeignKey(ProjectGroup, verbose_name="nhóm", on_delete=models.PROTECT, related_name="projects")
    name = models.TextField("tên dự án")
    total = models.DecimalField("khái toán (triệu đồng)", max_digits=16, decimal_places=3, null=True, blank=True)
    central = models.DecimalField("ĐTPT TW (triệu đồng)", max_digits=16, decimal_places=3, null=True, blank=True)
    local = models.DecimalField("ĐTPT ĐP (triệu đồng)", max_digits=16, decimal_places=3, null=True, blank=True)
    other = models.DecimalField("nguồn khác (triệu đồng)", max_digits=16, decimal_places=3, null=True, blank=True)
    period_text = models.CharField("thời gian thực hiện", max_length=100, blank=True)
    start_year = models.PositiveIntegerField("năm bắt đầu", null=True, blank=True)
    end_year = models.PositiveIntegerField("năm kết thúc", null=True, blank=True)
    lead_text = models.CharField("đơn vị chủ trì (như văn bản ghi)", max_length=500, blank=True)
    lead_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị chủ trì",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    status_text = models.TextField("tình hình thực hiện", blank=True)
    source = models.JSONField("nguồn", default=dict, blank=True)
    provisional = models.BooleanField("tạm suy luận", default=False)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["dataset__code", "position"]
        constraints = [models.UniqueConstraint(fields=["dataset", "code"], name="project_code_per_dataset")]
        verbose_name = "dự án"
        verbose_name_plural = "dự án"

    def __str__(self) -> str:
        return self.name


class ProjectEventKind(models.TextChoices):
    SUBMITTED = "submitted", "Trình"
    RESUBMITTED = "resubmitted", "Trình lại"
    CONSULTATION = "consultation", "Lấy ý kiến thẩm định"
    APPRAISAL_MEETING = "appraisal_meeting", "Họp thẩm định"
    APPRAISED = "appraised", "Đã thẩm định"
    APPROVED = "approved", "Đã phê duyệt"
    PLANNED_SUBMISSION = "planned_submission", "Dự kiến trình"
    EXPECTED_COMPLETION = "expected_completion", "Dự kiến hoàn thành"
    COMPLETED = "completed", "Hoàn thành"


class ProjectEvent(models.Model):
    """A dated step of a project: appraised, approved, completed… (a bare year when only that is printed)."""

    project = models.ForeignKey(Project, verbose_name="dự án", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("sự kiện", max_length=30, choices=ProjectEventKind.choices)
    date = models.DateField("ngày", null=True, blank=True)
    year = models.PositiveIntegerField("năm", null=True, blank=True)
    date_text = models.CharField("thời gian (như văn bản ghi)", max_length=100, blank=True)
    document = models.CharField("văn bản", max_length=300, blank=True)
    by = models.CharField("cơ quan", max_length=300, blank=True)
    text = models.TextField("nội dung", blank=True)
    imported = models.BooleanField("nạp từ tệp", default=False)
    provisional = models.BooleanField("tạm suy luận", default=False)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["project", "year", "date", "pk"]
        verbose_name = "sự kiện dự án"
        verbose_name_plural = "sự kiện dự án"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date_text}"

    @property
    def sort_key(self) -> tuple:
        return (self.year or 0, self.date or datetime.date.min)
