"""The synthetic unit tree: provinces (some formed by the 2025 mergers), departments, communes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# The 2025 reform: the merged provinces began on 1/7/2025 and their former provinces ended the
# day before (Nghị quyết 202/2025/QH15). 11 of today's 34 provinces were formed from 2–3 others.
MERGE_DAY = datetime.date(2025, 7, 1)
MERGED_SHARE = 11 / 34


@dataclass(frozen=True)
class UnitPlan:
    code: str
    name: str
    type: str
    parent_code: str | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    def active_in(self, first: datetime.date, last: datetime.date) -> bool:
        """Whether the unit existed on any day from ``first`` to ``last``."""
        return (self.valid_from is None or self.valid_from <= last) and (
            self.valid_to is None or self.valid_to >= first
        )


@dataclass(frozen=True)
class Merger:
    successor: str
    predecessors: tuple[str, ...]


def plan_units(provinces: int, communes: int, departments: int) -> tuple[list[UnitPlan], list[Merger]]:
    """Every unit, parents first, and the province mergers (deterministic, no randomness needed)."""
    units, mergers = [], []
    merged = round(provinces * MERGED_SHARE)
    for p in range(1, provinces + 1):
        code = f"synth-tinh-{p:02d}"
        if p <= merged:
            former = tuple(f"synth-tinh-cu-{p:02d}{chr(96 + k)}" for k in range(1, 3 + (p % 3 == 0)))
            units += [
                UnitPlan(f, f"Tỉnh Thử Cũ {p}{f[-1].upper()}", "tinh", valid_to=MERGE_DAY - datetime.timedelta(days=1))
                for f in former
            ]
            units.append(UnitPlan(code, f"Tỉnh Thử {p}", "tinh", valid_from=MERGE_DAY))
            mergers.append(Merger(code, former))
        else:
            units.append(UnitPlan(code, f"Tỉnh Thử {p}", "tinh"))
    province_codes = [f"synth-tinh-{p:02d}" for p in range(1, provinces + 1)]
    for d in range(departments):
        parent = province_codes[d % provinces]
        units.append(UnitPlan(f"{parent}-so-{d // provinces + 1:02d}", f"Sở Thử {d + 1}", "so_ban_nganh", parent))
    for c in range(communes):
        parent = province_codes[c % provinces]
        units.append(UnitPlan(f"{parent}-xa-{c // provinces + 1:03d}", f"Xã Thử {c + 1}", "xa", parent))
    return units, mergers
