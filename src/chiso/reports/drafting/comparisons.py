"""One indicator's paragraph: its figure, how it moved since an earlier period, and how it stands
against its targets — a miss with its recorded cause.

The verdict written is the one the appendix shows (the office's, as printed); where the figures
contradict it, the sentence says so instead of computing a gap in the wrong direction (the slip
itself is listed for the office by `chiso.reports.slips`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chiso.engine.changes import RISE, SAME, Difference, amount_words, change_words, difference
from chiso.engine.evaluation import Status
from chiso.engine.numbers import Quantity, vietnamese_decimals
from chiso.engine.periods import HALF, MONTH, MULTI_YEAR, QUARTER, Period, parse_period
from chiso.engine.targets import AT_LEAST, AT_MOST, LESS_THAN, MORE_THAN
from chiso.engine.values import read_target
from chiso.reports import tables as t
from chiso.reports.drafting.notes import cause_sentence, lower_first
from chiso.reports.results import FrameworkResults, IndicatorResult

# A name that is a goal with its own figure ("Thu hút ít nhất 10 doanh nghiệp …", "Kinh tế số
# chiếm 5% GRDP") reads badly followed by "đạt 11": such a name is quoted as the indicator's title.
_GOAL_VERBS = ("thu hút", "hỗ trợ", "xây dựng", "triển khai", "hoàn thành", "phát triển", "tư vấn", "mỗi ", "có ")


@dataclass(frozen=True)
class Earlier:
    """The figure an indicator is compared with: its period's words and the figure as printed."""

    words: str  # "năm 2023", "tháng 10/2024"
    text: str  # "74,51%"
    quantity: Quantity


def period_words(p: Period) -> str:
    """ "Tháng 10/2024" → "tháng 10/2024" (inside a sentence)."""
    return p.label[:1].lower() + p.label[1:]


def plan_words(p: Period) -> str:
    """A target's plan inside a sentence: "kế hoạch năm 2024", "kế hoạch 5 năm 2021 - 2025"."""
    if p.kind == MULTI_YEAR:
        span = f"{p.start.year} - {p.end.year}"
        return f"kế hoạch 5 năm {span}" if p.end.year - p.start.year == 4 else f"kế hoạch giai đoạn {span}"
    return f"kế hoạch {period_words(p)}"


def figure(r: IndicatorResult, results: FrameworkResults) -> str:
    """The period's figure as the appendix prints it."""
    return t.value(r.values.get(results.period.id, ""), results.locale).text


def earlier_figures(r: IndicatorResult, results: FrameworkResults) -> list[Earlier]:
    """The figures to compare with: the previous period and the same period a year before when
    they exist; otherwise the latest earlier figure (the previous year's result in 000)."""
    period = results.period
    wanted = [period.previous()]
    if period.kind in (MONTH, QUARTER, HALF):
        wanted.append(_year_before(period))
    found = [e for p in wanted if (e := _earlier(r, results, p)) is not None]
    if found:
        return found
    history = sorted((parse_period(pid) for pid in r.values if pid != period.id), key=lambda p: p.end, reverse=True)
    latest = next((e for p in history if p.end < period.end and (e := _earlier(r, results, p))), None)
    return [latest] if latest else []


def _year_before(p: Period) -> Period:
    return parse_period(f"{p.start.year - 1}{p.id[4:]}")


def _earlier(r: IndicatorResult, results: FrameworkResults, p: Period) -> Earlier | None:
    reading = r.readings.get(p.id)
    if not isinstance(reading, Quantity) or reading.bound:  # "Trên 80%" is no figure to subtract from
        return None
    return Earlier(period_words(p), t.value(r.values[p.id], results.locale).text, reading)


def change_clause(now: Quantity, earlier: Earlier) -> str:
    """ "tăng 17,01 điểm phần trăm so với năm 2023 (44,41%)", "không đổi so với năm 2023".

    >>> from chiso.engine.numbers import parse_quantity
    >>> change_clause(parse_quantity("61,42%"), Earlier("năm 2023", "44,41%", parse_quantity("44,41%")))
    'tăng 17,01 điểm phần trăm so với năm 2023 (44,41%)'
    >>> change_clause(parse_quantity("100%"), Earlier("năm 2023", "100%", parse_quantity("100%")))
    'không đổi so với năm 2023'
    """
    change = difference(now, earlier.quantity)
    if change is None:
        return f"năm trước là {earlier.text}" if earlier.words.startswith("năm") else f"{earlier.words}: {earlier.text}"
    if change.direction == SAME:
        return f"không đổi so với {earlier.words}"
    return f"{change_words(change)} so với {earlier.words} ({earlier.text})"


