"""PDF through LibreOffice: optional (a .docx never needs it), used by `chiso report --pdf` and the
draft page's PDF export."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfUnavailable(Exception):
    """LibreOffice is not installed, or it could not convert the file (message in Vietnamese)."""


def soffice() -> str | None:
    """The LibreOffice program on this machine, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path) -> Path:
    """Convert ``docx`` to a .pdf beside it and return the .pdf's path."""
    program = soffice()
    if program is None:
        raise PdfUnavailable(
            "chưa cài LibreOffice (apt-get install libreoffice-writer-nogui) nên không xuất được PDF; "
            "tệp .docx vẫn dùng được"
        )
    # One LibreOffice profile converts one file at a time: each conversion gets its own.
    with tempfile.TemporaryDirectory() as profile:
        try:
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(docx.parent),
                    str(docx),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            raise PdfUnavailable("LibreOffice không chuyển được văn bản sang PDF; tệp .docx vẫn dùng được") from None
    converted = docx.with_suffix(".pdf")
    if not converted.exists():
        raise PdfUnavailable("LibreOffice không chuyển được văn bản sang PDF; tệp .docx vẫn dùng được")
    return converted


def docx_bytes_to_pdf(content: bytes) -> bytes:
    """The PDF of a .docx held in memory (the web export), converted in a private folder."""
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "van-ban.docx"
        docx.write_bytes(content)
        return to_pdf(docx).read_bytes()
