"""Scoring a what-if scenario with the engine, and what it takes to gain the next points.

Values are typed Vietnamese style ("65,5%"); the stored base values of 001 are written with dot
decimals, so they are re-written the Vietnamese way before they are shown or combined.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from chiso.engine.frameworks import Framework
from chiso.engine.gaps import Gap, gaps
from chiso.engine.numbers import Quantity, format_number, format_quantity
from chiso.engine.periods import parse_period
from chiso.engine.scoring import FrameworkScore, PillarScore, ScoreInput, ScoreKind, rank, round_points, score_framework
from chiso.engine.values import KIND_LABELS, figure_and_note, first_kind, kinds_read, pick, read_figure, read_value
from chiso.observations.readings import stored_rows
from chiso.observations.scores import engine_framework

INPUT_LOCALE = "vi"
PART_MARK = ":"


@dataclass(frozen=True)
class Estimate:
    """A scenario's outcome: the score, the rank among the given peers, the next points."""

    score: FrameworkScore
    rank: str
    next_points: list[Gap]


def base_values(framework_code: str, unit, period_id: str, kind: str = "") -> dict[str, str]:
    """The unit's stored sub-indicator values for the period, Vietnamese style.

    The kind that counts is the engine's rule (`chiso.engine.values.first_kind` and `pick`, as
    for a score): ``kind`` when given, else the first of published, appraised, self-assessed
    (which also reads reported figures, its own winning), projected. A composite rule's parts
    come as ``code:part``.
    """
    framework = engine_framework(framework_code)
    rows = list(stored_rows(units=[unit], framework=framework_code, periods=[period_id]))
    counted = first_kind({r.kind for r in rows}, kind or None)
    found: dict[str, str] = {}
    if counted is None:
        return found
    for code, r in pick(((r.indicator.code, r.kind, r) for r in rows), counted).items():
        found[code] = _as_typed(r.raw, framework.locale)
        for part, raw in (r.inputs or {}).items():
            found[f"{code}{PART_MARK}{part}"] = _as_typed(raw, framework.locale)
    return found


SETTLED_KINDS = ("published", "appraised")  # figures the ministry has published or appraised


def latest_settled_period(framework_code: str, unit) -> str | None:
    """The latest period with published or appraised figures of ``unit``: where a new scenario starts."""
    rows = stored_rows(units=[unit], framework=framework_code, kinds=SETTLED_KINDS)
    return max(set(rows.values_list("period_id", flat=True)), default=None, key=_period_order)


def _period_order(period_id: str):
    period = parse_period(period_id)
    return (period.end, period.start)


def _in_sentence(label: str) -> str:
    """A kind's label inside a sentence: "Tự đánh giá" → "tự đánh giá"; "Bộ công bố" keeps its capital."""
    return label if label.startswith("Bộ") else label[:1].lower() + label[1:]


def _period_words(period_id: str) -> str:
    label = parse_period(period_id).label
    return label[:1].lower() + label[1:]


def starting_sentences(scenario, framework: Framework, score: FrameworkScore, printed: list) -> list[str]:
    """What the scenario starts from, in Vietnamese, and why the overview shows other totals.

    ``printed`` are the overview's positions (``dashboard.overview.dti_trend``): totals printed
    in documents or averaged from the former provinces, not added up from these values.
    """
    rows = list(
        stored_rows(units=[scenario.unit], framework=scenario.framework_code, periods=[scenario.base_period_id])
    )
    kind = first_kind({r.kind for r in rows}, scenario.base_kind or None)
    count = len({r.indicator.code for r in rows if kind and r.kind in kinds_read(kind)})
    indicators = sum(len(g.indicators) for g in framework.groups)
    where = f"{_period_words(scenario.base_period_id)} của {scenario.unit.name}"
    if kind is None:
        first = f"Kịch bản chưa có giá trị gốc: {where} chưa có số liệu nào, mọi chỉ số thành phần đang được 0 điểm."
    else:
        first = (
            f"Kịch bản bắt đầu từ số liệu {_in_sentence(KIND_LABELS[kind])} {where}: {count}/{indicators} chỉ số thành phần có "
            f"giá trị, tổng {format_number(score.total, 2)} điểm; chỉ số chưa có giá trị được 0 điểm cho đến "
            "khi bạn nhập giá trị hoặc điểm giả định."
        )
    sentences = [first]
    settled = latest_settled_period(scenario.framework_code, scenario.unit)
    if kind not in SETTLED_KINDS and settled and settled != scenario.base_period_id:
        sentences.append(f"Số liệu Bộ công bố hoặc thẩm định gần nhất là của {_period_words(settled)}.")
    fuller = _fuller_later_period(scenario, count)
    if fuller:
        period_id, later_kind, later_count = fuller
        sentences.append(
            f"{parse_period(period_id).label} có số liệu {_in_sentence(KIND_LABELS[later_kind])} "
            f"của {later_count}/{indicators} chỉ số thành phần: tạo kịch bản với số liệu gốc "
            f"{_period_words(period_id)} để bắt đầu từ đó."
        )
    shown = [
        f"{format_number(p.score.total, 2)} điểm ({_in_sentence(p.kind_label)}, {_period_words(p.period_id)})"
        for p in printed
    ]
    if shown:
        sentences.append(
            "Trang Tổng quan ghi " + " và ".join(shown) + ": đó là tổng điểm in trong văn bản (tỉnh "
            "mới sáp nhập lấy trung bình các tỉnh cũ), không cộng lại từ từng giá trị ở đây, nên "
            "khác tổng của kịch bản."
        )
    return sentences


