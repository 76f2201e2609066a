"""The documents the bundled figures were transcribed from, by the name of their text file.

A person reads a source as the document's title ("Báo cáo số …/BC-STTTT, Phụ lục I"), never as
the extracted file's name; the line number of the extraction is for the loader, not for them.
The titles are data, beside the bundled datasets (`data/source_documents.yaml`).
"""

from __future__ import annotations

from functools import cache

import yaml

from chiso.datafiles import BUNDLED_DATA


@cache
def titles() -> dict[str, str]:
    return yaml.safe_load((BUNDLED_DATA / "source_documents.yaml").read_text(encoding="utf-8"))


def document_title(file_name: str) -> str:
    """The title of the document a text file was extracted from; another file is «Tài liệu nguồn».

    >>> document_title("")
    ''
    >>> document_title("khong-co.txt")
    'Tài liệu nguồn'
    """
    if not file_name:
        return ""
    return titles().get(file_name, "Tài liệu nguồn")
