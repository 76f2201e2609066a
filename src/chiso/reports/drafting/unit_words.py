"""The units' own words: the narrative sections each unit sent with its report of the period
(kết quả nổi bật, khó khăn vướng mắc, đề xuất kiến nghị), compiled by unit for the report's
sections, where the office edits them before sending."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chiso.reports.drafting.notes import lower_first

# What units write when they have nothing to say; the report leaves such a section out.
_NOTHING = re.compile(r"^(?:không có|không|chưa có|không có ý kiến)[\s.]*$", re.IGNORECASE)


@dataclass(frozen=True)
class UnitWords:
    unit_name: str
    results: str
    difficulties: str
    proposals: str


def unit_words(period_id: str, unit_codes: list[str] | None = None) -> list[UnitWords]:
    """The sent or approved reports of the period that say something, by unit name."""
    from chiso.collection.models import Submission, SubmissionStatus

    qs = Submission.objects.filter(
        period_id=period_id, status__in=(SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)
    ).select_related("unit")
    if unit_codes:
        qs = qs.filter(unit__code__in=unit_codes)
    out = [
        UnitWords(s.unit.name, said(s.results_text), said(s.difficulties_text), said(s.proposals_text))
        for s in qs.only("unit__name", "results_text", "difficulties_text", "proposals_text")
    ]
    return sorted((w for w in out if w.results or w.difficulties or w.proposals), key=lambda w: w.unit_name)


def said(text: str) -> str:
    """A section's text, one paragraph, or "" when it says nothing.

    >>> said("  Không có. ")
    ''
    >>> said("- Thiếu nhân lực chuyên trách;\\n- Máy chủ đã cũ.")
    'Thiếu nhân lực chuyên trách; máy chủ đã cũ.'
    """
    lines = [" ".join(line.split()).lstrip("-•+* ") for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    # A unit's list ("- …" on each line) becomes one paragraph, its items joined by semicolons.
    items = [line.rstrip(".;, ") for line in lines[:-1]] + [lines[-1]]
    joined = "; ".join([items[0], *(lower_first(item) for item in items[1:])])
    return "" if _NOTHING.match(joined) else joined


def by_unit(words: list[UnitWords], field: str) -> list[str]:
    """ "Sở Y tế: …" for each unit that wrote the section.

    >>> by_unit([UnitWords("Sở Y tế", "", "Thiếu kinh phí.", "")], "difficulties")
    ['Sở Y tế: Thiếu kinh phí.']
    """
    out = []
    for w in words:
        text = getattr(w, field)
        if text:
            out.append(f"{w.unit_name}: {text if text.endswith(('.', '!', '?')) else text + '.'}")
    return out
