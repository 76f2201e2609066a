"""Org units form a tree with a life span, so units merged away in 2025 keep their history."""

import datetime

from django.db import models


class OrgUnit(models.Model):
    """A body that reports or is assigned work: a province, a department, a commune, …"""

    class Type(models.TextChoices):
        TINH = "tinh", "Tỉnh"
        SO_BAN_NGANH = "so_ban_nganh", "Sở, ban, ngành"
        HUYEN = "huyen", "Huyện"
        XA = "xa", "Xã, phường"
        DOANH_NGHIEP = "doanh_nghiep", "Doanh nghiệp"

    code = models.SlugField("mã", max_length=100, unique=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=255, blank=True)
    type = models.CharField("loại", max_length=20, choices=Type.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    # The last day the unit existed, inclusive.
    valid_to = models.DateField("hết hiệu lực (ngày cuối)", null=True, blank=True)
    aliases = models.JSONField("tên gọi khác", default=list, blank=True)
    source = models.JSONField("nguồn", default=dict, blank=True)
    provisional = models.BooleanField("tạm suy luận", default=False)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: datetime.date) -> bool:
        """Whether the unit existed on ``day`` (both ends of its life span inclusive)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


class LineageEvent(models.Model):
    """A merge, split or rename: ``predecessors`` end and ``successors`` carry on from ``date``."""

    class Kind(models.TextChoices):
        MERGE = "merge", "Hợp nhất, sáp nhập"
        SPLIT = "split", "Chia tách"
        RENAME = "rename", "Đổi tên"

    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    # The first day of the successors.
    date = models.DateField("ngày hiệu lực")
    predecessors = models.ManyToManyField(OrgUnit, verbose_name="đơn vị trước", related_name="events_as_predecessor")
    successors = models.ManyToManyField(OrgUnit, verbose_name="đơn vị sau", related_name="events_as_successor")
    note = models.TextField("ghi chú", blank=True)
    source = models.JSONField("nguồn", default=dict, blank=True)
    provisional = models.BooleanField("tạm suy luận", default=False)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "sự kiện sắp xếp đơn vị"
        verbose_name_plural = "sự kiện sắp xếp đơn vị"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
