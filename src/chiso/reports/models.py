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


class ReportDraft(models.Model):
    """A document the office edits before it is issued: which report, its number, date, signer and
    recipients; its text lives in numbered versions, the newest is the draft (see reports.drafts)."""

    # The office that edits it: only the office of this province opens the draft.
    province = models.ForeignKey(OrgUnit, verbose_name="tỉnh", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("loại văn bản", max_length=20, choices=ReportTemplate.Kind.choices)
    # The unit whose figures the document reports (the periodic report's data unit, the DTI province).
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị có số liệu", on_delete=models.CASCADE, related_name="+")
    framework = models.CharField("bộ chỉ tiêu", max_length=100, blank=True)
    period_id = models.CharField("kỳ báo cáo", max_length=20, blank=True)
    year = models.PositiveIntegerField("năm đánh giá DTI", null=True, blank=True)
    compared_units = models.JSONField("đơn vị so sánh ở Bảng 1", default=list, blank=True)
    number = models.CharField("số văn bản", max_length=100)
    date = models.DateField("ngày ban hành")
    signer_name = models.CharField("người ký", max_length=200)
    recipients = models.TextField("nơi nhận", help_text="Mỗi dòng một nơi nhận.")
    title = models.CharField("trích yếu", max_length=500)
    # The sections as last drafted from the data: an edit is a section that differs from them.
    generated = models.JSONField("nội dung lập từ số liệu", default=list)
    generated_at = models.DateTimeField("lập từ số liệu lúc")
    # Printed evaluations the figures contradict, as last drafted: shown to the office.
    flags = models.JSONField("điểm cần xem lại", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người lập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "dự thảo văn bản"
        verbose_name_plural = "dự thảo văn bản"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.title}"

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class DraftVersion(models.Model):
    """One saved state of a draft's text: every save, restore and redraft adds one."""

    class Change(models.TextChoices):
        DRAFTED = "drafted", "Lập từ số liệu"
        EDITED = "edited", "Sửa nội dung"
        RESTORED = "restored", "Khôi phục phiên bản cũ"
        REDRAFTED = "redrafted", "Lập lại từ số liệu"

    draft = models.ForeignKey(ReportDraft, verbose_name="dự thảo", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("phiên bản")
    sections = models.JSONField("các mục")
    # Number, date, signer and recipients as saved with this version: a restore brings them back.
    letterhead = models.JSONField("số, ngày, người ký, nơi nhận", default=dict)
    change = models.CharField("thay đổi", max_length=20, choices=Change.choices)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người lưu", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField("lưu lúc", auto_now_add=True)

    class Meta:
        ordering = ["draft", "-number"]
        verbose_name = "phiên bản dự thảo"
        verbose_name_plural = "phiên bản dự thảo"
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="draft_version_unique")]

    def __str__(self) -> str:
        return f"{self.draft} — phiên bản {self.number}"
