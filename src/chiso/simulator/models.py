"""A DTI what-if scenario: assumed sub-indicator values on top of a unit's known ones."""

from django.conf import settings
from django.db import models

from chiso.orgunits.models import OrgUnit


class Scenario(models.Model):
    """A named set of assumptions, e.g. "Phấn đấu 2025 — phương án Sở KH&CN".

    ``values`` maps a sub-indicator code (or ``code:part`` for a part of a composite rule) to
    the assumed value as typed, Vietnamese style ("65,5%", "Có", "145/226"); ``points`` maps a
    code to points assumed directly where the rule cannot be computed from a value (7.2, 7.5,
    8.1 need the best province's figure); ``peers`` are other provinces' totals, for an
    estimated rank.
    """

    name = models.CharField("tên kịch bản", max_length=200, unique=True)
    framework_code = models.SlugField("bộ chỉ số", max_length=100, default="dti-tinh-2025")
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT)
    base_period_id = models.CharField("kỳ số liệu gốc", max_length=20)
    base_kind = models.CharField("loại số liệu gốc", max_length=20, blank=True)
    target_period_id = models.CharField("kỳ dự kiến", max_length=20, blank=True)
    values = models.JSONField("giá trị giả định", default=dict, blank=True)
    points = models.JSONField("điểm giả định", default=dict, blank=True)
    peers = models.JSONField("tổng điểm các tỉnh khác", default=list, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "kịch bản mô phỏng DTI"
        verbose_name_plural = "kịch bản mô phỏng DTI"

    def __str__(self) -> str:
        return self.name
