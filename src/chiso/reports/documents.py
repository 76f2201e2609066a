"""Rendering a document: docxtpl fills the layout's fields, then python-docx puts the tables and
their charts where the layout's `{{ bang_bieu }}` and `{{ phu_luc }}` paragraphs stand."""

from __future__ import annotations

import copy
import dataclasses
import io
import re
from xml.sax.saxutils import escape

from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.image.image import Image
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage

from chiso.reports.content import Document, table_marker
from chiso.reports.layout_fields import LayoutEnvironment
from chiso.reports.layouts import FONT, LANDSCAPE_TEXT_WIDTH_MM, TEXT_WIDTH_MM, paragraph, set_font
from chiso.reports.tables import KEEP_TOGETHER_MM, Appendix, column_widths, row_height_mm

# What the two marker fields render to, so the second pass can find their paragraphs.
MARKERS = {"bang_bieu": "[[chiso:bang_bieu]]", "phu_luc": "[[chiso:phu_luc]]"}
CENTER = WD_ALIGN_PARAGRAPH.CENTER
PAGE_FIELD = re.compile(r'(w:instr="|<w:instrText[^>]*>)\s*PAGE\b')


def render(document: Document, layout: bytes) -> bytes:
    """The finished .docx. Raises LayoutRejected when the layout uses more than its fields or
    runs over its budget, jinja2/docxtpl errors when it is broken."""
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
    _page_numbers(doc)
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
        **header,
        "date_line": document.header.date_line,
        "signer_lines": [*document.header.signer_authority.split("\n"), document.header.signer_title],
        "intro": document.intro,
        "body": [{"text": b.text, "level": b.level} for b in document.body],
        "closing": document.closing,
        "charts": [
            {"image": InlineImage(tpl, io.BytesIO(c.png), width=Mm(150)), "caption": c.caption} for c in document.charts
        ],
        **MARKERS,
    }
    # An uploaded layout is data: it renders in the sandbox, checked again at every render.
    tpl.render(context, jinja_env=LayoutEnvironment(), autoescape=True)
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
    if name == "phu_luc" and appendices:
        _landscape_from(doc, marker)
    for i, appendix in enumerate(appendices):
        for element in build(doc, appendix, first=i == 0):
            marker._p.addprevious(element)
    marker._p.getparent().remove(marker._p)


def _landscape_from(doc, marker) -> None:
    """End the text's portrait section before the appendices; they get A4 landscape pages."""
    last = doc.element.body.sectPr
    portrait = copy.deepcopy(last)
    brk = paragraph(doc)
    # The paragraph that carries the section break is 1 pt high: at 14 pt it spilled onto a page
    # of its own (blank but for its number) when the signature block filled the last page.
    brk.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    brk.paragraph_format.line_spacing = Pt(1)
    props = brk._p.get_or_add_pPr()
    props.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'))
    props.append(portrait)
    marker._p.addprevious(brk._p)
    section = doc.sections[-1]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


def _page_numbers(doc) -> None:
    """Nghị định 30/2020: the page number from page 2 on, centred at the top, in Times New Roman.

    The first section (the text) gets a first page of its own with an empty header; the
    appendices' landscape sections have no header of their own, so they show the same number
    and go on counting (nothing restarts it). A layout whose header already has a page number
    is left as the office made it.
    """
    first = doc.sections[0]
    if any(PAGE_FIELD.search(s.header._element.xml) for s in doc.sections if not s.header.is_linked_to_previous):
        return
    first.different_first_page_header_footer = True
    first.first_page_header.is_linked_to_previous = False  # its own, empty: no number on page 1
    for later in doc.sections[1:]:
        later.different_first_page_header_footer = False
        later.header.is_linked_to_previous = True
    header = first.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0] if header.paragraphs and not header.paragraphs[0].text else header.add_paragraph()
    number.alignment = CENTER
    # A field Word and LibreOffice compute on every page (no stored result to go stale).
    for xml in (
        f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>',
    ):
        run = number.add_run()
        set_font(run, 13)
        run._r.append(parse_xml(xml))


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
    return _table_with_notes(doc, a, caption=f"{a.label}. {a.title}")


