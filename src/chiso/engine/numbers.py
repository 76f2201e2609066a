"""Reading and writing the numbers of Vietnamese reports.

The seed documents write numbers two ways: `1.831.160` and `83,80%` (Vietnamese: dot thousands,
comma decimals) in the monthly report and the district files, but `59.65%` and `817.41` (dot
decimals) in the 2026 DTI plan. A lone dot followed by exactly three digits (`1.238`) is
genuinely ambiguous, so every source states a locale hint. The rules, applied in order:

1. Both `.` and `,` present: the rightmost one is the decimal mark; the other groups thousands.
2. A mark that occurs more than once groups thousands (`1.831.160`).
3. A single mark followed by a number of digits other than three is a decimal mark
   (`817.41`, `0,42`, `90.8`): no thousands grouping looks like that.
4. A single mark after a leading `0` is a decimal mark (`0.470`).
5. Otherwise (`1.238`, `28.040`, `1,238`) the locale hint decides: `vi` reads the dot as
   thousands and the comma as decimal; `en` the other way round.

Text that fits none of the forms raises `NumberFormatError` quoting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from chiso.engine.errors import NumberFormatError

LOCALES = ("vi", "en")
MISSING_MARKS = {"-", "–", "—", "", "x/x", "…", "..."}

_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$")
_PLAIN = re.compile(r"([0-9]+)(?:[.,]([0-9]{1,2}))?(%?)")
_BOUND_WORDS = (
    # (prefix, suffix, bound) — longest first so "Từ … trở lên" wins over "Từ"
    ("từ", "trở lên", ">="),
    ("trên", "", ">"),
    ("dưới", "", "<"),
    ("tối thiểu", "", ">="),
    ("ít nhất", "", ">="),
    ("tối đa", "", "<="),
    ("không quá", "", "<="),
    ("≥", "", ">="),
    (">=", "", ">="),
    ("≤", "", "<="),
    ("<=", "", "<="),
    (">", "", ">"),
    ("<", "", "<"),
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as a report writes it.

    `value` is in the unit shown: `83,80%` is 83.80 with unit "%". A fraction such as
    `3.662/4.393` keeps its numerator and denominator and its value is the percentage.
    `bound` is set for "Trên 70%" (">") or "Dưới 10%" ("<").
    """

    value: Decimal
    unit: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    bound: str | None = None
    raw: str = ""

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


def parse_decimal(text: str, locale: str = "vi") -> Decimal:
    """Read a plain number written as in the seeds.

    >>> parse_decimal("1.831.160")
    Decimal('1831160')
    >>> parse_decimal("83,80")
    Decimal('83.80')
    >>> parse_decimal("817.41", locale="en")
    Decimal('817.41')
    """
    if locale not in LOCALES:
        raise ValueError(f"unknown locale hint {locale!r}")
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(s):
        raise NumberFormatError("Không đọc được số", raw=text)
    sign = ""
    if s[0] in "+-":
        sign, s = (s[0] if s[0] == "-" else ""), s[1:]
    decimal_mark, group_mark = _marks(s, locale, text)
    if group_mark:
        _check_grouping(s.split(decimal_mark)[0] if decimal_mark else s, group_mark, text)
        s = s.replace(group_mark, "")
    if decimal_mark:
        s = s.replace(decimal_mark, ".")
    try:
        return Decimal(sign + s)
    except InvalidOperation:  # pragma: no cover - the regex and checks above prevent it
        raise NumberFormatError("Không đọc được số", raw=text) from None


def _marks(s: str, locale: str, raw: str) -> tuple[str | None, str | None]:
    """Decide which of '.' and ',' is the decimal mark, by the module's rules."""
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_mark = "." if s.rfind(".") > s.rfind(",") else ","
        if s.count(decimal_mark) > 1:
            raise NumberFormatError("Số có hai dấu thập phân", raw=raw)
        return decimal_mark, ("," if decimal_mark == "." else ".")
    if not dots and not commas:
        return None, None
    mark = "." if dots else ","
    if s.count(mark) > 1:
        return None, mark
    head, tail = s.split(mark)
    if len(tail) != 3 or head == "0" or head == "":
        if not tail:
            raise NumberFormatError("Số kết thúc bằng dấu phân cách", raw=raw)
        return mark, None
    locale_decimal = "," if locale == "vi" else "."
    return (mark, None) if mark == locale_decimal else (None, mark)


def _check_grouping(integer_part: str, group_mark: str, raw: str) -> None:
    groups = integer_part.split(group_mark)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise NumberFormatError("Dấu phân cách hàng nghìn đặt sai chỗ", raw=raw)


