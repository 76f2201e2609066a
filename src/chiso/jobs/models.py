"""One piece of long work: what was asked, by whom, for which province, and how far it got."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chiso.orgunits.models import OrgUnit


class Kind(models.TextChoices):
    REPORT_PERIODIC = "report-periodic", "Báo cáo định kỳ chuyển đổi số (.docx, PDF)"
    EXCEL_IMPORT = "excel-import", "Nhập số liệu từ tệp Excel"
    REMIND = "remind", "Gửi nhắc nhở báo cáo"
    BACKUP = "backup", "Sao lưu dữ liệu"
    RESCORE = "rescore", "Chấm lại điểm DTI toàn quốc"


class State(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Không thành công"


class Job(models.Model):
    kind = models.CharField("loại công việc", max_length=40, choices=Kind.choices)
    province = models.ForeignKey(
        OrgUnit, verbose_name="tỉnh", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người yêu cầu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parameters = models.JSONField("tham số", default=dict, blank=True)
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    step = models.CharField("bước đang làm", max_length=300, blank=True)
    # Files go through Django's default storage: the data folder, or S3 when configured.
    result = models.FileField("tệp kết quả", upload_to="cong-viec/%Y/%m/", blank=True)
    result_pdf = models.FileField("tệp PDF", upload_to="cong-viec/%Y/%m/", blank=True)
    summary = models.TextField("kết quả", blank=True)
    error = models.TextField("lý do không thành công", blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)
    # Where the last attempt ran: "celery:<worker>" or "process:<host>:<pid>" (see running.orphaned).
    runner = models.CharField("nơi chạy", max_length=200, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "công việc chạy nền"
        verbose_name_plural = "công việc chạy nền"
        indexes = [models.Index(fields=["province", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.state in (State.DONE, State.FAILED)
