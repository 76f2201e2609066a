"""Rendering a document: docxtpl fills the layout's fields, then python-docx puts the tables and
their charts where the layout's `{{ bang_bieu }}` and `{{ phu_luc }}` paragraphs stand."""

from __future__ import annotations

import dataclasses
import io

import jinja2
from docx import Document as open_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from chiso.reports.content import Document, table_marker
from chiso.reports.layouts import TEXT_WIDTH_MM, paragraph, set_font, set_widths
from chiso.reports.tables import Appendix

# What the two marker fields render to, so the second pass can find their paragraphs.
MARKERS = {"bang_bieu": "[[chiso:bang_bieu]]", "phu_luc": "[[chiso:phu_luc]]"}
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def render(document: Document, layout: bytes) -> bytes:
    """The finished .docx. Raises jinja2/docxtpl errors when the layout is broken."""
    filled = _fill(document, layout)
    doc = open_docx(io.BytesIO(filled))
    body_tables = [a for a in document.appendices if a.placement == "body"]
    # A body table goes where the text names it ([[chiso:bang:bang-1]]), else at {{ bang_bieu }}.
    leftover = [a for a in body_tables if not _at_own_marker(doc, a)]
    _place(doc, "bang_bieu", leftover, _body_table)
    _place(doc, "phu_luc", [a for a in document.appendices if a.placement == "appendix"], _appendix)
    for p in doc.paragraphs:
        if p.text.strip().startswith("[[chiso:"):
            p._p.getparent().remove(p._p)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _at_own_marker(doc, a: Appendix) -> bool:
    marker = next((p for p in doc.paragraphs if p.text.strip() == table_marker(a.key)), None)
    if marker is None:
        return False
    for element in _body_table(doc, a, first=True):
        marker._p.addprevious(element)
    marker._p.getparent().remove(marker._p)
    return True


def _fill(document: Document, layout: bytes) -> bytes:
    tpl = DocxTemplate(io.BytesIO(layout))
    header = dataclasses.asdict(document.header)
    context = {
        **header, "date_line": document.header.date_line,
        "signer_lines": [*document.header.signer_authority.split("\n"), document.header.signer_title],
        "intro": document.intro,
        "body": [{"text": b.text, "level": b.level} for b in document.body],
        "closing": document.closing,
        "charts": [{"image": InlineImage(tpl, io.BytesIO(c.png), width=Mm(150)), "caption": c.caption}
                   for c in document.charts],
        **MARKERS,
    }
    # A misspelt field in an edited layout must fail loudly, not print nothing.
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    tpl.render(context, jinja_env=env, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def _place(doc, name: str, appendices: list[Appendix], build) -> None:
    marker = next((p for p in doc.paragraphs if p.text.strip() == MARKERS[name]), None)
    if marker is None and not appendices:
        return
    if marker is None:
        # The office removed the field from its layout: the tables still go at the end.
        marker = paragraph(doc)
    for i, appendix in enumerate(appendices):
        for element in build(doc, appendix, first=i == 0):
            marker._p.addprevious(element)
    marker._p.getparent().remove(marker._p)


def _appendix(doc, a: Appendix, first: bool) -> list:
    out = []
    if not first:
        brk = paragraph(doc)
        brk.add_run().add_break(WD_BREAK.PAGE)
        out.append(brk._p)
    out.append(paragraph(doc, a.label, 14, bold=True, align=CENTER)._p)
    out.append(paragraph(doc, a.title, 14, bold=True, align=CENTER)._p)
    if a.subtitle:
        out.append(paragraph(doc, a.subtitle, 13, italic=True, align=CENTER, after=6)._p)
    out += _table_with_notes(doc, a)
    return out


def _body_table(doc, a: Appendix, first: bool) -> list:
    out = _table_with_notes(doc, a)
    out.append(paragraph(doc, f"{a.label}. {a.title}", 13, italic=True, align=CENTER, after=6)._p)
    return out


def _table_with_notes(doc, a: Appendix) -> list:
    out = []
    if a.unit_note:
        out.append(paragraph(doc, a.unit_note, 13, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)._p)
    if a.is_empty:
        out.append(paragraph(doc, a.empty_message, 14, italic=True, align=CENTER)._p)
        return out
    out.append(_table(doc, a)._tbl)
    for line in a.footer:
        out.append(paragraph(doc, line, 13, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)._p)
    if a.chart is not None:
        pic = paragraph(doc, align=CENTER)
        pic.add_run().add_picture(io.BytesIO(a.chart.png), width=Mm(150))
        out.append(pic._p)
        out.append(paragraph(doc, a.chart.caption, 13, italic=True, align=CENTER, after=6)._p)
    return out


def _table(doc, a: Appendix):
    grouped = any(c.group for c in a.columns)
    header_rows = 2 if grouped else 1
    table = doc.add_table(rows=header_rows + len(a.rows), cols=len(a.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(c.width_mm for c in a.columns)
    set_widths(table, [c.width_mm * TEXT_WIDTH_MM / total for c in a.columns])
    size = 10 if len(a.columns) > 7 else 12
    _header(table, a, grouped, size)
    # Row by row: table.cell(r, c) rescans the whole table on every call.
    for tr, row in zip(list(table.rows)[header_rows:], a.rows):
        for c, (target, cell, column) in enumerate(zip(tr.cells, row.cells, a.columns)):
            _write(target, cell.text, size, bold=cell.bold or row.heading or row.total,
                   align=_align(column.align if c else "center"))
    return table


def _header(table, a: Appendix, grouped: bool, size: float) -> None:
    for r in range(2 if grouped else 1):
        _repeat_on_each_page(table.rows[r])
    c = 0
    while c < len(a.columns):
        column = a.columns[c]
        if not grouped:
            _write(table.cell(0, c), column.title, size, bold=True, align=CENTER)
            c += 1
            continue
        if not column.group:
            merged = table.cell(0, c).merge(table.cell(1, c))
            _write(merged, column.title, size, bold=True, align=CENTER)
            c += 1
            continue
        end = c
        while end + 1 < len(a.columns) and a.columns[end + 1].group == column.group:
            end += 1
        top = table.cell(0, c).merge(table.cell(0, end)) if end > c else table.cell(0, c)
        _write(top, column.group, size, bold=True, align=CENTER)
        for k in range(c, end + 1):
            _write(table.cell(1, k), a.columns[k].title, size, bold=True, align=CENTER)
        c = end + 1


def _repeat_on_each_page(row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _align(name: str):
    return {"center": CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(name, WD_ALIGN_PARAGRAPH.LEFT)


def _write(cell, text: str, size: float, *, bold: bool, align) -> None:
    p = cell.paragraphs[0]
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    p.alignment = align
    p.paragraph_format.space_after = 0
    set_font(p.add_run(text), size, bold=bold)
