"""No transcription or provenance note reaches a person: every output made from the bundled data
(the 11/2024 report, the DTI plan and Tháp Mười's 2023 report as .docx, their appendices as
.xlsx and CSV, every open-data table as CSV and JSON) is read back and scanned for the
transcriber's notes ("[transcription: …]", "[reading: …]", "lines 1907–1909") and for English.

The transcriber's notes stay in the data files as `source_note` (docs/data-format.md); a record's
`note` is what the source prints, and every note any page shows (values, points, tasks,
projects, the submission log) is checked the same way.
"""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from openpyxl import load_workbook

# The bundled data in the database before the module's outputs are made from it.
pytestmark = pytest.mark.usefixtures("seed_data")

# English words that are not Vietnamese syllables ("in", "an", "to", "so", "may" are left out).
ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "as",
        "from",
        "with",
        "without",
        "not",
        "only",
        "this",
        "that",
        "these",
        "those",
        "which",
        "where",
        "when",
        "there",
        "their",
        "its",
        "printed",
        "read",
        "reading",
        "transcription",
        "transcriber",
        "line",
        "lines",
        "cell",
        "cells",
        "page",
        "break",
        "column",
        "columns",
        "row",
        "rows",
        "source",
        "seed",
        "note",
        "notes",
        "value",
        "values",
        "inferred",
        "computed",
        "provisional",
        "assumption",
        "reference",
        "given",
        "kept",
        "joined",
        "continues",
        "continued",
        "after",
        "before",
        "under",
        "over",
        "into",
        "than",
        "then",
        "also",
        "but",
        "or",
        "if",
        "such",
        "each",
        "other",
        "same",
        "both",
        "between",
        "because",
        "since",
        "while",
        "would",
        "could",
        "should",
        "might",
        "cannot",
        "does",
        "did",
        "has",
        "have",
        "had",
        "percent",
        "sign",
        "see",
        "heading",
        "header",
        "table",
        "appendix",
        "marker",
        "footnote",
        "blank",
        "empty",
        "missing",
        "counted",
        "slug",
        "numbering",
        "seeds",
        "possibly",
        "probably",
        "exact",
        "evidence",
    ]
)
WORD = re.compile(r"[A-Za-z]+")
MARKERS = ("[transcription", "[reading", "transcription:", "reading:")
LINE_REFERENCE = re.compile(r"\blines?\b", re.IGNORECASE)


