"""Read a lead-agency text of 001 Phụ lục II into org units; what names no unit is reported.

The column "Cơ quan chủ trì" lists agencies separated by ";", sometimes followed by what they
do: "Văn phòng UBND Tỉnh tham mưu, trình Chủ tịch ký", "Bưu điện tỉnh chủ động phối hợp …".
A part names a unit when it is the unit's name or an alias, or starts with one followed by a
space. Collective wordings ("Các sở, ban, ngành tỉnh", "UBND xã, phường") name no single unit
and stay unmapped: the office decides, nothing is guessed.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from chiso.orgunits.models import OrgUnit


def normalise(text: str) -> str:
    """NFC, case-folded, single spaces: "Công an Tỉnh" and "Công an tỉnh" read alike."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class LeadReading:
    """A lead text split into parts: the units found, and the parts that name none."""

    text: str
    units: tuple[OrgUnit, ...]
    unmapped_parts: tuple[str, ...]


def split_lead(text: str) -> list[str]:
    """ "Sở Tài chính; Sở Khoa học và Công nghệ" → its two agencies."""
    return [part.strip() for part in text.split(";") if part.strip()]


def unit_names(province: OrgUnit, on: datetime.date) -> list[tuple[str, OrgUnit]]:
    """(normalised name, unit) for the units below ``province`` existing on ``on``, longest first.

    Limiting to the province's own tree keeps "Sở Khoa học và Công nghệ" of the merged province
    apart from the former province's department of the same name.
    """
    below, frontier = [], [province]
    while frontier:
        children = list(OrgUnit.objects.filter(parent__in=frontier))
        below += children
        frontier = children
    names = []
    for unit in below:
        if unit.is_active_on(on):
            for name in {unit.name, unit.short_name, *(unit.aliases or [])}:
                if name:
                    names.append((normalise(name), unit))
    return sorted(names, key=lambda pair: -len(pair[0]))


def match_part(part: str, names: list[tuple[str, OrgUnit]]) -> OrgUnit | None:
    """The unit a part names, or None.

    >>> match_part("Văn phòng UBND Tỉnh tham mưu, trình Chủ tịch ký", names)  # doctest: +SKIP
    <OrgUnit: Văn phòng Ủy ban nhân dân tỉnh>
    """
    wanted = normalise(part)
    for name, unit in names:
        if wanted == name or wanted.startswith(name + " "):
            return unit
    return None


def read_lead(text: str, names: list[tuple[str, OrgUnit]]) -> LeadReading:
    units, unmapped = [], []
    for part in split_lead(text):
        unit = match_part(part, names)
        if unit is None:
            unmapped.append(part)
        elif unit not in units:
            units.append(unit)
    return LeadReading(text, tuple(units), tuple(unmapped))
