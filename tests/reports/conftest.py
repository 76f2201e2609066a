"""The 11/2024 report and the DTI plan built once per module from the bundled data.

The data itself (`seed_data`, `bundled_data`) is loaded once per test process by
tests/fixtures/contents.py; the documents are read from it outside any test's transaction.
"""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from chiso.datafiles import BUNDLED_DATA, read_file

SEED_PERIOD = "2024-11"


@pytest.fixture(scope="module")
def periodic_docx(bundled_data):
    """The 11/2024 report generated from the loaded data, opened with python-docx."""
    from chiso.reports.documents import render
    from chiso.reports.layouts import default_layout
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    def build() -> bytes:
        document = build_periodic(PeriodicOptions(period=SEED_PERIOD, date=datetime.date(2024, 11, 25)))
        return render(document, default_layout())

    return open_docx(io.BytesIO(bundled_data.read(build)))


@pytest.fixture(scope="module")
def dti_docx(bundled_data):
    from chiso.reports.documents import render
    from chiso.reports.dti_plan import DtiOptions, build_dti
    from chiso.reports.layouts import default_layout

    def build() -> bytes:
        document = build_dti(DtiOptions(unit="dong-thap", year=2025, date=datetime.date(2026, 1, 5)))
        return render(document, default_layout())

    return open_docx(io.BytesIO(bundled_data.read(build)))


def dataset(name: str):
    """A bundled dataset file read straight from YAML (not from the database)."""
    return read_file(BUNDLED_DATA / "datasets" / f"{name}.yaml").model


def element_text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()


def table_after(doc, heading: str):
    """The first table that follows the paragraph whose text is `heading` (e.g. "Phụ lục VII")."""
    body = doc.element.body
    seen = False
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p" and element_text(child) == heading:
            seen = True
        elif tag == "tbl" and seen:
            from docx.table import Table

            return Table(child, doc)
    raise AssertionError(f"không thấy bảng sau «{heading}»")


def paragraphs_after_table(doc, table) -> list[str]:
    out, seen = [], False
    for child in doc.element.body.iterchildren():
        if child is table._tbl:
            seen = True
            continue
        if seen:
            if child.tag.endswith("}tbl"):
                break
            text = element_text(child)
            if text.startswith("Phụ lục"):
                break
            if text:
                out.append(text)
    return out


def cell_rows(table) -> list[list[str]]:
    """Rows as text, merged cells repeated as python-docx reports them."""
    return [[c.text.strip() for c in row.cells] for row in table.rows]