def _fuller_later_period(scenario, count: int) -> tuple[str, str, int] | None:
    """A later period whose figures cover more sub-indicators than the scenario's base, with its kind."""
    rows = list(stored_rows(units=[scenario.unit], framework=scenario.framework_code))
    base_end = _period_order(scenario.base_period_id)
    best = None
    for period_id in {r.period_id for r in rows}:
        if _period_order(period_id) <= base_end:
            continue
        here = [r for r in rows if r.period_id == period_id]
        kind = first_kind({r.kind for r in here})
        covered = len({r.indicator.code for r in here if kind and r.kind in kinds_read(kind)})
        if kind and covered > count and (best is None or covered > best[2]):
            best = (period_id, kind, covered)
    return best


def _as_typed(raw: str, locale: str) -> str:
    """Written as a Vietnamese user types it, a note kept: "62.5% (5/8)" → "62,5% (5/8)"."""
    quantity = read_value(raw, locale)
    if isinstance(quantity, Quantity):
        return format_quantity(quantity)
    split = figure_and_note(raw, locale)
    return f"{format_quantity(split[0])} {split[1]}" if split else raw


def scenario_values(scenario) -> dict[str, str]:
    """Every value a saved scenario assumes: the base values with the scenario's changes.

    Keys are sub-indicator codes ("6.4") or composite parts ("3.5:cloud_share"); values are
    written Vietnamese style ("57,6%", "Có"). Blank changes remove a base value.
    """
    values = base_values(scenario.framework_code, scenario.unit, scenario.base_period_id, scenario.base_kind)
    for code, text in (scenario.values or {}).items():
        if str(text).strip():
            values[code] = str(text).strip()
        else:
            values.pop(code, None)
    return values


def scenario_score(scenario) -> FrameworkScore:
    """The projected score of a saved scenario (kind "projected"), as Bảng 2 prints one."""
    framework = engine_framework(scenario.framework_code)
    return score_values(framework, scenario_values(scenario), scenario.points or {})


def score_values(framework: Framework, values: dict[str, str], points: dict[str, str]) -> FrameworkScore:
    """Score typed values; assumed points replace a sub-indicator's computed points."""
    given: dict[str, dict] = {}
    for key, text in values.items():
        code, _, part = key.partition(PART_MARK)
        entry = given.setdefault(code, {"value": None, "inputs": {}})
        if part:
            entry["inputs"][part] = read_figure(text, INPUT_LOCALE)
        else:
            entry["value"] = read_figure(text, INPUT_LOCALE)
    score = score_framework(
        framework,
        {c: ScoreInput(value=e["value"], inputs=e["inputs"]) for c, e in given.items()},
        kind=ScoreKind.PROJECTED,
    )
    return with_assumed_points(score, framework, points)


def parse_points(text: str) -> Decimal | None:
    """Points typed as "16,88" or "16.88"; blank is None. Raises ValueError in Vietnamese."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"Điểm «{text}» không phải là một số") from None


def with_assumed_points(score: FrameworkScore, framework: Framework, points: dict[str, str]) -> FrameworkScore:
    """The score with some sub-indicators' points set by hand (clamped to their maximum)."""
    assumed = {code: parse_points(p) for code, p in points.items()}
    assumed = {code: p for code, p in assumed.items() if p is not None}
    if not assumed:
        return score
    subs = tuple(
        replace(
            s,
            points=round_points(min(max(assumed[s.code], Decimal(0)), s.max_points)),
            complete=True,
            note="Điểm giả định nhập tay",
        )
        if s.code in assumed
        else s
        for s in score.sub_indicators
    )
    by_code = {s.code: s for s in subs}
    pillars = tuple(
        PillarScore(
            p.code,
            p.name,
            sum((by_code[i.code].points for i in g.indicators if i.code in by_code), Decimal(0)),
            p.max_points,
        )
        for p, g in zip(score.pillars, framework.groups, strict=True)
    )
    return FrameworkScore(score.framework, pillars, subs, score.kind)


def estimated_rank(total: Decimal, peers: list[dict]) -> str:
    """ "k/N" among the peers' totals (equal totals share a place), or "" without peers."""
    totals = {f"peer-{i}": Decimal(str(p["total"])) for i, p in enumerate(peers)}
    if not totals:
        return ""
    totals["this"] = total
    return f"{rank(totals)['this']}/{len(totals)}"


def estimate(framework: Framework, values: dict[str, str], points: dict[str, str], peers: list[dict]) -> Estimate:
    score = score_values(framework, values, points)
    return Estimate(score, estimated_rank(score.total, peers), gaps(framework, score))


def parse_peers(text: str) -> list[dict]:
    """Peers typed one a line, "Tên tỉnh; tổng điểm" (e.g. "Vĩnh Long; 640,25").

    Raises ValueError naming the line in Vietnamese when a line cannot be read.
    """
    peers = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, total = line.rpartition(";")
        if not sep or not name.strip():
            raise ValueError(f"Dòng {number} «{line.strip()}»: cần viết «tên tỉnh; tổng điểm»")
        try:
            points = parse_points(total)
        except ValueError as error:
            raise ValueError(f"Dòng {number}: {error}") from None
        if points is None:
            raise ValueError(f"Dòng {number} «{line.strip()}»: thiếu tổng điểm")
        peers.append({"name": name.strip(), "total": str(points)})
    return peers


def peers_text(peers: list[dict]) -> str:
    return "\n".join(f"{p['name']}; {str(p['total']).replace('.', ',')}" for p in peers)
