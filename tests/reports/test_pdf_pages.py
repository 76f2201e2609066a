"""PDF export via LibreOffice renders every page: the 11/2024 report and the DTI plan are
converted by `chiso.reports.pdf.to_pdf` (what `chiso report --pdf` and the draft page use), the
pages counted with pdfinfo, read with pdftotext and drawn with pdftoppm. Page numbers: none on
page 1, "2" at the top of page 2, and still counting on the last landscape appendix page."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

pytestmark = [
    pytest.mark.django_db,
    # The PDFs are asked for by name: their contents are put in place before the test's transaction.
    pytest.mark.usefixtures("bundled_data"),
    pytest.mark.skipif(
        shutil.which("soffice") is None and shutil.which("libreoffice") is None,
        reason="chưa cài LibreOffice (libreoffice-writer-nogui): không chuyển được sang PDF để kiểm tra",
    ),
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="chưa cài poppler-utils: không đọc được các trang PDF"),
]


def _convert(bundled_data, folder: Path, name: str, build) -> dict:
    from chiso.reports.documents import render
    from chiso.reports.layouts import default_layout
    from chiso.reports.pdf import to_pdf

    document = bundled_data.read(build)
    docx = folder / f"{name}.docx"
    docx.write_bytes(render(document, default_layout()))
    pdf = to_pdf(docx)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends the last page with a form feed too
    return {
        "document": document,
        "pdf": pdf,
        "pages": int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)),
        "text": pages,
    }


@pytest.fixture(scope="module")
def periodic_pdf(bundled_data, tmp_path_factory):
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    return _convert(
        bundled_data,
        tmp_path_factory.mktemp("pdf"),
        "bao-cao-11-2024",
        lambda: build_periodic(PeriodicOptions(period="2024-11", date=datetime.date(2024, 11, 25))),
    )


@pytest.fixture(scope="module")
def dti_pdf(bundled_data, tmp_path_factory):
    from chiso.reports.dti_plan import DtiOptions, build_dti

    return _convert(
        bundled_data,
        tmp_path_factory.mktemp("pdf"),
        "ke-hoach-dti",
        lambda: build_dti(DtiOptions(unit="dong-thap", year=2025, date=datetime.date(2026, 1, 5))),
    )


PDFS = ["periodic_pdf", "dti_pdf"]


def first_line(page: str) -> str:
    return next((line.strip() for line in page.splitlines() if line.strip()), "")


def appendix_pages(made: dict) -> list[int]:
    """The page (1-based) on which each appendix's label ("Phụ lục I") stands, first after the number."""
    found = []
    for a in made["document"].appendices:
        if a.placement != "appendix":
            continue
        for n, page in enumerate(made["text"], start=1):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            if lines[:2] == [str(n), a.label]:
                found.append(n)
                break
        else:
            raise AssertionError(f"không trang nào mở đầu bằng «{a.label}»")
    return found


@pytest.mark.parametrize("name", PDFS)
def test_pdfinfo_counts_every_page_the_text_holds(name, request):
    made = request.getfixturevalue(name)
    assert made["pages"] == len(made["text"])
    appendices = [a for a in made["document"].appendices if a.placement == "appendix"]
    # The text takes at least a page, and each appendix starts a page of its own.
    assert made["pages"] >= 1 + len(appendices)


@pytest.mark.parametrize("name", PDFS)
def test_each_appendix_starts_its_own_page_in_order(name, request):
    pages = appendix_pages(request.getfixturevalue(name))
    assert pages == sorted(set(pages))
    assert pages[0] >= 2


@pytest.mark.parametrize("name", PDFS)
def test_every_page_renders_as_an_a4_image_with_ink_on_it(name, request, tmp_path):
    made = request.getfixturevalue(name)
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(made["pdf"]), str(tmp_path / "trang")], check=True)
    images = sorted(tmp_path.glob("trang-*.pgm"))
    assert len(images) == made["pages"]
    for image in images:
        picture = Image.open(image)
        short, long = sorted(picture.size)  # A4 at 20 dpi: 165,4 × 233,9 pixels
        assert (abs(short - 165.4) < 1.5, abs(long - 233.9) < 1.5) == (True, True), f"{image.name}: {picture.size}"
        darkest, _lightest = picture.getextrema()
        assert darkest < 255, f"{image.name} trắng trơn"


@pytest.mark.parametrize("name", PDFS)
def test_no_page_is_blank_but_for_its_number(name, request):
    made = request.getfixturevalue(name)
    empty = [n for n, page in enumerate(made["text"], start=1) if not page.split() or page.split() == [str(n)]]
    assert empty == []


@pytest.mark.parametrize("name", PDFS)
def test_page_1_has_no_number_and_page_2_is_numbered_2_at_the_top(name, request):
    pages = request.getfixturevalue(name)["text"]
    assert not re.fullmatch(r"\d+", first_line(pages[0]))
    assert first_line(pages[1]) == "2"
    # Centred: pdftotext -layout puts it far from the left margin, where the text starts.
    number = next(line for line in pages[1].splitlines() if line.strip())
    assert len(number) - len(number.lstrip()) > 20


@pytest.mark.parametrize("name", PDFS)
def test_the_landscape_appendix_pages_go_on_counting(name, request):
    made = request.getfixturevalue(name)
    assert [first_line(page) for page in made["text"][1:]] == [str(n) for n in range(2, made["pages"] + 1)]


def test_the_periodic_pdf_names_the_issuer_and_date_of_its_docx(periodic_pdf):
    header = periodic_pdf["document"].header
    first = " ".join(periodic_pdf["text"][0].split())
    assert "SỞ THÔNG TIN VÀ" in first
    assert "TRUYỀN THÔNG" in first
    assert header.date_line in first
    assert "/BC-STTTT" in first
