"""The "Ghi chú" of an indicator as a report may quote it: the recorded cause of a miss, without
the verdict the note repeats. The transcriber's own remarks are not in a note at all: the data
files keep them apart (`source_note`, chiso.datafiles.schema) and no output prints them."""

from __future__ import annotations

import re

from chiso.engine.numbers import vietnamese_decimals

# Phụ lục IV repeats its verdict at the head of the note: "Chưa đạt. (vì …)", "Đạt".
_VERDICT = re.compile(r"^(?:chưa đạt|không đạt|đạt|vượt)(?=$|[\s.,;:(])[\s.,;:]*", re.IGNORECASE)
_CAUSE_HEAD = re.compile(r"^(?:nguyên nhân(?: chưa đạt)?\s*:\s*|vì\s+|do\s+)", re.IGNORECASE)
_CAUSE_WORDS = ("nguyên nhân", "vì ", "do ", "chưa ", "đang ", "thiếu ", "kinh phí")


def printable(note: str) -> str:
    """The note on one line, in Vietnamese decimals.

    >>> printable("Văn bản ký số 34.857/35.782   chiếm 97.4%")
    'Văn bản ký số 34.857/35.782 chiếm 97,4%'
    """
    return vietnamese_decimals(" ".join((note or "").split())).strip()


def recorded_cause(note: str) -> str:
    """What a note says about a figure once its repeated verdict is dropped: "" when nothing.

    >>> recorded_cause("Chưa đạt. (vì tỉnh chưa hoàn thiện nền tảng quản trị tổng thể, thống nhất)")
    'vì tỉnh chưa hoàn thiện nền tảng quản trị tổng thể, thống nhất'
    >>> recorded_cause("Đạt")
    ''
    """
    text = _VERDICT.sub("", printable(note)).strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text.rstrip(" .;")


def cause_sentence(note: str) -> str:
    """A miss's note as a sentence: "Nguyên nhân: …" when it gives a reason, else the note itself.

    >>> cause_sentence("Chưa tích hợp email công vụ vào họp trực tuyến")
    'Nguyên nhân: chưa tích hợp email công vụ vào họp trực tuyến.'
    >>> cause_sentence("Nguyên nhân chưa đạt: Kinh phí áp dụng IoT còn cao.")
    'Nguyên nhân: kinh phí áp dụng IoT còn cao.'
    >>> cause_sentence("Dự kiến đến năm 2025: Đạt 80%")
    'Dự kiến đến năm 2025: Đạt 80%.'
    >>> cause_sentence("Ước tính")
    'Số liệu ước tính.'
    >>> cause_sentence("")
    ''
    """
    text = recorded_cause(note)
    if not text:
        return ""
    if text.lower().startswith(_CAUSE_WORDS):
        reason = _CAUSE_HEAD.sub("", text).strip()
        return f"Nguyên nhân: {lower_first(reason)}."
    if len(text.split()) <= 3:  # "Ước tính": how the figure was obtained
        return f"Số liệu {lower_first(text)}."
    return f"{text[:1].upper()}{text[1:]}."


# Words that stay capitalised inside a sentence: agencies and the names of documents.
_PROPER_HEADS = ("Sở ", "Bộ ", "Tỉnh ", "Quyết định", "Kế hoạch", "Công văn", "Nghị định", "Nghị quyết", "Thông tư")


def lower_first(text: str) -> str:
    """Lower the first letter unless the text starts with an abbreviation or a name ("UBND", "Sở").

    >>> lower_first("Quyết định số 384/QĐ-UBND-HC chưa phù hợp")
    'Quyết định số 384/QĐ-UBND-HC chưa phù hợp'
    >>> lower_first("Tổng Cục Thống kê chưa hướng dẫn"), lower_first("Mỗi năm khảo sát 01 lần")
    ('Tổng Cục Thống kê chưa hướng dẫn', 'mỗi năm khảo sát 01 lần')
    """
    words = text.split(" ", 2)
    first = words[0]
    named = len(words) > 1 and words[1][:1].isupper()  # "Tổng Cục Thống kê", "Bộ TT&TT"
    if (len(first) > 1 and first[1:].lower() != first[1:]) or named or text.startswith(_PROPER_HEADS):
        return text
    return text[:1].lower() + text[1:]