def _table_with_notes(doc, a: Appendix, caption: str = "") -> list:
    out = []
    if a.unit_note:
        out.append(paragraph(doc, a.unit_note, 13, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)._p)
    if a.is_empty:
        if caption:
            out.append(paragraph(doc, caption, 13, italic=True, align=CENTER)._p)
        out.append(paragraph(doc, a.empty_message, 14, italic=True, align=CENTER)._p)
        return out
    out.append(_table(doc, a, LANDSCAPE_TEXT_WIDTH_MM if a.placement == "appendix" else TEXT_WIDTH_MM)._tbl)
    if caption:
        out.append(paragraph(doc, caption, 13, italic=True, align=CENTER, after=6)._p)
    for line in a.footer:
        out.append(paragraph(doc, line, 13, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)._p)
    if a.chart is not None:
        pic = paragraph(doc, align=CENTER)
        pic.add_run().add_picture(io.BytesIO(a.chart.png), width=_chart_width(a.chart.png, a.placement))
        out.append(pic._p)
        out.append(paragraph(doc, a.chart.caption, 13, italic=True, align=CENTER, after=6)._p)
    return out


# A chart's printed size: as wide as allowed (150 mm in the text; up to 245 mm on a landscape
# appendix page, so a tall chart's labels stay legible) and no taller than the page leaves
# under it (a landscape page has 170 mm of text height, its caption included).
CHART_LIMITS_MM = {"body": (150, 220), "appendix": (245, 155)}  # (width, height)


def _chart_width(png: bytes, placement: str) -> Mm:
    picture = Image.from_blob(png)
    widest, tallest = CHART_LIMITS_MM.get(placement, CHART_LIMITS_MM["body"])
    return Mm(min(widest, tallest * picture.px_width / picture.px_height))


def _table(doc, a: Appendix, text_width_mm: float):
    """The table as WordprocessingML built in one go: python-docx's per-cell API is too slow for
    a 130-unit log. Borders are explicit so a layout without the "Table Grid" style still has them."""
    size = 22 if len(a.columns) > 7 else 24  # half-points: 11 pt or 12 pt
    widths_mm = column_widths(a, text_width_mm, size / 2)
    widths = [int(Mm(w).twips) for w in widths_mm]
    grouped = any(c.group for c in a.columns)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:jc w:val="center"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '</w:tblPr><w:tblGrid>' + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    ]
    parts += _header_rows(a, widths, size, grouped)
    for row in a.rows:
        cells = [
            _tc(cell.text, widths[c], size, cell.bold or row.heading or row.total, _align(col.align if c else "center"))
            for c, (cell, col) in enumerate(zip(row.cells, a.columns, strict=False))
        ]
        keep = "<w:cantSplit/>" if row_height_mm(row, widths_mm, size / 2) <= KEEP_TOGETHER_MM else ""
        parts.append(f"<w:tr><w:trPr>{keep}</w:trPr>" + "".join(cells) + "</w:tr>")
    parts.append("</w:tbl>")
    return _Xml(parse_xml("".join(parts)))


class _Xml:
    """Quacks like a python-docx table for the caller, which only moves `_tbl`."""

    def __init__(self, element):
        self._tbl = element


def _header_rows(a: Appendix, widths: list[int], size: int, grouped: bool) -> list[str]:
    head = "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    if not grouped:
        return [
            head
            + "".join(_tc(c.title, w, size, True, "center") for c, w in zip(a.columns, widths, strict=True))
            + "</w:tr>"
        ]
    top, bottom, c = [], [], 0
    while c < len(a.columns):
        col = a.columns[c]
        if not col.group:
            top.append(_tc(col.title, widths[c], size, True, "center", vmerge="restart"))
            bottom.append(_tc("", widths[c], size, True, "center", vmerge="continue"))
            c += 1
            continue
        end = c
        while end + 1 < len(a.columns) and a.columns[end + 1].group == col.group:
            end += 1
        top.append(_tc(col.group, sum(widths[c : end + 1]), size, True, "center", span=end - c + 1))
        bottom += [_tc(a.columns[k].title, widths[k], size, True, "center") for k in range(c, end + 1)]
        c = end + 1
    return [head + "".join(top) + "</w:tr>", head + "".join(bottom) + "</w:tr>"]


def _tc(text: str, width: int, size: int, bold: bool, align: str, *, span: int = 1, vmerge: str = "") -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>"
    run_props = (
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        + ("<w:b/>" if bold else "")
        + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    )
    run = f'<w:r><w:rPr>{run_props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (
        f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>'
        f'<w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>'
    )


def _align(name: str) -> str:
    return {"center": "center", "right": "right"}.get(name, "left")
