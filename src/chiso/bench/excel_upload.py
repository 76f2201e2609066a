"""`chiso bench excel`: what an uploaded workbook costs to read or refuse, hostile ones included.

Each case is a workbook built here (a report of 200 items, and the hostile files of issue 12: a
cell at row 1.048.576, too many rows, too many cells, a large or crowded shared-strings part),
read the way the upload reads it (:func:`check_workbook`, then openpyxl in read-only mode over
both sheets) in a fresh Python process, which reports the time and how far its peak memory
(ru_maxrss) rose while reading. No database is used.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from chiso.collection.workbook_limits import UploadRefused, check_workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET, STRINGS = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
CASES = {
    "report": "báo cáo 200 chỉ tiêu (đọc hết)",
    "far_cell": "một ô ở dòng 1.048.576",
    "rows": "5.001 dòng",
    "cells": "100.001 ô trên một dòng",
    "big_strings": "bảng chữ dùng chung khai 17 MB",
    "many_strings": "100.001 đoạn chữ dùng chung",
}


def _report(items: int = 200) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Số liệu"
    ws["A5"] = "Mã báo cáo: 1"
    for row in range(7, 7 + items):
        for column, value in enumerate(
            [
                row - 6,
                f"I.{row}",
                "Tên chỉ tiêu " * 5,
                "%",
                "Số",
                "80%",
                "1.234",
                1250,
                3662,
                4393,
                "Ghi chú",
                "Số 12/BC",
                "Có",
                1,
            ],
            start=1,
        ):
            ws.cell(row=row, column=column, value=value)
    narrative = book.create_sheet("Thuyết minh")
    for row, label in enumerate(["Kết quả thực hiện", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"], 2):
        narrative.cell(row=row, column=1, value=label)
        narrative.cell(row=row, column=2, value="Nội dung thuyết minh. " * 200)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with(body: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(body)) as original,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in original.infolist():
            if item.filename != name:
                copy.writestr(item.filename, original.read(item))
        copy.writestr(name, content)
    return out.getvalue()


def _rows(body: bytes, rows: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        xml = archive.read(SHEET)
    xml = re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>" + rows + b"</sheetData>", xml, flags=re.S)
    return _with(body, SHEET, xml)


def case_bytes(case: str) -> bytes:
    """The .xlsx of one case of :data:`CASES`."""
    body = _report()
    sst = f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode()
    if case == "far_cell":
        return _rows(body, b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>')
    if case == "rows":
        return _rows(body, b'<row><c r="B1"><v>1</v></c></row>' * 5001)
    if case == "cells":
        return _rows(body, b'<row r="7">' + b'<c r="A7"><v>1</v></c>' * 100_001 + b"</row>")
    if case == "big_strings":
        return _with(body, STRINGS, sst + b"<si><t>" + b"a" * (17 * 1024 * 1024) + b"</t></si></sst>")
    if case == "many_strings":
        return _with(body, STRINGS, sst + b"<si><t>a</t></si>" * 100_001 + b"</sst>")
    return body


def read(data: bytes) -> str:
    """Read ``data`` as the upload does; what happened, in a few words."""
    try:
        check_workbook(data, "bao-cao.xlsx")
    except UploadRefused as refused:
        return "từ chối: " + refused.message.split(": đây")[0].removeprefix("Tệp «bao-cao.xlsx» ")
    book = load_workbook(io.BytesIO(data), read_only=True)
    rows = 0
    for ws in book.worksheets:
        ws.reset_dimensions()
        rows += sum(1 for _ in ws.iter_rows(max_col=14))
    book.close()
    return f"đọc {rows} dòng"


CHILD = """
import json, resource, sys, time
from decimal import Decimal
from pathlib import Path
from chiso.bench.excel_upload import read
from chiso.engine.numbers import format_number
data = Path(sys.argv[1]).read_bytes()
format_number(Decimal(1))  # the Vietnamese number format is loaded before the measure
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
outcome = read(data)
seconds = time.perf_counter() - start
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"seconds": seconds, "mb": grown / 1024, "bytes": len(data), "outcome": outcome}))
"""


def measure(case: str) -> dict:
    """Run one case in a fresh process: seconds, peak memory growth (MB), file size, outcome.

    The file is built here and only read there, so the child's peak memory before reading is
    its imports and the file's bytes.
    """
    with tempfile.TemporaryDirectory(prefix="chiso-bench-excel-") as folder:
        path = Path(folder) / "bao-cao.xlsx"
        path.write_bytes(case_bytes(case))
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True, timeout=600
        )
    return json.loads(done.stdout)


def rows() -> tuple[list, list[str]]:
    """One table row per case: seconds and peak memory growth, with the outcome as a note."""
    from chiso.bench.table import Row

    table, notes = [], []
    for case, label in CASES.items():
        result = measure(case)
        table.append(Row(f"{label}: thời gian", result["seconds"], "giây", 1))
        table.append(Row(f"{label}: bộ nhớ tăng thêm", result["mb"], "MB", 50))
        notes.append(f"{label} ({result['bytes'] // 1024} KB): {result['outcome']}")
    return table, notes
