"""The default .docx layouts in the Nghị định 30/2020/NĐ-CP format, built with python-docx.

A layout is a docxtpl template: the header (issuing body, national motto, number, place and
date), title, body, nơi nhận and signature are fields and loops the office can move, reword or
restyle in Word; the tables go where the paragraphs `{{ bang_bieu }}` (inside the text) and
`{{ phu_luc }}` (after the signature, on A4 landscape pages) stand. Page: A4, margins
20/20/30/15 mm (top, bottom, left, right), Times New Roman 14 pt.
"""

from __future__ import annotations

import io
from functools import cache

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15
# Appendices are printed on A4 landscape pages with the same margins.
LANDSCAPE_TEXT_WIDTH_MM = 297 - 30 - 15
BODY_MARKER = "{{ bang_bieu }}"
APPENDIX_MARKER = "{{ phu_luc }}"


def set_font(run, size: float, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    # Word takes East Asian and complex-script text from separate font slots; set them all.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def paragraph(
    container,
    text: str = "",
    size: float = 14,
    *,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.LEFT,
    indent_mm: float = 0,
    after: float = 0,
):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if indent_mm:
        fmt.first_line_indent = Mm(indent_mm)
    if text:
        set_font(p.add_run(text), size, bold=bold, italic=italic)
    return p


def short_rule(container, width_mm: float, cell_width_mm: float):
    """A short centred line under a header line: an empty paragraph with a bottom border."""
    p = paragraph(container, size=4)
    side = max(0.0, (cell_width_mm - width_mm) / 2)
    p.paragraph_format.left_indent, p.paragraph_format.right_indent = Mm(side), Mm(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), val)
    borders.append(bottom)
    p._p.get_or_add_pPr().append(borders)
    return p


def set_widths(table, widths_mm: list[float]) -> None:
    """Fixed widths that LibreOffice honours too: grid columns, cell widths, fixed layout."""
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(Mm(w).twips)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)


def no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _header_block(doc) -> None:
    left_w, right_w = 65.0, TEXT_WIDTH_MM - 65.0
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    set_widths(table, [left_w, right_w])
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(left, "{{ parent_body }}", 13, align=center)
    paragraph(left, "{{ issuer }}", 13, bold=True, align=center)
    short_rule(left, 25, left_w)
    paragraph(left, "Số: {{ number }}", 13, align=center)
    paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True, align=center)
    paragraph(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, align=center)
    short_rule(right, 62, right_w)
    paragraph(right, "{{ date_line }}", 14, italic=True, align=center)


def _title(doc) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(doc, "", 14)
    paragraph(doc, "{{ doc_type }}", 14, bold=True, align=center)
    paragraph(doc, "{{ title }}", 14, bold=True, align=center)
    short_rule(doc, 40, TEXT_WIDTH_MM)
    paragraph(doc, "", 14)


def _body(doc) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph(doc, "{%p for line in intro %}")
    paragraph(doc, "{{ line }}", 14, align=justify, indent_mm=12.7, after=6)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p for b in body %}")
    paragraph(doc, "{%p if b.level == 1 %}")
    paragraph(doc, "{{ b.text }}", 14, bold=True, align=justify, indent_mm=12.7, after=6)
    paragraph(doc, "{%p elif b.level == 2 %}")
    paragraph(doc, "{{ b.text }}", 14, bold=True, align=justify, indent_mm=12.7, after=6)
    paragraph(doc, "{%p elif b.level == 3 %}")
    paragraph(doc, "{{ b.text }}", 14, bold=True, italic=True, align=justify, indent_mm=12.7, after=6)
    paragraph(doc, "{%p else %}")
    paragraph(doc, "{{ b.text }}", 14, align=justify, indent_mm=12.7, after=6)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, BODY_MARKER, 14)
    paragraph(doc, "{%p for c in charts %}")
    paragraph(doc, "{{ c.image }}", 14, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(doc, "{{ c.caption }}", 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{{ closing }}", 14, align=justify, indent_mm=12.7, after=6)


def _signature(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [85.0, TEXT_WIDTH_MM - 85.0])
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    paragraph(left, "Nơi nhận:", 12, bold=True, italic=True)
    paragraph(left, "{%p for r in recipients %}", 11)
    paragraph(left, "- {{ r }}", 11)
    paragraph(left, "{%p endfor %}", 11)
    center = WD_ALIGN_PARAGRAPH.CENTER
    # signer_lines: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC" (or "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", …)
    paragraph(right, "{%p for s in signer_lines %}", 14)
    paragraph(right, "{{ s }}", 14, bold=True, align=center)
    paragraph(right, "{%p endfor %}", 14)
    for _ in range(4):
        paragraph(right, "", 14)
    paragraph(right, "{{ signer_name }}", 14, bold=True, align=center)


@cache
def default_layout() -> bytes:
    """The built-in layout; the same for both documents (their content differs, not their form).

    Built once per process: it depends only on this code, and python-docx stamps every build
    with the time (two builds a second apart differ in their bytes, not in their content).
    """
    doc = new_document()
    _page(doc)
    doc._body._body.remove(doc.paragraphs[0]._p) if doc.paragraphs else None
    _header_block(doc)
    _title(doc)
    _body(doc)
    _signature(doc)
    # The renderer starts a landscape section here, which also starts a new page.
    paragraph(doc, APPENDIX_MARKER, 14)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
