"""The report page's choices: which document, for which period or year, framework and units."""

from __future__ import annotations

from django import forms

from chiso.engine.errors import EngineError
from chiso.engine.periods import parse_period


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Văn bản",
        choices=[("periodic", "Báo cáo định kỳ chuyển đổi số"), ("dti", "Kế hoạch nâng cao chỉ số DTI")],
    )
    period = forms.CharField(
        label="Kỳ báo cáo",
        required=False,
        initial="2024-11",
        help_text="Ví dụ 2024-11 hoặc Tháng 11/2024 (báo cáo định kỳ).",
    )
    framework = forms.ChoiceField(label="Bộ chỉ tiêu", required=False)
    unit = forms.ChoiceField(label="Đơn vị", required=False)
    year = forms.IntegerField(label="Năm đánh giá DTI", required=False, initial=2025, min_value=2020, max_value=2100)
    units = forms.MultipleChoiceField(label="Đơn vị so sánh ở Bảng 1", required=False)

    def __init__(self, *args, **kwargs):
        from chiso.frameworks.models import Framework
        from chiso.orgunits.models import OrgUnit

        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = [
            (f.code, f.name) for f in Framework.objects.exclude(kind="dti").order_by("code")
        ]
        provinces = [(u.code, u.name) for u in OrgUnit.objects.filter(type="tinh").order_by("name")]
        self.fields["unit"].choices = [("", "(tự chọn theo số liệu)")] + provinces
        self.fields["units"].choices = provinces

    def clean(self):
        data = super().clean()
        if data.get("kind") == "periodic":
            try:
                data["period"] = parse_period(data.get("period") or "").id
            except EngineError as error:
                self.add_error("period", str(error))
        elif not data.get("unit") or not data.get("year"):
            self.add_error("unit", "Kế hoạch DTI cần chọn tỉnh và năm đánh giá.")
        return data

    def build_args(self) -> dict:
        d = self.cleaned_data
        if d["kind"] == "periodic":
            return {
                "period": d["period"],
                "framework": d.get("framework") or "cds-dong-thap-2021-2025",
                "unit": d.get("unit") or None,
            }
        return {"unit": d["unit"], "year": d["year"], "units": d.get("units") or None}


class LetterheadForm(forms.Form):
    """What the office writes on a draft: number, date, signer and recipients."""

    number = forms.CharField(
        label="Số văn bản",
        max_length=100,
        help_text="Ví dụ 125/BC-SKHCN.",
        error_messages={"required": "Chưa nhập số văn bản."},
    )
    date = forms.DateField(
        label="Ngày ban hành",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "ngày/tháng/năm"}),
        help_text="Ví dụ 25/11/2024.",
        error_messages={
            "required": "Chưa nhập ngày ban hành.",
            "invalid": "Ngày ban hành không đúng: viết ngày/tháng/năm, ví dụ 25/11/2024.",
        },
    )
    signer_name = forms.CharField(
        label="Người ký",
        max_length=200,
        help_text="Họ và tên người ký văn bản.",
        error_messages={"required": "Chưa nhập họ tên người ký."},
    )
    recipients = forms.CharField(
        label="Nơi nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Mỗi dòng một nơi nhận; bỏ trống khi lập dự thảo để dùng nơi nhận thường lệ.",
    )

    def letterhead(self):
        from chiso.reports.drafts import Letterhead, paragraphs

        d = self.cleaned_data
        return Letterhead(d["number"], d["date"], d["signer_name"], paragraphs(d.get("recipients") or ""))


class DraftForm(ReportForm, LetterheadForm):
    """The document to draft and what the office writes on it."""

    field_order = [
        "kind",
        "period",
        "framework",
        "unit",
        "year",
        "units",
        "number",
        "date",
        "signer_name",
        "recipients",
    ]

    def choice(self):
        from chiso.reports.drafts import Choice

        d, args = self.cleaned_data, self.build_args()
        if d["kind"] == "periodic":
            return Choice("periodic", args["unit"], framework=args["framework"], period_id=args["period"])
        return Choice("dti", args["unit"], year=args["year"], compared_units=tuple(args["units"] or ()))


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại văn bản",
        choices=[("periodic", "Báo cáo định kỳ chuyển đổi số"), ("dti", "Kế hoạch nâng cao chỉ số DTI")],
    )
    file = forms.FileField(label="Tệp mẫu .docx")
