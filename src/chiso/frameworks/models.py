"""Frameworks as loaded from data/frameworks/*.yaml (docs/data-format.md §1).

The tables make frameworks queryable; ``Framework.definition`` keeps the whole validated
file so the engine's framework can be rebuilt exactly, rules and all.
"""

from django.db import models

from chiso.orgunits.models import OrgUnit

# Points in the sources have at most two decimals; four leaves room for computed shares.
POINTS = {"max_digits": 12, "decimal_places": 4}


class Framework(models.Model):
    """A DTI, a plan, a programme or a unit index: a set of indicators with structure and rules."""

    class Kind(models.TextChoices):
        DTI = "dti", "Chỉ số DTI"
        PLAN = "plan", "Kế hoạch"
        PROGRAMME = "programme", "Đề án, chương trình"
        UNIT_INDEX = "unit_index", "Bộ chỉ số đơn vị"

    class Locale(models.TextChoices):
        VI = "vi", "1.234,5 (vi)"
        EN = "en", "1,234.5 (en)"

    code = models.SlugField("mã", max_length=100, unique=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    name = models.CharField("tên", max_length=500)
    legal_basis = models.TextField("căn cứ", blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    period_id = models.CharField("kỳ áp dụng", max_length=20)
    locale = models.CharField("cách viết số", max_length=2, choices=Locale.choices)
    max_points = models.DecimalField("điểm tối đa", null=True, blank=True, **POINTS)
    source = models.JSONField("nguồn", default=dict, blank=True)
    definition = models.JSONField("nội dung tệp", default=dict, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "bộ chỉ số"
        verbose_name_plural = "bộ chỉ số"

    def __str__(self) -> str:
        return self.name


class IndicatorGroup(models.Model):
    """A pillar of a DTI or a group (I, II, III) of a plan."""

    framework = models.ForeignKey(Framework, verbose_name="bộ chỉ số", on_delete=models.CASCADE, related_name="groups")
    code = models.CharField("mã", max_length=100)
    name = models.CharField("tên", max_length=500)
    max_points = models.DecimalField("điểm tối đa", null=True, blank=True, **POINTS)
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = "nhóm, trụ cột"
        verbose_name_plural = "nhóm, trụ cột"
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="group_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Indicator(models.Model):
    """A sub-indicator of an index or an indicator (chỉ tiêu) of a plan."""

    class Measure(models.TextChoices):
        PERCENT = "percent", "Tỷ lệ %"
        COUNT = "count", "Số lượng"
        RATIO = "ratio", "Tỷ số"
        YES_NO = "yes_no", "Có/Không"
        LEVEL = "level", "Mức độ"
        TEXT = "text", "Văn bản"
        MONEY = "money", "Số tiền"
        PER_100 = "per_100", "Trên 100"
        PER_1000 = "per_1000", "Trên 1.000"

    class Aggregation(models.TextChoices):
        RATIO = "ratio", "Tỷ lệ chung"
        SUM = "sum", "Cộng"
        MEAN = "mean", "Trung bình"
        ALL = "all", "Tất cả đạt"
        ANY = "any", "Có ít nhất một"
        ENTERED = "entered", "Nhập tại cấp này"
        NONE = "none", "Không tổng hợp"

    framework = models.ForeignKey(
        Framework, verbose_name="bộ chỉ số", on_delete=models.CASCADE, related_name="indicators"
    )
    group = models.ForeignKey(IndicatorGroup, verbose_name="nhóm", on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField("mã", max_length=100)
    name = models.TextField("tên")
    measure = models.CharField("đơn vị đo", max_length=20, choices=Measure.choices)
    max_points = models.DecimalField("điểm tối đa", null=True, blank=True, **POINTS)
    rule = models.JSONField("cách tính điểm", null=True, blank=True)
    confidence = models.JSONField("độ tin cậy", default=dict, blank=True)
    provisional = models.BooleanField("tạm suy luận", default=False)
    note = models.TextField("ghi chú", blank=True)
    aggregation = models.CharField("cách tổng hợp", max_length=10, choices=Aggregation.choices, blank=True)
    position = models.PositiveIntegerField("thứ tự", default=0)
    source = models.JSONField("nguồn", default=dict, blank=True)

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = "chỉ số, chỉ tiêu"
        verbose_name_plural = "chỉ số, chỉ tiêu"
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="indicator_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Target(models.Model):
    """A target for one period, as printed: the framework's own (no unit) or a unit's."""

    indicator = models.ForeignKey(Indicator, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="targets")
    period_id = models.CharField("kỳ", max_length=20)
    text = models.TextField("mục tiêu (nguyên văn)")
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    # A unit's target comes from a dataset file (001 Phụ lục II); reloading that file replaces
    # exactly the targets it brought. The framework's own targets have no dataset.
    dataset = models.ForeignKey(
        "observations.Dataset",
        verbose_name="bộ số liệu",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    lead = models.TextField("cơ quan chủ trì", blank=True)
    coordinating = models.TextField("cơ quan phối hợp", blank=True)
    deadline = models.CharField("thời gian hoàn thành", max_length=255, blank=True)
    source = models.JSONField("nguồn", default=dict, blank=True)
    provisional = models.BooleanField("tạm suy luận", default=False)
    note = models.TextField("ghi chú", blank=True)
    # The file's `raw:`: the original string when the cell had to be read.
    original = models.TextField("nguyên bản", blank=True)

    class Meta:
        ordering = ["indicator", "period_id"]
        verbose_name = "mục tiêu"
        verbose_name_plural = "mục tiêu"
        # SQL treats NULLs as distinct, so one plain unique constraint would let a framework
        # hold two targets for the same period; the NULL case needs its own partial index.
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_id", "unit"],
                condition=models.Q(unit__isnull=False),
                name="target_unit_period_unique",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_id"],
                condition=models.Q(unit__isnull=True),
                name="target_framework_period_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_id}: {self.text}"
