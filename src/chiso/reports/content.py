"""A document's content before layout: header fields, body paragraphs, appendices, charts.

The layout (fonts, margins, where each field goes) lives in the .docx template; this is only
what gets filled in, so the same content can be drafted for the web page and for Word.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from chiso.reports.slips import Slip
from chiso.reports.tables import Appendix

# On 1 March 2025 the Departments of Information and Communications merged into the
# Departments of Science and Technology, which now run the DX office.
DEPARTMENT_MERGER = datetime.date(2025, 3, 1)


@dataclass
class Header:
    """The Nghị định 30/2020 header, title and signature fields."""

    parent_body: str  # "UBND TỈNH ĐỒNG THÁP"
    issuer: str  # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    number: str  # "      /BC-STTTT": the number is written in when signed
    place: str  # "Đồng Tháp"
    date: datetime.date
    doc_type: str  # "BÁO CÁO", "KẾ HOẠCH"
    title: str  # "Tình hình chuyển đổi số tháng 11 năm 2024"
    recipients: list[str] = field(default_factory=list)
    signer_authority: str = ""  # "KT. GIÁM ĐỐC"
    signer_title: str = ""  # "PHÓ GIÁM ĐỐC"
    signer_name: str = ""
    # The issuer in running text when it is not the capitalised name lowered ("Ủy ban nhân dân
    # huyện Tháp Mười" for "HUYỆN THÁP MƯỜI"); blank: proper_name(issuer).
    issuer_text: str = ""

    @property
    def issuer_words(self) -> str:
        return self.issuer_text or proper_name(self.issuer)

    @property
    def date_line(self) -> str:
        d = self.date
        return f"{self.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


@dataclass(frozen=True)
class Block:
    """A body paragraph: level 1 "I. KẾT QUẢ …", level 2 "1. …", level 3 "1.1. …", 0 plain text."""

    text: str
    level: int = 0
    # The body section the paragraph belongs to ("I.2" = section I, item 2; "II" = section II),
    # so an editor can show and replace one section at a time; blank when not drafted by section.
    section: str = ""


@dataclass(frozen=True)
class Chart:
    key: str
    caption: str
    png: bytes


@dataclass
class Document:
    kind: str  # "periodic" | "dti"
    header: Header
    intro: list[str]
    body: list[Block]
    closing: str
    appendices: list[Appendix]
    charts: list[Chart] = field(default_factory=list)
    # Printed evaluations their own figures contradict: kept as printed, listed for the office.
    flags: list[Slip] = field(default_factory=list)

    def appendix(self, key: str) -> Appendix:
        for a in self.appendices:
            if a.key == key:
                return a
        raise KeyError(key)


def dx_office(day: datetime.date) -> tuple[str, str]:
    """The DX office's name and symbol on a day: Sở TT&TT before the 2025 merger, Sở KH&CN after.

    >>> dx_office(datetime.date(2024, 11, 20))
    ('SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'STTTT')
    """
    if day < DEPARTMENT_MERGER:
        return "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT"
    return "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN"


def proper_name(upper: str) -> str:
    """ "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" -> "Sở Thông tin và Truyền thông" (for running text)."""
    return {
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG": "Sở Thông tin và Truyền thông",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ": "Sở Khoa học và Công nghệ",
    }.get(upper, upper[:1] + upper[1:].lower())


def province_name(unit) -> str:
    """ "Tỉnh Đồng Tháp (cũ)" -> "Đồng Tháp": documents of the time never say "(cũ)"."""
    name = unit.short_name or unit.name
    for prefix in ("Tỉnh ", "tỉnh ", "UBND tỉnh "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name.replace("(cũ)", "").strip()


def province_of(unit):
    """The province a unit belongs to (a province is its own): the document's place and issuer."""
    while unit.type != "tinh" and unit.parent_id is not None:
        unit = unit.parent
    return unit


def area_name(unit) -> str:
    """How running text names the area reported on: "tỉnh Đồng Tháp", but "Phường Cao Lãnh".

    >>> area_name(OrgUnit(name="Phường Cao Lãnh", type="xa"))  # doctest: +SKIP
    'Phường Cao Lãnh'
    """
    if unit.type == "tinh":
        return f"tỉnh {province_name(unit)}"
    return unit.name


def table_marker(key: str) -> str:
    """A body paragraph the renderer replaces with the table `key` (see documents.render)."""
    return f"[[chiso:bang:{key}]]"


def roman(n: int) -> str:
    """1 -> "I", 7 -> "VII" (appendix numbers)."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
