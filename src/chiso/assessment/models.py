"""A DTI self-assessment round and the points the office and the ministry give per sub-indicator.

The round reuses the collection machinery: its ``form`` is a ReportForm whose assignments give
each lead agency its sub-indicators (001 Phụ lục II), so entry, Excel, evidence and permissions
are the collection pages'. What the round adds is the office's appraisal points (điểm thẩm
định) and the ministry's published points, each per sub-indicator, with their history in the
audit trail.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from chiso.collection.models import ReportForm
from chiso.frameworks.models import POINTS, Framework, Indicator
from chiso.orgunits.models import OrgUnit


class DtiRound(models.Model):
    """The self-assessment of one data year: agencies send figures by 20/12."""

    year = models.PositiveSmallIntegerField("năm số liệu")
    framework = models.ForeignKey(Framework, verbose_name="bộ chỉ số", on_delete=models.PROTECT)
    province = models.ForeignKey(OrgUnit, verbose_name="tỉnh", on_delete=models.PROTECT)
    form = models.OneToOneField(
        ReportForm, verbose_name="mẫu báo cáo", on_delete=models.PROTECT, related_name="dti_round"
    )
    # Sub-indicators whose lead text names no single unit ("Các sở, ban, ngành tỉnh; UBND xã,
    # phường"): [{"indicator": "2.1", "lead": "…", "parts": ["…"]}], kept for the office to assign.
    unmapped = models.JSONField("chỉ số chưa xác định được cơ quan chủ trì", default=list, blank=True)
    opened_at = models.DateTimeField("mở lúc", default=timezone.now)

    class Meta:
        ordering = ["-year"]
        verbose_name = "đợt tự đánh giá DTI"
        verbose_name_plural = "đợt tự đánh giá DTI"
        constraints = [
            models.UniqueConstraint(fields=["framework", "province", "year"], name="dtiround_unique"),
        ]

    def __str__(self) -> str:
        return f"Tự đánh giá DTI năm {self.year} — {self.province}"

    @property
    def period_id(self) -> str:
        return str(self.year)


class RoundPoints(models.Model):
    """Points of one sub-indicator in a round: the office's appraisal or the ministry's result."""

    class Kind(models.TextChoices):
        APPRAISED = "appraised", "Thẩm định"
        PUBLISHED = "published", "Bộ công bố"

    round = models.ForeignKey(DtiRound, verbose_name="đợt", related_name="points", on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ số thành phần", on_delete=models.PROTECT)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    points = models.DecimalField("điểm", **POINTS)
    # Required for an appraisal that differs from the self-assessed points.
    reason = models.TextField("lý do, căn cứ", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField("nhập lúc", default=timezone.now)

    class Meta:
        ordering = ["round", "indicator", "kind"]
        verbose_name = "điểm thẩm định / công bố"
        verbose_name_plural = "điểm thẩm định / công bố"
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator", "kind"], name="roundpoints_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.get_kind_display()}: {self.points}"
