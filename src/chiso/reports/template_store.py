"""The layouts in use: the newest .docx of a kind uploaded by the province's office, else the
built-in one.

An upload is tried on a sample document before it is kept, so a broken layout, or one that asks
for more than the documented fields (see layout_fields), is refused with a Vietnamese reason and
the one in use stays.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

from chiso.reports import tables as t
from chiso.reports.content import Block, Document, Header
from chiso.reports.layout_fields import LayoutRejected
from chiso.reports.layouts import default_layout

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A layout is a few pages of text: its parts, once unpacked, stay far below this.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 2_000


class TemplateRefused(Exception):
    """A layout that cannot be used; the message says why, in Vietnamese."""


def _latest(kind: str, province):
    from chiso.reports.models import ReportTemplate

    if province is None:
        return None
    return ReportTemplate.objects.filter(kind=kind, province=province).order_by("-uploaded_at", "-pk").first()


def current_layout(kind: str, province=None) -> bytes:
    """The layout `province`'s documents of `kind` use; the built-in one without a province."""
    latest = _latest(kind, province)
    return bytes(latest.content) if latest else default_layout()


def current_name(kind: str, province=None) -> str:
    latest = _latest(kind, province)
    return latest.file_name if latest else f"mau-{kind}-mac-dinh.docx"


def province_of_unit(code: str | None):
    """The province a unit's documents belong to: the top of its tree, today's if it was merged.

    >>> province_of_unit(None) is None
    True
    """
    from chiso.orgunits.lineage import successors_of
    from chiso.orgunits.models import OrgUnit

    if not code:
        return None
    top = OrgUnit.objects.filter(code=code).first()
    while top is not None and top.parent_id is not None:
        top = top.parent
    if top is None or top.type != OrgUnit.Type.TINH:
        return None
    if top.valid_to is not None:
        top = next(iter(successors_of(top)), top)
    return top


def sample_document() -> Document:
    """A small document with every field, to try a layout on."""
    header = Header(
        parent_body="UBND TỈNH MẪU",
        issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number="  /BC-SKHCN",
        place="Mẫu",
        date=datetime.date(2025, 1, 2),
        doc_type="BÁO CÁO",
        title="Văn bản mẫu",
        recipients=["Lưu: VT."],
        signer_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn A",
    )
    table = t.Appendix(
        key="I",
        label="Phụ lục I",
        title="BẢNG MẪU",
        columns=[t.Column("STT", 10), t.Column("Nội dung", 50)],
        rows=[t.Row([t.count(1), t.points(Decimal("1.5"))])],
    )
    return Document(
        kind="sample",
        header=header,
        intro=["Mở đầu."],
        body=[Block("I. MỤC", 1), Block("Nội dung.")],
        closing="Kết thúc./.",
        appendices=[table],
    )


def check_layout(file_name: str, data: bytes) -> None:
    """Raise TemplateRefused unless `data` is a .docx that renders the sample document."""
    from chiso.reports.documents import render

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateRefused(
            f"Tệp «{file_name}» không phải là văn bản Word (.docx). "
            "Hãy lưu mẫu bằng Word với định dạng .docx rồi tải lên lại."
        )
    _check_package_size(file_name, data)
    try:
        from docx import Document as open_docx

        open_docx(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises several unrelated types for a bad package
        raise TemplateRefused(f"Tệp «{file_name}» không mở được như văn bản Word .docx ({error}).") from None
    try:
        render(sample_document(), data)
    except LayoutRejected as rejected:
        raise TemplateRefused(
            f"Mẫu «{file_name}» không được dùng: {rejected}. Mẫu chỉ được chứa các trường và lệnh của mẫu mặc định."
        ) from None
    except Exception as error:  # noqa: BLE001 - jinja2 / docxtpl / lxml: any failure means the layout is unusable
        raise TemplateRefused(
            f"Mẫu «{file_name}» không dựng được văn bản: {_reason(error)}. "
            "Kiểm tra các trường {{ … }} và lệnh {% … %} trong mẫu."
        ) from None


def _check_package_size(file_name: str, data: bytes) -> None:
    """Refuse a package whose parts would unpack to far more than a layout holds (a zip bomb),
    from the sizes the zip declares, before anything is unpacked."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise TemplateRefused(
            f"Tệp «{file_name}» khi giải nén vượt {MAX_UNPACKED_BYTES // 1048576} MB "
            f"hoặc {MAX_PARTS} thành phần: không phải một mẫu văn bản thông thường."
        )


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "is undefined" in text:
        return f"trường không tồn tại ({text.replace(' is undefined', '')})"
    return text


def accept_upload(kind: str, file_name: str, data: bytes, user=None, province=None):
    """Keep an uploaded layout of `province` after checking it; the previous stays as history."""
    from chiso.reports.models import ReportTemplate

    if kind not in ReportTemplate.Kind.values:
        raise TemplateRefused(f"Không có loại văn bản «{kind}».")
    if province is None:
        raise TemplateRefused("Tài khoản chưa thuộc tỉnh nào nên không tải lên được mẫu văn bản.")
    check_layout(file_name, data)
    return ReportTemplate.objects.create(
        kind=kind,
        content=data,
        file_name=file_name[:255],
        province=province,
        uploaded_by=user if user and user.is_authenticated else None,
    )
