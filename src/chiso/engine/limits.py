"""What stored input may hold: the one place for its sizes and the characters it refuses.

Every boundary (the API's schemas, the entry form and Excel sheet through
``collection.entry.check``, the address guard in ``chiso.request_guard``) asks here, so a value
the database cannot store is refused with a Vietnamese message before it reaches it:

- a number must fit a ``numeric(20, 6)`` column: below 10^14 in size (PostgreSQL refuses more
  with an error, SQLite keeps a rounded float);
- a text must not hold NUL (PostgreSQL refuses it) nor other control characters, lone
  surrogates or non-characters that no person types and that break exports;
- one-line texts fit their ``varchar(255)``; longer texts fit one Excel cell (32,767), so
  they come back whole from a round trip through the report's workbook.
"""

from __future__ import annotations

import re
from decimal import Decimal

NUMBER_LIMIT = Decimal(10) ** 14
LINE_LENGTH = 255
TEXT_LENGTH = 32_767

# Tab, line feed and carriage return are typed in multi-line text; nothing else below 0x20.
_FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# An address (path or query string) holds no control character at all.
_FORBIDDEN_IN_ADDRESS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _describe(char: str) -> str:
    return "ký tự rỗng (NUL)" if char == "\x00" else f"ký tự điều khiển U+{ord(char):04X}"


def forbidden_character(text: str, *, address: bool = False) -> str:
    """The first character ``text`` must not hold, described in Vietnamese, or "".

    >>> forbidden_character("Có\\x00")
    'ký tự rỗng (NUL)'
    >>> forbidden_character("Dòng 1\\nDòng 2")
    ''
    """
    found = (_FORBIDDEN_IN_ADDRESS if address else _FORBIDDEN_IN_TEXT).search(text)
    return _describe(found.group()) if found else ""


def text_problem(text: str, label: str, limit: int = TEXT_LENGTH) -> str:
    """Why ``text`` cannot be stored under ``label``, in Vietnamese, or "".

    >>> text_problem("x" * 300, "Văn bản kiểm chứng", LINE_LENGTH)
    'Văn bản kiểm chứng dài 300 ký tự, quá giới hạn 255 ký tự.'
    """
    bad = forbidden_character(text)
    if bad:
        return f"{label} có {bad}, không lưu được: hãy gõ lại hoặc dán dưới dạng văn bản thường."
    if len(text) > limit:
        return f"{label} dài {len(text)} ký tự, quá giới hạn {limit} ký tự."
    return ""


def number_problem(number: Decimal, label: str) -> str:
    """Why ``number`` cannot be stored, in Vietnamese, or "" (10^14 is 100.000 tỷ). It is judged
    as stored, rounded to six decimals: 99.999.999.999.999,9999999 becomes 10^14.

    >>> number_problem(Decimal("1e14"), "Giá trị")
    'Giá trị quá lớn: chỉ nhận số có độ lớn dưới 100.000 tỷ.'
    """
    if (
        not number.is_finite()
        or abs(number) >= NUMBER_LIMIT
        or abs(number.quantize(Decimal("0.000001"))) >= NUMBER_LIMIT
    ):
        return f"{label} quá lớn: chỉ nhận số có độ lớn dưới 100.000 tỷ."
    return ""
