"""Agencies as plans write them ("Sở Tài chính; Công an tỉnh", "Các sở, ban, ngành tỉnh") → org units.

A cell names one agency, several separated by ";" or ",", a collective ("Các sở, ban, ngành
tỉnh", "UBND xã, phường") or an agency followed by what it must do ("Văn phòng UBND Tỉnh tham
mưu, trình Chủ tịch ký"). Names are matched against each unit's name and aliases (NFC,
case-insensitive), only among units that existed on the document's date, because the same name
means different units before and after the 2025 merger. The longest name that starts the text
wins; the rest of that piece up to the next ";" is the action and is skipped. A piece that
matches no unit (a ministry of 000 Phụ lục V, "các đơn vị liên quan") is kept as unmatched text.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

# Collective wordings → the unit types they cover within the province of the document's date.
# "địa phương" in a national plan ("Các bộ, ngành, địa phương") is the province itself.
DEPARTMENTS, COMMUNES, PROVINCE = "so_ban_nganh", "xa", "tinh"
COLLECTIVES: dict[str, tuple[str, ...]] = {
    "các sở, ban, ngành tỉnh": (DEPARTMENTS,),
    "các sở, ban ngành tỉnh": (DEPARTMENTS,),
    "các sở, ban, ngành": (DEPARTMENTS,),
    "sở, ban ngành tỉnh": (DEPARTMENTS,),
    "sở, ban, ngành tỉnh": (DEPARTMENTS,),
    "ủy ban nhân dân xã, phường": (COMMUNES,),
    "các ủy ban nhân dân xã, phường": (COMMUNES,),
    "ubnd xã, phường": (COMMUNES,),
    "các cơ quan, đơn vị và địa phương": (DEPARTMENTS, COMMUNES),
    "các bộ, ngành, địa phương": (PROVINCE,),
    "các bộ, ngành liên quan": (),
    "các địa phương có khu công nghiệp, khu chế xuất": (PROVINCE,),
    "các địa phương": (PROVINCE,),
}


@dataclass(frozen=True)
class UnitName:
    """What the resolver needs to know of an org unit."""

    code: str
    type: str
    names: tuple[str, ...]
    province: str | None  # code of the province the unit belongs to (itself for a province)
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    def active_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass
class Resolution:
    codes: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def add(self, code: str) -> None:
        if code not in self.codes:
            self.codes.append(code)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    return " ".join(text.split()).casefold()


_SEPARATORS = re.compile(r"^[\s;,.\-–]+|^(và|với)\s+")
_AFTER_AGENCY = re.compile(r"^\s*([;,.\-–]|(và|với)\s)")


def resolve(text: str | None, units: list[UnitName], on: datetime.date, province: str | None) -> Resolution:
    """The units a cell names, on the document's date, within ``province``.

    >>> resolve("Sở Tài chính; Công an tỉnh", units, date(2026, 1, 1), "dong-thap").codes  # doctest: +SKIP
    ['so-tai-chinh', 'cong-an-tinh']
    """
    result = Resolution()
    if not text or not text.strip() or text.strip() == "-":
        return result
    # A unit of the former province may lack an end date; the document's province settles it.
    active = [u for u in units if u.active_on(on) and (province is None or u.province in (province, None))]
    phrases = sorted(
        ((_norm(n), ("unit", u.code)) for u in active for n in u.names if n.strip()), key=lambda p: -len(p[0])
    )
    phrases += sorted(((k, ("collective", k)) for k in COLLECTIVES), key=lambda p: -len(p[0]))
    phrases.sort(key=lambda p: -len(p[0]))
    rest = _norm(text)
    original = " ".join(unicodedata.normalize("NFC", text).split())
    while rest:
        m = _SEPARATORS.match(rest)
        if m:
            rest, original = rest[m.end() :], original[m.end() :]
            continue
        hit = next(((p, what) for p, what in phrases if rest.startswith(p) and _ends_word(rest, len(p))), None)
        if hit is None:
            cut = _piece_end(rest)
            result.unmatched.append(original[:cut].strip())
            rest, original = rest[cut:], original[cut:]
            continue
        phrase, (kind, value) = hit
        if kind == "unit":
            result.add(value)
        else:
            for code in _collective(COLLECTIVES[value], active, province):
                result.add(code)
        rest, original = rest[len(phrase) :], original[len(phrase) :]
        if rest and not _AFTER_AGENCY.match(rest):  # an action follows the agency: skip it
            cut = _piece_end(rest, semicolon_only=True)
            rest, original = rest[cut:], original[cut:]
    return result


def _ends_word(text: str, n: int) -> bool:
    return n == len(text) or not text[n].isalnum()


def _piece_end(text: str, semicolon_only: bool = False) -> int:
    marks = [i for i in (text.find(";"), -1 if semicolon_only else text.find(",")) if i >= 0]
    return min(marks) if marks else len(text)


def _collective(types: tuple[str, ...], active: list[UnitName], province: str | None) -> list[str]:
    out = []
    for t in types:
        if t == PROVINCE:
            out += [province] if province else []
        else:
            out += [u.code for u in active if u.type == t and u.province == province]
    return out
