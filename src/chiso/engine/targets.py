"""Targets as plans write them, turned into typed targets.

Plans state targets in words: "100%", "Trên 55%", "Từ 50% trở lên", "≥ 60%", "Tối thiểu 80%",
"Phấn đấu tăng tối thiểu 1.5%", "Duy trì", "Có", "10", "Hoàn thành 2023", "Thực hiện liên tục",
"5% ở bậc tiểu học, 10% ở bậc trung học". `parse_target` reads the forms it knows; anything
else stays a qualitative target holding the text, so nothing is ever guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from chiso.engine.errors import NumberFormatError
from chiso.engine.numbers import Quantity, parse_quantity

AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN = "at_least", "more_than", "at_most", "less_than"
MAINTAIN, YES, INCREASE_BY, COMPLETE_BY = "maintain", "yes", "increase_by", "complete_by"
CONTINUOUS, MULTI, QUALITATIVE = "continuous", "multi", "qualitative"

_BOUND_KIND = {None: AT_LEAST, ">=": AT_LEAST, ">": MORE_THAN, "<=": AT_MOST, "<": LESS_THAN}
_PREFIXES = ("phấn đấu", "đạt", "bảo đảm", "đảm bảo")


@dataclass(frozen=True)
class TargetPart:
    """One component of a multi-part target: "5% ở bậc tiểu học"."""

    value: Decimal
    unit: str
    scope: str


@dataclass(frozen=True)
class Target:
    """A typed target. `value` is in `unit` ("%" or ""); `text` is the wording as printed."""

    kind: str
    text: str
    value: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    year: int | None = None
    parts: tuple[TargetPart, ...] = field(default=())

    @property
    def is_quantitative(self) -> bool:
        return self.kind in (AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN, INCREASE_BY)

    @property
    def higher_is_better(self) -> bool:
        return self.kind not in (AT_MOST, LESS_THAN)


def parse_target(text: str | None, locale: str = "vi") -> Target:
    """Read a target wording; unknown wording becomes a qualitative target, never an error.

    >>> parse_target("Từ 50% trở lên").kind
    'at_least'
    >>> parse_target("Duy trì").kind
    'maintain'
    >>> parse_target("Xây dựng nền tảng số").kind
    'qualitative'
    """
    raw = "" if text is None else str(text)
    s = " ".join(raw.split()).rstrip(".;")
    lower = s.lower()
    for reader in (_word_target, _increase_target, _multi_target, _number_target):
        target = reader(s, lower, raw, locale)
        if target is not None:
            return target
    return Target(kind=QUALITATIVE, text=raw)


def _word_target(s: str, lower: str, raw: str, locale: str) -> Target | None:
    if lower in ("duy trì", "tiếp tục duy trì", "duy trì 100%"):
        return Target(kind=MAINTAIN, text=raw)
    if lower in ("có", "đạt", "hoàn thành"):
        return Target(kind=YES, text=raw)
    if lower in ("thực hiện liên tục", "thường xuyên", "liên tục"):
        return Target(kind=CONTINUOUS, text=raw)
    m = re.match(r"^hoàn thành\s+(?:(?:trong|trước|năm)\s+)*(\d{4})$", lower)
    if m:
        return Target(kind=COMPLETE_BY, text=raw, year=int(m[1]))
    return None


def _increase_target(s: str, lower: str, raw: str, locale: str) -> Target | None:
    m = re.match(r"^(?:phấn đấu )?tăng(?: tối thiểu| ít nhất)? (.+)$", lower)
    if not m:
        return None
    q = _quantity(s[len(s) - len(m[1]) :], locale)
    if q is None:
        return None
    return Target(kind=INCREASE_BY, text=raw, value=q.value, unit=q.unit)


_PART = re.compile(r"^(.+?%?)\s+(ở|đối với|với|tại)\s+(.+)$", re.IGNORECASE)


def _multi_target(s: str, lower: str, raw: str, locale: str) -> Target | None:
    if "," not in s and ";" not in s:
        return None
    # "1,5" has no space after its comma, so a decimal comma is never a split point
    chunks = [c.strip() for c in re.split(r"[;,]\s+", s) if c.strip()]
    if len(chunks) < 2:
        return None
    parts = []
    for chunk in chunks:
        m = _PART.match(chunk)
        q = _quantity(m[1], locale) if m else None
        if m is None or q is None:
            return None
        parts.append(TargetPart(value=q.value, unit=q.unit, scope=m[3]))
    return Target(kind=MULTI, text=raw, parts=tuple(parts))


def _number_target(s: str, lower: str, raw: str, locale: str) -> Target | None:
    body = s
    for prefix in _PREFIXES:
        if lower.startswith(prefix + " "):
            body = s[len(prefix) + 1 :]
            break
    q = _quantity(body, locale)
    qualifier = ""
    if q is None:
        # "100% thủ tục đủ điều kiện": a number followed by what it counts
        m = re.match(r"^((?:[^\d\s]+\s+)*[\d.,]+\s*%?)\s+(\D.*)$", body)
        if not m:
            return None
        q = _quantity(m[1], locale)
        qualifier = m[2]
        if q is None:
            return None
    return Target(kind=_BOUND_KIND[q.bound], text=raw, value=q.value, unit=q.unit, qualifier=qualifier)


def _quantity(text: str, locale: str) -> Quantity | None:
    try:
        return parse_quantity(text, locale)
    except NumberFormatError:
        return None
