"""The round's three scores side by side: self-assessed (live from entered values), appraised
(the office's points) and published (the ministry's), per sub-indicator and per pillar.

The self-assessed score is the engine's (:func:`chiso.engine.scoring.score_framework`) on the
values the lead agencies have entered so far, drafts included, so the office watches it build
up; each row says whether its value is still a draft. Where two agencies lead one
sub-indicator, the value furthest along (approved, then sent, then draft; then the latest)
counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from chiso.assessment.models import DtiRound, RoundPoints
from chiso.collection.models import EnteredValue, FormAssignment, SubmissionStatus
from chiso.engine.numbers import Quantity, format_number
from chiso.engine.scoring import FrameworkScore, ScoreInput, ScoreKind, score_framework
from chiso.observations.models import IndicatorPoints, PillarPoints
from chiso.observations.scores import engine_framework

STATUS_RANK = {
    SubmissionStatus.APPROVED: 3,
    SubmissionStatus.SUBMITTED: 2,
    SubmissionStatus.RETURNED: 1,
    SubmissionStatus.DRAFT: 0,
}


@dataclass
class SubRow:
    code: str
    name: str
    max_points: Decimal
    leads: list[str]
    value: EnteredValue | None = None
    value_text: str = ""
    self_points: Decimal | None = None
    self_note: str = ""
    appraisal: RoundPoints | None = None
    published: Decimal | None = None

    @property
    def has_evidence(self) -> bool:
        v = self.value
        return bool(v and (v.evidence_file or v.evidence_ref.strip()))

    @property
    def flag(self) -> str:
        """What the office should look at first, in Vietnamese ("" when nothing)."""
        if self.value is None:
            return "Chưa nhập số liệu"
        if not self.has_evidence:
            return "Thiếu tài liệu kiểm chứng"
        return ""

    @property
    def disagrees(self) -> bool:
        return self.appraisal is not None and self.self_points is not None and self.appraisal.points != self.self_points


@dataclass
class PillarRow:
    code: str
    name: str
    max_points: Decimal
    subs: list[SubRow] = field(default_factory=list)
    self_points: Decimal = Decimal(0)
    published_printed: Decimal | None = None

    @property
    def appraised(self) -> Decimal | None:
        known = [s.appraisal.points for s in self.subs if s.appraisal]
        return sum(known, Decimal(0)) if known else None

    @property
    def appraised_count(self) -> int:
        return sum(1 for s in self.subs if s.appraisal)

    @property
    def published(self) -> Decimal | None:
        if self.published_printed is not None:
            return self.published_printed
        known = [s.published for s in self.subs if s.published is not None]
        return sum(known, Decimal(0)) if known else None


@dataclass
class Scoreboard:
    round: DtiRound
    pillars: list[PillarRow]
    self_score: FrameworkScore

    @property
    def rows(self) -> list[SubRow]:
        return [s for p in self.pillars for s in p.subs]

    def total(self, attribute: str) -> Decimal | None:
        """Sum of the pillars' points of one kind; None when no pillar has any."""
        known = [v for p in self.pillars if (v := getattr(p, attribute)) is not None]
        return sum(known, Decimal(0)) if known else None

    @property
    def appraised_total(self) -> Decimal | None:
        return self.total("appraised")

    @property
    def published_total(self) -> Decimal | None:
        return self.total("published")


def engine_value(value: EnteredValue, measure: str):
    """An entered value as the engine reads it: a Quantity, "Có"/"Không", or the text."""
    if value.numerator is not None and value.denominator:
        return Quantity(
            value.numerator / value.denominator * 100, "%", value.numerator, value.denominator, raw=value.raw
        )
    if value.number is not None:
        return Quantity(value.number, "%" if measure == "percent" else "", raw=value.raw)
    if value.yes_no is not None:
        return "Có" if value.yes_no else "Không"
    return value.text.strip() or None


def shown(value: EnteredValue) -> str:
    if value.numerator is not None and value.denominator is not None:
        return f"{format_number(value.numerator)}/{format_number(value.denominator)}"
    if value.number is not None:
        return format_number(value.number)
    if value.yes_no is not None:
        return "Có" if value.yes_no else "Không"
    return value.text.strip()


def best_values(dti_round: DtiRound) -> dict[str, EnteredValue]:
    """Per sub-indicator code, the value that counts (see the module docstring)."""
    found: dict[str, EnteredValue] = {}
    qs = EnteredValue.objects.filter(submission__form=dti_round.form, submission__period_id=dti_round.period_id)
    for v in qs.select_related("item__indicator", "submission__unit"):
        if engine_value(v, v.item.indicator.measure) is None:
            continue
        code = v.item.indicator.code
        key = (STATUS_RANK.get(v.submission.status, 0), v.updated_at)
        if code not in found or key > (STATUS_RANK.get(found[code].submission.status, 0), found[code].updated_at):
            found[code] = v
    return found


def leads_by_code(dti_round: DtiRound) -> dict[str, list[str]]:
    leads: dict[str, list[str]] = defaultdict(list)
    for a in (
        FormAssignment.objects.filter(form=dti_round.form).select_related("unit").prefetch_related("items__indicator")
    ):
        for item in a.items.all():
            leads[item.indicator.code].append(a.unit.name)
    return leads


def published_points(dti_round: DtiRound) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Published points per sub-indicator and per pillar: recorded in the round, else loaded."""
    common = {"unit": dti_round.province, "period_id": dti_round.period_id, "kind": "published"}
    subs = {
        p.indicator.code: p.points
        for p in IndicatorPoints.objects.filter(indicator__framework=dti_round.framework, **common).select_related(
            "indicator"
        )
    }
    pillars = {
        p.group.code: p.points
        for p in PillarPoints.objects.filter(group__framework=dti_round.framework, **common).select_related("group")
    }
    return subs, pillars


def scoreboard(dti_round: DtiRound) -> Scoreboard:
    """Build the side-by-side view of a round."""
    framework = engine_framework(dti_round.framework.code)
    values = best_values(dti_round)
    given = {code: ScoreInput(value=engine_value(v, framework.indicator(code).measure)) for code, v in values.items()}
    self_score = score_framework(framework, given, kind=ScoreKind.SELF_ASSESSED)
    points = {(p.indicator.code, p.kind): p for p in dti_round.points.select_related("indicator")}
    loaded_subs, loaded_pillars = published_points(dti_round)
    leads = leads_by_code(dti_round)
    pillars = []
    for group, pillar_score in zip(framework.groups, self_score.pillars, strict=True):
        row = PillarRow(
            group.code,
            group.name,
            group.max_points or Decimal(0),
            self_points=pillar_score.points,
            published_printed=loaded_pillars.get(group.code),
        )
        for ind in group.indicators:
            scored = self_score.sub_indicator(ind.code)
            value = values.get(ind.code)
            published = points.get((ind.code, RoundPoints.Kind.PUBLISHED))
            row.subs.append(
                SubRow(
                    ind.code,
                    ind.name,
                    ind.max_points or Decimal(0),
                    leads.get(ind.code, []),
                    value,
                    shown(value) if value else "",
                    scored.points if value else None,
                    scored.note,
                    points.get((ind.code, RoundPoints.Kind.APPRAISED)),
                    published.points if published else loaded_subs.get(ind.code),
                )
            )
        pillars.append(row)
    return Scoreboard(dti_round, pillars, self_score)
