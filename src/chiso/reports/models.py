"""What the office edits about its official documents: sentence templates for the narrative,
cause and solution per DTI sub-indicator and year, and the .docx layouts themselves."""

from __future__ import annotations

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from chiso.frameworks.models import Indicator
from chiso.orgunits.models import OrgUnit

DEFAULT_SENTENCE = "{name} đạt {value}."
# The placeholders a sentence template may use, with what they are filled from.
SENTENCE_FIELDS = {
    "name": "tên chỉ tiêu",
    "value": "kết quả kỳ báo cáo, viết kiểu Việt Nam (83,80%)",
    "period": "kỳ báo cáo (tháng 11/2024)",
    "target": "chỉ tiêu kế hoạch năm, nguyên văn",
    "code": "mã chỉ tiêu",
}


def check_sentence(text: str) -> None:
    """Refuse a template with an unknown or malformed placeholder.

    >>> check_sentence("Tỷ lệ hộ gia đình có cáp quang FTTH đạt {value}")
    """
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError:
        raise ValidationError(
            "Câu mẫu có dấu { } không khớp; dùng {name}, {value}, {period}, {target}, {code}."
        ) from None
    unknown = [n for n in names if n not in SENTENCE_FIELDS]
    if unknown:
        raise ValidationError(
            f"Câu mẫu dùng chỗ trống không có: {{{unknown[0]}}}. Chỉ dùng được: "
            + ", ".join("{" + k + "}" for k in SENTENCE_FIELDS)
            + "."
        )


class SentenceTemplate(models.Model):
    """How one indicator's result is written in the narrative, e.g. "{name} đạt {value}."."""

    indicator = models.OneToOneField(
        Indicator, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="sentence_template"
    )
    text = models.TextField(
        "câu mẫu",
        default=DEFAULT_SENTENCE,
        validators=[check_sentence],
        help_text="Chỗ trống: " + "; ".join(f"{{{k}}} = {v}" for k, v in SENTENCE_FIELDS.items()),
    )
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "câu mẫu thuyết minh"
        verbose_name_plural = "câu mẫu thuyết minh"

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.text}"


class ImprovementNote(models.Model):
    """Cause and solution for a DTI sub-indicator below full points, per unit and data year."""

    indicator = models.ForeignKey(Indicator, verbose_name="chỉ số thành phần", on_delete=models.CASCADE)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.CASCADE)
    period_id = models.CharField("năm số liệu", max_length=20)
    cause = models.TextField("nguyên nhân", blank=True)
    solution = models.TextField("giải pháp", blank=True)
    lead = models.TextField("cơ quan chủ trì khắc phục", blank=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sửa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "nguyên nhân, giải pháp"
        verbose_name_plural = "nguyên nhân, giải pháp"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "period_id"], name="improvement_note_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.unit.code} {self.period_id}"


class ReportTemplate(models.Model):
    """An uploaded .docx layout; the newest of a kind is in use, older ones stay as history."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", "Báo cáo định kỳ chuyển đổi số"
        DTI = "dti", "Kế hoạch nâng cao chỉ số DTI"

    kind = models.CharField("loại văn bản", max_length=20, choices=Kind.choices)
    content = models.BinaryField("tệp .docx")
    file_name = models.CharField("tên tệp", max_length=255)
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Each province's office edits its own layouts; one without a province is used by none.
    province = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="tỉnh", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["kind", "-uploaded_at", "-pk"]
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.file_name}"
