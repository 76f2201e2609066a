"""`chiso demo`: cause and solution texts of the DTI sub-indicators, seeded from the dataset so
the office edits them per sub-indicator and year (idempotent)."""

from __future__ import annotations


def seed_improvement_notes() -> int:
    """One ImprovementNote per sub-indicator below full points, from the loaded points' text."""
    from chiso.observations.models import IndicatorPoints
    from chiso.orgunits.lineage import successors_of
    from chiso.reports.models import ImprovementNote

    created = 0
    for p in IndicatorPoints.objects.exclude(cause="", solution="").select_related("unit", "indicator"):
        if p.unit is None:
            continue
        # A former province's row belongs to the plan of the province that carries it on.
        owners = [u for u in successors_of(p.unit) if u.valid_to is None] or [p.unit]
        for owner in owners:
            _, made = ImprovementNote.objects.get_or_create(
                indicator=p.indicator,
                unit=owner,
                period_id=p.period_id,
                defaults={"cause": p.cause, "solution": p.solution, "lead": p.lead},
            )
            created += made
    return created


def demo_step() -> list[str]:
    n = seed_improvement_notes()
    return [f"Văn bản: {n} nguyên nhân, giải pháp DTI mới (sửa tại /admin/ hoặc dùng trong /van-ban/)."]
