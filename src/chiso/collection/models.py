"""The submission log: one row per unit and reporting period (docs/data-format.md §3)."""

from django.db import models
from django.utils import timezone

from chiso.observations.models import Dataset
from chiso.orgunits.models import OrgUnit


class Submission(models.Model):
    """A periodic report a unit sent (or failed to send) for one period."""

    # Null for submissions made through the web rather than loaded from a file.
    dataset = models.ForeignKey(
        Dataset, verbose_name="bộ số liệu", null=True, blank=True, on_delete=models.CASCADE
    )
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

    class Meta:
        ordering = ["period_id", "unit"]
        verbose_name = "báo cáo định kỳ"
        verbose_name_plural = "báo cáo định kỳ"
        constraints = [
            models.UniqueConstraint(fields=["unit", "period_id"], name="submission_unit_period_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_id}"

    @property
    def timeliness(self) -> str:
        """Return "on_time", "late" or "missing"; on time means dated strictly before the deadline day."""
        # Imported here so the models module loads even while the engine is being written.
        from chiso.engine.periods import judge_timeliness

        submitted_on = self.document_date
        if submitted_on is None and self.received_at is not None:
            # A web submission has no dispatch date of its own: judge by the day it arrived.
            submitted_on = timezone.localdate(self.received_at)
        return judge_timeliness(submitted_on, self.deadline)
