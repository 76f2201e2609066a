"""Narrative sentences filled from values through each indicator's editable sentence template."""

from __future__ import annotations

from chiso.engine.periods import YEAR
from chiso.reports import tables as t
from chiso.reports.models import DEFAULT_SENTENCE
from chiso.reports.results import FrameworkResults, IndicatorResult


def sentence(template: str, row: IndicatorResult, results: FrameworkResults) -> str:
    """Fill one template, e.g. "{name} đạt {value}." -> "Tỷ lệ hộ gia đình … đạt 83,80%."."""
    raw = row.values.get(results.period.id, "")
    annual = next((p for p in results.target_periods if p.kind == YEAR), None)
    filled = template.format_map(
        {
            "name": row.name.rstrip(". "),
            "value": t.value(raw, results.locale).text,
            "period": results.period.label.lower(),
            "target": row.targets.get(annual.id, "") if annual else "",
            "code": row.code,
        }
    )
    return filled[:1].upper() + filled[1:]


def templates_for(framework_code: str) -> dict[str, str]:
    from chiso.reports.models import SentenceTemplate

    return dict(
        SentenceTemplate.objects.filter(indicator__framework__code=framework_code).values_list(
            "indicator__code", "text"
        )
    )


def has_figure(row: IndicatorResult, results: FrameworkResults) -> bool:
    cell = t.value(row.values.get(results.period.id, ""), results.locale)
    return cell.text not in ("", "-")


def group_sentences(results: FrameworkResults, group_code: str) -> list[str]:
    """One sentence per indicator of a group that has a figure for the period."""
    templates = templates_for(results.framework_code)
    return [
        sentence(templates.get(r.code, DEFAULT_SENTENCE), r, results)
        for r in results.rows
        if r.group_code == group_code and has_figure(r, results)
    ]


def all_sentences(results: FrameworkResults) -> list[str]:
    templates = templates_for(results.framework_code)
    return [
        sentence(templates.get(r.code, DEFAULT_SENTENCE), r, results) for r in results.rows if has_figure(r, results)
    ]


def heading_case(name: str) -> str:
    """ "CHÍNH QUYỀN SỐ" -> "Chính quyền số" (group names are printed in capitals in tables)."""
    return name[:1].upper() + name[1:].lower() if name.isupper() else name
