"""An indicator's own sentence, as the office edits it (a sentence template filled from its
values), opening the indicator's paragraph in the drafted body (`chiso.reports.drafting`)."""

from __future__ import annotations

from chiso.engine.periods import YEAR
from chiso.reports import tables as t
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


def heading_case(name: str) -> str:
    """ "CHÍNH QUYỀN SỐ" -> "Chính quyền số" (group names are printed in capitals in tables)."""
    return name[:1].upper() + name[1:].lower() if name.isupper() else name
