"""The document a unit leader signs a report with: its number (số, ký hiệu) and its date.

Phụ lục VII names every unit's document in its note column ("1244/TTr-VP"); a web report takes
them from the leader at «Ký gửi báo cáo» and keeps them on the submission (``document``,
``document_date``). They are given together or not at all. The date is written dd/mm/yyyy (or
sent yyyy-mm-dd by a date picker); it cannot be after today nor before the period starts. It is
shown, never judged: a web report is on time or late by the day it arrived.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from chiso.engine.limits import LINE_LENGTH, text_problem

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
NUMBER_LABEL = "Số, ký hiệu văn bản"
DATE_LABEL = "Ngày văn bản"


@dataclass(frozen=True)
class SentDocument:
    """The leader's document: "125/SKHCN-VP" of 15/12/2026; empty when none was given."""

    number: str = ""
    day: datetime.date | None = None


class InvalidDocument(Exception):
    """What is wrong with the number or the date, by input ("number", "day"), in Vietnamese."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        self.message = "Chưa gửi được báo cáo: " + " ".join(errors.values())
        super().__init__(self.message)


def read_document(number: str, day: str, period_start: datetime.date, today: datetime.date) -> SentDocument:
    """Read what the leader typed; raise :class:`InvalidDocument` naming each wrong input.

    >>> read_document(" 125/SKHCN-VP ", "15/12/2026", datetime.date(2026, 11, 1), datetime.date(2026, 12, 16))
    SentDocument(number='125/SKHCN-VP', day=datetime.date(2026, 12, 15))
    >>> read_document("", "", datetime.date(2026, 11, 1), datetime.date(2026, 12, 16))
    SentDocument(number='', day=None)
    """
    number, day = number.strip(), day.strip()
    if not number and not day:
        return SentDocument()
    errors = {}
    problem = text_problem(number, NUMBER_LABEL, LINE_LENGTH)
    if problem:
        errors["number"] = problem
    elif not number:
        errors["number"] = f"{NUMBER_LABEL}: chưa nhập (đã nhập ngày văn bản; nhập cả hai hoặc để trống cả hai)."
    parsed = _date(day)
    if not day:
        errors["day"] = f"{DATE_LABEL}: chưa nhập (đã nhập số, ký hiệu; nhập cả hai hoặc để trống cả hai)."
    elif parsed is None:
        errors["day"] = f"{DATE_LABEL} «{day[:40]}» không phải ngày hợp lệ: viết ngày/tháng/năm, ví dụ 15/12/2026."
    elif parsed > today:
        errors["day"] = f"{DATE_LABEL} {parsed:%d/%m/%Y} là ngày sau hôm nay ({today:%d/%m/%Y})."
    elif parsed < period_start:
        errors["day"] = f"{DATE_LABEL} {parsed:%d/%m/%Y} là trước kỳ báo cáo (kỳ bắt đầu ngày {period_start:%d/%m/%Y})."
    if errors:
        raise InvalidDocument(errors)
    return SentDocument(number, parsed)


def _date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
