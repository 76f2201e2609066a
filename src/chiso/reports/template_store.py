"""The layouts in use: the newest uploaded .docx of a kind, else the built-in one.

An upload is tried on a sample document before it is kept, so a broken layout is refused with
a Vietnamese reason and the one in use stays.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

from chiso.reports.content import Block, Document, Header
from chiso.reports.layouts import default_layout
from chiso.reports import tables as t

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class TemplateRefused(Exception):
    """A layout that cannot be used; the message says why, in Vietnamese."""


def current_layout(kind: str) -> bytes:
    from chiso.reports.models import ReportTemplate

    latest = ReportTemplate.objects.filter(kind=kind).order_by("-uploaded_at", "-pk").first()
    return bytes(latest.content) if latest else default_layout()


def current_name(kind: str) -> str:
    from chiso.reports.models import ReportTemplate

    latest = ReportTemplate.objects.filter(kind=kind).order_by("-uploaded_at", "-pk").first()
    return latest.file_name if latest else f"mau-{kind}-mac-dinh.docx"


def sample_document() -> Document:
    """A small document with every field, to try a layout on."""
    header = Header(parent_body="UBND TỈNH MẪU", issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ", number="  /BC-SKHCN",
                    place="Mẫu", date=datetime.date(2025, 1, 2), doc_type="BÁO CÁO", title="Văn bản mẫu",
                    recipients=["Lưu: VT."], signer_authority="KT. GIÁM ĐỐC", signer_title="PHÓ GIÁM ĐỐC",
                    signer_name="Nguyễn Văn A")
    table = t.Appendix(key="I", label="Phụ lục I", title="BẢNG MẪU", columns=[t.Column("STT", 10),
                       t.Column("Nội dung", 50)], rows=[t.Row([t.count(1), t.points(Decimal("1.5"))])])
    return Document(kind="sample", header=header, intro=["Mở đầu."], body=[Block("I. MỤC", 1), Block("Nội dung.")],
                    closing="Kết thúc./.", appendices=[table])


def check_layout(file_name: str, data: bytes) -> None:
    """Raise TemplateRefused unless `data` is a .docx that renders the sample document."""
    from chiso.reports.documents import render

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateRefused(f"Tệp «{file_name}» không phải là văn bản Word (.docx). "
                              "Hãy lưu mẫu bằng Word với định dạng .docx rồi tải lên lại.")
    try:
        from docx import Document as open_docx

        open_docx(io.BytesIO(data))
    except Exception as error:  # python-docx raises several unrelated types for a bad package
        raise TemplateRefused(f"Tệp «{file_name}» không mở được như văn bản Word .docx ({error}).") from None
    try:
        render(sample_document(), data)
    except Exception as error:  # jinja2 / docxtpl / lxml: any failure means the layout is unusable
        raise TemplateRefused(f"Mẫu «{file_name}» không dựng được văn bản: {_reason(error)}. "
                              "Kiểm tra các trường {{ … }} và lệnh {% … %} trong mẫu.") from None


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "is undefined" in text:
        return f"trường không tồn tại ({text.replace(' is undefined', '')})"
    return text


def accept_upload(kind: str, file_name: str, data: bytes, user=None):
    """Keep an uploaded layout after checking it; the previous stays as history."""
    from chiso.reports.models import ReportTemplate

    if kind not in ReportTemplate.Kind.values:
        raise TemplateRefused(f"Không có loại văn bản «{kind}».")
    check_layout(file_name, data)
    return ReportTemplate.objects.create(kind=kind, content=data, file_name=file_name[:255],
                                         uploaded_by=user if user and user.is_authenticated else None)