@dataclass(frozen=True)
class _Against:
    status: Status | None
    goal: str  # "chỉ tiêu kế hoạch năm 2024 (80%)"
    text: str  # the clause alone
    gap: str  # how far from the target, in words ("15,65 điểm phần trăm"), "" when not a number
    plain: bool  # the appendix's verdict, agreeing with the figures: may be joined with another


def verdict_clause(r: IndicatorResult, results: FrameworkResults, now) -> str:
    """How the figure stands against its targets, the shorter plan first; "" with no target."""
    plans = [p for p in reversed(results.target_periods) if p.id in r.targets]
    parts = [_against(r, p, now, results.locale) for p in plans if r.statuses.get(p.id) != Status.NOT_APPLICABLE]
    joined = len(parts) == 2 and all(x.plain for x in parts) and parts[0].status == parts[1].status
    verbs = {Status.EXCEEDED: "vượt", Status.MET: "hoàn thành", Status.NOT_MET: "chưa đạt"}
    verb = verbs.get(parts[0].status) if parts and parts[0].status else None
    if joined and verb:
        # "vượt chỉ tiêu kế hoạch năm 2024 (50%) và kế hoạch 5 năm 2021 - 2025 (70%)"
        both = f"{verb} {parts[0].goal} và {parts[1].goal.removeprefix('chỉ tiêu ')}"
        return both + _gaps(parts[0].gap, parts[1].gap) if parts[0].status == Status.NOT_MET else both
    return "; ".join(x.text for x in parts)


def _gaps(first: str, second: str) -> str:
    """ ", còn thiếu 15,65 điểm phần trăm"; two different gaps: ", còn thiếu lần lượt 10 và 30 điểm phần trăm".

    >>> _gaps("10 điểm phần trăm", "30 điểm phần trăm")
    ', còn thiếu lần lượt 10 và 30 điểm phần trăm'
    """
    if not first or not second:
        return ""
    if first == second:
        return f", còn thiếu {first}"
    unit = " điểm phần trăm"
    if first.endswith(unit) and second.endswith(unit):
        return f", còn thiếu lần lượt {first.removesuffix(unit)} và {second}"
    return f", còn thiếu lần lượt {first} và {second}"


def _against(r: IndicatorResult, p: Period, now, locale: str) -> _Against:
    status = r.statuses.get(p.id)
    target_text = vietnamese_decimals(" ".join(r.targets[p.id].split()))
    goal = f"chỉ tiêu {plan_words(p)} ({target_text})"
    computed = r.computed.get(p.id)
    gap = _gap(now, r.targets[p.id], locale)
    if status is not None and computed is not None and computed.status not in (status, Status.NO_BASIS):
        # The appendix prints the office's verdict and the slip goes to the office with the draft;
        # the sentence states only what the figures show, without a verdict word either way.
        return _Against(status, goal, _figures_against(computed.status, goal, gap), gap, False)
    if status == Status.EXCEEDED:
        return _Against(status, goal, f"vượt {goal}" + (f", cao hơn {gap}" if gap else ""), gap, True)
    if status == Status.MET:
        return _Against(status, goal, f"hoàn thành {goal}", gap, True)
    if status == Status.MAINTAINED:
        return _Against(status, goal, f"duy trì được kết quả theo {goal}", gap, True)
    if status == Status.NOT_MET:
        return _Against(status, goal, f"chưa đạt {goal}" + (f", còn thiếu {gap}" if gap else ""), gap, True)
    return _Against(status, goal, f"chưa có cơ sở đánh giá so với {goal}", gap, False)


def _figures_against(computed: Status, goal: str, gap: str) -> str:
    """What the figures say against a target, in plain comparison words."""
    if computed == Status.EXCEEDED:
        return f"cao hơn {gap} so với {goal}" if gap else f"cao hơn {goal}"
    if computed == Status.MET:
        return f"bằng {goal}"
    if computed == Status.MAINTAINED:
        return f"giữ được mức năm trước theo {goal}"
    return f"thấp hơn {gap} so với {goal}" if gap else f"chưa giữ được mức theo {goal}"