def parse_quantity(text: str | None, locale: str = "vi") -> Quantity | None:
    """Read a value cell: a number, a percentage, a fraction, a bounded figure, or nothing.

    Returns None for the marks reports use for "no figure" (`-`, empty).

    >>> parse_quantity("3.662/4.393").numerator
    Decimal('3662')
    >>> parse_quantity("Trên 70%").bound
    '>'
    >>> parse_quantity("-") is None
    True
    """
    if text is None:
        return None
    raw = str(text)
    plain = _PLAIN.fullmatch(raw)
    if plain and locale in LOCALES:
        # "84,09%", "73.5", "12": one mark followed by one or two digits is a decimal mark in
        # both locales, so the general reading below is not needed (national scoring reads
        # 75,000 of these per period; a test holds both readings equal).
        whole, decimals, percent = plain.groups()
        return Quantity(value=Decimal(f"{whole}.{decimals}" if decimals else whole), unit=percent, raw=raw)
    return _read_written(raw, locale)


def _read_written(raw: str, locale: str) -> Quantity | None:
    """The general reading of :func:`parse_quantity`: bounds, fractions, grouped thousands."""
    s = " ".join(raw.split())
    if s in MISSING_MARKS:
        return None
    bound, s = _strip_bound(s)
    unit = ""
    if s.endswith("%"):
        unit, s = "%", s[:-1].strip()
    if "/" in s:
        return _fraction(s, raw, locale, bound)
    value = parse_decimal(s, locale)
    return Quantity(value=value, unit=unit, bound=bound, raw=raw)


def _strip_bound(s: str) -> tuple[str | None, str]:
    if s[:1].isdigit():  # every bound word and sign comes before the number
        return None, s
    lower = s.lower()
    for prefix, suffix, bound in _BOUND_WORDS:
        if lower.startswith(prefix) and (not suffix or lower.endswith(suffix)):
            inner = s[len(prefix) :]
            if suffix:
                inner = inner[: len(inner) - len(suffix)]
            return bound, inner.strip()
    return None, s


def _fraction(s: str, raw: str, locale: str, bound: str | None) -> Quantity:
    parts = s.split("/")
    if len(parts) != 2:
        raise NumberFormatError("Phân số phải có dạng tử số/mẫu số", raw=raw)
    numerator = parse_decimal(parts[0], locale)
    denominator = parse_decimal(parts[1], locale)
    if denominator == 0:
        raise NumberFormatError("Mẫu số bằng 0", raw=raw)
    value = numerator / denominator * 100
    return Quantity(value=value, unit="%", numerator=numerator, denominator=denominator, bound=bound, raw=raw)


def format_number(value: Decimal | int | float, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: `1.831.160`, `83,8`.

    With `decimals`, the number is rounded (half up) and shown with exactly that many
    decimal places; without it every significant decimal is kept.

    >>> format_number(Decimal("1831160"))
    '1.831.160'
    >>> format_number(Decimal("83.8"), decimals=2)
    '83,80'
    """
    value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if decimals is None:
        return str(_pattern("#,##0.###").apply(value, _vietnamese(), decimal_quantization=False))
    return str(_pattern("#,##0" + ("." + "0" * decimals if decimals else "")).apply(value, _vietnamese()))


# Babel's format_decimal parses the locale and the pattern on every call; an evaluation's
# reason writes numbers by the thousand, so both are parsed once (same output).
@cache
def _vietnamese() -> Locale:
    return Locale.parse("vi_VN")


@lru_cache(maxsize=32)
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


def format_percent(value: Decimal | int | float, decimals: int = 2) -> str:
    """Write a percentage given in percent units: `83,80%`.

    >>> format_percent(Decimal("83.8"))
    '83,80%'
    """
    return format_number(value, decimals) + "%"


# A percentage written the English way inside a sentence ("86.96%", "tăng tối thiểu 1.5%"),
# as the DTI framework's tables and some source documents write them; "1.250%" is not one.
_DOT_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{1,2})(\s?%)")


def vietnamese_decimals(text: str) -> str:
    """Rewrite dot-decimal percentages in a text with the Vietnamese decimal comma.

    >>> vietnamese_decimals("86.96% (20/23)")
    '86,96% (20/23)'
    >>> vietnamese_decimals("tăng 1.250% ở chỉ tiêu 8.2; giữ 62,5%")
    'tăng 1.250% ở chỉ tiêu 8.2; giữ 62,5%'
    """
    return _DOT_PERCENT.sub(r"\1,\2\3", text)


def format_quantity(q: Quantity, decimals: int | None = None) -> str:
    """Write a quantity back: a fraction as `3.662/4.393`, a percentage as `83,36%`."""
    if q.numerator is not None and q.denominator is not None:
        return f"{format_number(q.numerator)}/{format_number(q.denominator)}"
    text = format_number(q.value, decimals)
    return text + "%" if q.is_percent else text