def leaks(text: str) -> list[str]:
    """What in a text is an internal note: a marker, a line reference or an English word.

    >>> leaks("Đạt [transcription: Cell continues across the page break (lines 1907–1909).]")
    ['[transcription', 'transcription:', 'lines', 'transcription', 'Cell', 'continues', 'the', 'page', 'break', 'lines']
    >>> leaks("Hệ thống iDesk, Google Form; tên miền .vn; Online 24/7")
    []
    """
    found = [m for m in MARKERS if m in text]
    found += LINE_REFERENCE.findall(text)
    found += [w for w in WORD.findall(text) if w.lower() in ENGLISH]
    return found


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph of a .docx (body, tables, headers and footers), as text."""
    doc = open_docx(io.BytesIO(data))
    parts = [doc.element.body]
    for section in doc.sections:
        parts += [section.header._element, section.footer._element]
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for part in parts for p in part.iter(qn("w:p"))]


def xlsx_texts(data: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(data))
    return [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def csv_texts(data: bytes | str) -> list[str]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def json_texts(value) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in json_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in json_texts(v)]
    return [value] if isinstance(value, str) else []


def _documents():
    from chiso.reports.dti_plan import DtiOptions, build_dti
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    return {
        "báo cáo tháng 11/2024": build_periodic(PeriodicOptions(period="2024-11", date=datetime.date(2024, 11, 25))),
        "kế hoạch DTI 2026": build_dti(DtiOptions(unit="dong-thap", year=2025, date=datetime.date(2026, 1, 5))),
        "báo cáo Tháp Mười 2023": build_periodic(
            PeriodicOptions(
                period="2023", framework="cds-thap-muoi-2023", unit="thap-muoi", date=datetime.date(2023, 12, 20)
            )
        ),
    }


def _open_data() -> dict[str, list[str]]:
    from chiso.frameworks.models import Framework
    from chiso.observations.readings import figure_periods
    from chiso.opendata.catalogue import open_values
    from chiso.opendata.exports import to_csv, to_json

    out = {}
    frameworks = {f.pk: f for f in Framework.objects.all()}
    for fw_id, periods in figure_periods(public=True).items():
        for period_id in sorted(periods):
            fw = frameworks[fw_id]
            values = open_values(fw, period_id)
            out[f"dữ liệu mở {fw.code} {period_id}.csv"] = csv_texts(to_csv(fw, values))
            out[f"dữ liệu mở {fw.code} {period_id}.json"] = json_texts(to_json(fw, period_id, values))
    return out


def _printed_notes() -> dict[str, list[str]]:
    """The notes pages show beside a record: values, points, tasks, projects, the submission log."""
    from chiso.collection.models import Submission
    from chiso.observations.models import DataValue, IndicatorPoints, PillarPoints, TotalPoints
    from chiso.tasks.models import Project, Task

    models = {
        "số liệu": DataValue,
        "điểm chỉ số thành phần": IndicatorPoints,
        "điểm chỉ số chính": PillarPoints,
        "tổng điểm": TotalPoints,
        "nhiệm vụ": Task,
        "dự án": Project,
        "nhận báo cáo": Submission,
    }
    return {name: list(model.objects.exclude(note="").values_list("note", flat=True)) for name, model in models.items()}


@pytest.fixture(scope="module")
def outputs(bundled_data) -> dict[str, list[str]]:
    """Every output of the bundled data, as the texts a person reads in it."""
    from chiso.reports.documents import render
    from chiso.reports.exports import appendices_xlsx, appendix_csv
    from chiso.reports.layouts import default_layout

    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, document in _documents().items():
            out[f"{name}.docx"] = docx_texts(render(document, default_layout()))
            out[f"{name}.xlsx"] = xlsx_texts(appendices_xlsx(document.appendices))
            for a in document.appendices:
                out[f"{name}, {a.label}.csv"] = csv_texts(appendix_csv(a))
        out.update(_open_data())
        out.update({f"ghi chú {k}": v for k, v in _printed_notes().items()})
        return out

    return bundled_data.read(build)


def test_every_output_of_the_bundled_data_is_scanned(outputs):
    kinds = {name.rsplit(".", 1)[-1] for name in outputs if "." in name}
    assert {"docx", "xlsx", "csv", "json"} <= kinds
    appendices = [name for name in outputs if name.endswith(".csv") and not name.startswith("dữ liệu mở")]
    assert len(appendices) >= 12  # 7 appendices of 000, 4 tables of 001, Tháp Mười's
    assert any(name.startswith("dữ liệu mở") for name in outputs)


@pytest.mark.parametrize("kind", ["docx", "xlsx", "csv", "json"])
def test_no_output_holds_a_transcription_note_a_line_reference_or_english(outputs, kind):
    found = {
        name: sorted(set(found))
        for name, texts in outputs.items()
        if name.endswith("." + kind)
        for found in [[w for text in texts for w in leaks(text)]]
        if found
    }
    assert not found


def test_no_note_a_page_shows_is_a_transcribers_note(outputs):
    found = {
        name: [text[:80] for text in texts if leaks(text)]
        for name, texts in outputs.items()
        if name.startswith("ghi chú")
    }
    assert not {name: texts for name, texts in found.items() if texts}


def test_the_seeds_own_notes_are_kept(outputs):
    # 000 Phụ lục IV row 9's Ghi chú, less the reading note that followed it in the data file.
    texts = outputs["báo cáo tháng 11/2024.docx"]
    assert "Chưa đạt Tổng số văn bản đi 35.782; Văn bản ký số 34.857/35.782 chiếm 97,4%" in texts
    # 000 Phụ lục II row 7: the cause of the smart villages not met, ending where the cell ends.
    assert any(t.startswith("Nguyên nhân chưa đạt: Quyết định số 384/QĐ-UBND-HC") for t in texts)


def test_the_transcribers_notes_stay_in_the_data_file_for_developers():
    from tests.reports.conftest import dataset

    notes = [v.source_note or "" for v in dataset("dong-thap-cds-nganh-2024-11").values]
    assert sum(n.startswith(("transcription:", "reading:")) for n in notes) == 5
    kept = next(
        v for v in dataset("dong-thap-cds-nganh-2024-11").values if (v.source_note or "").startswith("reading:")
    )
    assert kept.source["note"] == kept.source_note