def _gap(now, target_text: str, locale: str) -> str:
    """How far a figure is above or below a numeric target, in words ("15,65 điểm phần trăm")."""
    target = read_target(target_text, locale)
    if not isinstance(now, Quantity) or target.value is None or target.unit != now.unit:
        return ""
    if target.kind not in (AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN):
        return ""
    change = difference(now, Quantity(target.value, target.unit))
    if change is None or change.direction == SAME:
        return ""
    return amount_words(change.amount, change.unit)


def missed(r: IndicatorResult, results: FrameworkResults) -> bool:
    return any(s == Status.NOT_MET for s in r.statuses.values())


def first_change(r: IndicatorResult, results: FrameworkResults) -> Difference | None:
    """The change since the first earlier figure told (``None`` without one to compare)."""
    now = r.readings.get(results.period.id)
    earlier = earlier_figures(r, results)
    if not isinstance(now, Quantity) or not earlier:
        return None
    return difference(now, earlier[0].quantity)


def unchanged_and_met(r: IndicatorResult, results: FrameworkResults) -> bool:
    """The same figure as before and every target met: such indicators are told together."""
    change = first_change(r, results)
    statuses = [s for p, s in r.statuses.items() if p in r.targets]
    return (
        change is not None
        and change.direction == SAME
        and bool(statuses)
        and all(s in (Status.MET, Status.MAINTAINED) for s in statuses)
    )


def paragraph(r: IndicatorResult, results: FrameworkResults, opening: str | None = None) -> str:
    """The indicator's paragraph. `opening` replaces the first clause (the office's own sentence
    template for the indicator, already filled)."""
    now = r.readings.get(results.period.id)
    if isinstance(now, Quantity):
        head = opening.rstrip(" .") if opening else _figure_opening(r, results)
        clauses = [change_clause(now, e) for e in earlier_figures(r, results)]
    else:
        head = opening.rstrip(" .") if opening else _state_opening(r, results)
        clauses = []
    verdict = verdict_clause(r, results, now)
    text = head + (", " + ", ".join(clauses) if clauses else "") + (f"; {verdict}" if verdict else "") + "."
    if missed(r, results) and (cause := cause_sentence(r.note)):
        text += " " + cause
    return text


def _figure_opening(r: IndicatorResult, results: FrameworkResults) -> str:
    name = r.name.strip().rstrip(".")
    value = figure(r, results)
    if _is_goal(name):
        return f"Chỉ tiêu «{name}» có kết quả {value}"
    return f"{name[:1].upper()}{name[1:]} đạt {value}"


def _is_goal(name: str) -> bool:
    lower = name.lower()
    return lower.startswith(_GOAL_VERBS) or bool(re.search(r"\d", name))


def _state_opening(r: IndicatorResult, results: FrameworkResults) -> str:
    """A text result as a sentence about the state: never "đạt Có" or "đạt Chưa khảo sát"."""
    name = r.name.strip().rstrip(".")
    state = state_text(r.values.get(results.period.id, ""))
    if state.lower().startswith("chưa") and len(state) < 60:
        return f"Chỉ tiêu «{name}» chưa có kết quả trong kỳ ({lower_first(state)})"
    return f"Về chỉ tiêu «{name}»: {state}"


def state_text(raw: str) -> str:
    """A text result as running text: list dashes joined with semicolons, Vietnamese decimals.

    >>> state_text("- Tổng số 597/597 (đạt 100%) cơ sở; - Số giáo viên 14000/18741 (đạt 74.7%)")
    'Tổng số 597/597 (đạt 100%) cơ sở; số giáo viên 14000/18741 (đạt 74,7%)'
    """
    parts = [p.strip(" ;.") for p in re.split(r"(?:^|[\s;.])-\s+", " ".join(raw.split())) if p.strip(" ;.")]
    joined = "; ".join([parts[0], *(lower_first(p) for p in parts[1:])]) if parts else ""
    return vietnamese_decimals(joined).rstrip(".")


def rose(r: IndicatorResult, results: FrameworkResults) -> bool:
    """Whether the figure rose since the first earlier figure (for ordering the good news first)."""
    change = first_change(r, results)
    return change is not None and change.direction == RISE
