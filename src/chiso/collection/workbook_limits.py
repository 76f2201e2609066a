"""What an uploaded .xlsx may hold, checked before openpyxl expands any of it.

A .xlsx is a zip of XML parts, and what a part *declares* is not what it costs: a 7,6 KB file can
declare one cell at row 1.048.576 (openpyxl in full mode then builds every row up to it), or a
shared-strings part of hundreds of MB. So the upload is measured first, on what it really holds:

1. every zip member's declared uncompressed size, one by one and in total (Python's zipfile never
   inflates a member past its declared size: it stops there and fails the CRC check, so the
   declared size is a true bound on what reading it costs);
2. every XML part streamed through expat with counters and no tree: the rows (the highest row
   number, which is what a far-away cell costs), the cells, the shared strings and all elements,
   stopping at the first limit passed.

Only a file within every limit is handed to openpyxl, in read-only (streaming) mode. A report form
has a few hundred items at most, so the limits are far above any real report and far below what
hurts the server.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from xml.parsers import expat

from chiso.engine.numbers import format_number

CHUNK = 64 * 1024


class UploadRefused(Exception):
    """The file as a whole cannot be read (not .xlsx, corrupt, too large, another report)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class WorkbookLimits:
    rows: int = 5_000  # the highest row number a sheet may use
    cells: int = 100_000  # cells in the whole workbook
    shared_strings: int = 100_000
    elements: int = 1_000_000  # XML elements in all parts together
    parts: int = 200
    part_bytes: int = 16 * 1024 * 1024  # one member, uncompressed
    total_bytes: int = 64 * 1024 * 1024  # all members, uncompressed


LIMITS = WorkbookLimits()


def corrupt(file_name: str) -> UploadRefused:
    return UploadRefused(
        f"Tệp «{file_name}» bị hỏng hoặc không phải tệp Excel thật (không mở "
        "được). Hãy lưu lại bằng Excel dưới dạng .xlsx rồi tải lên. Chưa lưu gì."
    )


NOT_A_REPORT = "Hãy tải mẫu .xlsx của báo cáo này về, nhập số liệu rồi tải lên lại. Chưa lưu gì."


def _n(value: int) -> str:
    return format_number(Decimal(value))


def _mb(size: int) -> str:
    return format_number(Decimal(size) / 1048576, 1)


def _part_kind(name: str) -> str:
    """A zip member as an office worker would call it (internal part names never reach a person)."""
    if name.startswith("xl/worksheets/"):
        return "một trang tính"
    if name == "xl/sharedStrings.xml":
        return "bảng chữ dùng chung của các ô"
    return "một thành phần"


class _Counts:
    """Running counts over the XML parts; raises UploadRefused at the first limit passed."""

    def __init__(self, file_name: str, limits: WorkbookLimits):
        self.file_name, self.limits = file_name, limits
        self.cells = self.shared_strings = self.elements = 0
        self.row = 0  # the current sheet's last row number

    def refuse(self, what: str) -> None:
        raise UploadRefused(f"Tệp «{self.file_name}» {what}: đây không phải mẫu báo cáo bình thường. {NOT_A_REPORT}")

    def start(self, name: str, attrs: dict) -> None:
        self.elements += 1
        if self.elements > self.limits.elements:
            self.refuse(f"có hơn {_n(self.limits.elements)} phần tử XML, vượt giới hạn {_n(self.limits.elements)}")
        local = name.rpartition(" ")[2]
        if local == "row":
            self._row(attrs.get("r"))
        elif local == "c":
            self.cells += 1
            if self.cells > self.limits.cells:
                self.refuse(
                    f"có hơn {_n(self.limits.cells)} ô, vượt giới hạn {_n(self.limits.cells)} ô của một báo cáo"
                )
        elif local == "si":
            self.shared_strings += 1
            if self.shared_strings > self.limits.shared_strings:
                self.refuse(
                    f"có hơn {_n(self.limits.shared_strings)} đoạn chữ, vượt giới hạn {_n(self.limits.shared_strings)}"
                )

    def _row(self, number: str | None) -> None:
        # The row number as openpyxl reads it: the r attribute, or the previous row's plus one.
        try:
            self.row = int(number) if number is not None else self.row + 1
        except ValueError:
            self.refuse("có một dòng đánh số sai (tệp bị hỏng)")
        if self.row > self.limits.rows:
            self.refuse(
                f"có dữ liệu hoặc định dạng ở dòng {_n(self.row)}, vượt giới hạn "
                f"{_n(self.limits.rows)} dòng của một trang. Nếu tệp đúng là mẫu báo cáo, "
                "hãy xoá các dòng thừa phía dưới bảng"
            )


def _no_doctype(*_args) -> None:
    # No part of a real .xlsx has a DTD; entity tricks are refused rather than expanded.
    raise ValueError("DTD")


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, counts: _Counts) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = counts.start
    parser.StartDoctypeDeclHandler = _no_doctype
    counts.row = 0
    with archive.open(member) as source:
        while chunk := source.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def check_workbook(data: bytes, file_name: str, limits: WorkbookLimits = LIMITS) -> None:
    """Refuse (UploadRefused, in Vietnamese, with the limit) a .xlsx bigger than a report can be.

    ``data`` must already be a zip file. Reads nothing but the zip directory and, in streaming,
    the XML parts; keeps nothing of them.
    """
    counts = _Counts(file_name, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise corrupt(file_name) from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.parts:
            counts.refuse(f"gồm {_n(len(members))} thành phần, vượt giới hạn {_n(limits.parts)}")
        for member in members:
            if member.file_size > limits.part_bytes:
                counts.refuse(
                    f"có {_part_kind(member.filename)} nặng {_mb(member.file_size)} MB "
                    f"khi giải nén, vượt giới hạn {_mb(limits.part_bytes)} MB"
                )
        total = sum(member.file_size for member in members)
        if total > limits.total_bytes:
            counts.refuse(f"nặng {_mb(total)} MB khi giải nén, vượt giới hạn {_mb(limits.total_bytes)} MB")
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                try:
                    _scan(archive, member, counts)
                except (expat.ExpatError, ValueError, zipfile.BadZipFile, EOFError, NotImplementedError):
                    raise corrupt(file_name) from None
