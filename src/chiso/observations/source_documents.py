"""The documents the bundled figures were transcribed from, by the name of their text file.

A person reads a source as the document's title ("Báo cáo số …/BC-STTTT, Phụ lục I"), never as
the extracted file's name; the line number of the extraction is for the loader, not for them.
"""

from __future__ import annotations

TITLES = {
    "000_f89b3f5186a6b6d5.txt": "Báo cáo số …/BC-STTTT tháng 11/2024 của Sở Thông tin và Truyền thông",
    "001_eece2ceadad99c62.txt": "Kế hoạch số …/KH-UBND năm 2026 của UBND tỉnh Đồng Tháp về nâng cao chỉ số chuyển đổi số",
    "003_2a9b37cc78cc7c68.txt": "Kế hoạch chuyển đổi số huyện Tháp Mười năm 2024",
    "004_bbd61e6e20a7fa32.txt": "Báo cáo kết quả chuyển đổi số năm 2023 của UBND huyện Tháp Mười",
}


def document_title(file_name: str) -> str:
    """The title of the document a text file was extracted from; another file is «Tài liệu nguồn».

    >>> document_title("000_f89b3f5186a6b6d5.txt")
    'Báo cáo số …/BC-STTTT tháng 11/2024 của Sở Thông tin và Truyền thông'
    """
    if not file_name:
        return ""
    return TITLES.get(file_name, "Tài liệu nguồn")
