"""`chiso bench score`: evaluate and score every unit, set-based and the straightforward way.

One "period" is a year: the DTI score of every unit for the year, and the evaluation of every
unit's December Đề án figures against the 2021–2025 target (the monthly figures are running
shares, so the year's result is its last month's, as the periodic report reads them). The straightforward path asks
the database once per value (what a per-unit loop over the ORM does); it runs on a sample of
units and is extrapolated to all of them for the ratio.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from chiso.bench.table import Row
from chiso.synth.generator import DE_AN, DTI

TARGET_PERIOD = "2021-2025"


@dataclass
class ScoreRun:
    rows: list[Row]
    notes: list[str]


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _seconds(value: float) -> str:
    return f"{value:.3g}".replace(".", ",")


def _load() -> str:
    """The machine's load average over the last minute, as the notes print it."""
    import os

    return _seconds(os.getloadavg()[0])


def months_of(year: int) -> list[str]:
    return [f"{year}-12"]


def set_based(dti, de_an, years: list[int]):
    """Score and evaluate every unit for ``years``; returns (scores, evaluations, seconds)."""
    from chiso.observations.bulk_scores import evaluate_periods, score_units

    start = time.perf_counter()
    scores = score_units(dti, [str(y) for y in years])
    evaluations = evaluate_periods(de_an, [m for y in years for m in months_of(y)], TARGET_PERIOD)
    return scores, evaluations, time.perf_counter() - start


def straightforward(dti, de_an, unit_ids: list[int], year: int):
    """One ORM query per value, then the engine: (scores by unit id, evaluations, seconds)."""
    from chiso.collection.models import EnteredValue
    from chiso.engine.scoring import ScoreInput, score_framework
    from chiso.engine.values import judge, read_value
    from chiso.frameworks.models import Indicator
    from chiso.observations.models import DataValue
    from chiso.observations.readings import entered_quantity

    start = time.perf_counter()
    dti_ids = dict(Indicator.objects.filter(framework__code=DTI).values_list("code", "id"))
    items = list(
        EnteredValue.objects.filter(submission__form__code="synth-bao-cao-thang")
        .values_list("item__indicator__code", flat=True)
        .distinct()
    )
    scores, evaluations = {}, []
    for unit_id in unit_ids:
        given = {}
        for indicator in dti.indicators:
            row = DataValue.objects.filter(
                unit_id=unit_id, indicator_id=dti_ids[indicator.code], period_id=str(year), kind="self_assessed"
            ).first()
            if row is not None:
                given[indicator.code] = ScoreInput(
                    value=read_value(row.raw, dti.locale),
                    inputs={k: read_value(v, dti.locale) for k, v in (row.inputs or {}).items()},
                )
        scores[unit_id] = score_framework(dti, given)
        for code in items:
            target = de_an.indicator(code).target_for(TARGET_PERIOD).target.text
            for month in months_of(year):
                value = (
                    EnteredValue.objects.filter(
                        submission__unit_id=unit_id,
                        submission__period_id=month,
                        submission__status="approved",
                        item__indicator__code=code,
                    )
                    .select_related("item__indicator")
                    .first()
                )
                if value is not None:
                    evaluations.append(judge(entered_quantity(value), target, de_an.locale))
    return scores, evaluations, time.perf_counter() - start


def rebuilt(years: list[int]) -> tuple[int, float, float]:
    """The kept scores of ``years`` made again and written (`chiso scores rebuild`): (rows,
    seconds, seconds of this process's CPU — on a shared machine the wall time also holds the
    waits for a core)."""
    from chiso.observations.stored_scores import rebuild

    start, cpu = time.perf_counter(), time.process_time()
    done = rebuild([str(y) for y in years], framework_codes=[DTI])
    return done.rows, time.perf_counter() - start, time.process_time() - cpu


@dataclass(frozen=True)
class Approvals:
    """Seconds per approved value (its unit's kept score, the province's place, the national
    ranking), and how many rows the whole run wrote beside the approved units' own."""

    seconds: list[float]
    others_written: int
    cpu_seconds: list[float]

    def percentile(self, share: float, cpu: bool = False) -> float:
        ordered = sorted(self.cpu_seconds if cpu else self.seconds)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def approvals(count: int, year: int, seed: int = 1) -> Approvals:
    """``count`` random DTI values of ``year`` changed one at a time, each in its own transaction,
    as an approval rolled up into a unit's figures writes them, then what a page asks next: the
    unit's kept score, its province's place and the national ranking. Each value takes another
    unit's raw figure of the same sub-indicator (so it reads as a real one); every value is put
    back and its unit's score made again at the end."""
    import random

    from django.db import transaction

    from chiso.frameworks.models import Framework
    from chiso.observations.models import DataValue, UnitScore
    from chiso.observations.stored_scores import standing, values_changed
    from chiso.orgunits.models import OrgUnit

    period = str(year)
    framework_id = Framework.objects.values_list("pk", flat=True).get(code=DTI)
    fields = ("raw", "number", "numerator", "denominator", "inputs")
    rows = list(
        DataValue.objects.filter(indicator__framework_id=framework_id, period_id=period, kind="self_assessed")
        .order_by("pk")
        .values_list("pk", "unit_id", "indicator_id", *fields)
    )
    by_indicator: dict[int, list[tuple]] = {}
    for row in rows:
        by_indicator.setdefault(row[2], []).append(row)
    units = OrgUnit.objects.select_related("parent").in_bulk({row[1] for row in rows})
    draw = random.Random(f"{seed}:approvals")
    stamp = UnitScore.objects.filter(framework_id=framework_id, period_id=period).values_list("unit_id", "computed_at")
    before = dict(stamp)
    touched: dict[int, tuple] = {}
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    for _ in range(count):
        value = draw.choice(rows)
        donor = draw.choice(by_indicator[value[2]])
        touched.setdefault(value[0], value)
        unit = units[value[1]]
        start, cpu = time.perf_counter(), time.process_time()
        with transaction.atomic():
            DataValue.objects.filter(pk=value[0]).update(**dict(zip(fields, donor[3:], strict=True)))
            values_changed(unit.pk, period, [framework_id])
        # The unit's place, its province's and the national ranking (`stored_scores.standing`).
        standing(unit, DTI, period, "self_assessed")
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu)
    after = dict(stamp.all())  # a new query: the first one keeps its rows
    approved = {value[1] for value in touched.values()}
    others = sum(1 for unit_id, at in after.items() if unit_id not in approved and before.get(unit_id) != at)
    with transaction.atomic():
        for value in touched.values():
            DataValue.objects.filter(pk=value[0]).update(**dict(zip(fields, value[3:], strict=True)))
        for unit_id in approved:
            values_changed(unit_id, period, [framework_id])
    return Approvals(seconds, others, cpu_seconds)


def run(sample: int, years: int, approvals_count: int = 1000) -> ScoreRun:
    from chiso.observations.models import DataValue
    from chiso.observations.scores import engine_framework

    dti, de_an = engine_framework(DTI), engine_framework(DE_AN)
    periods = sorted(
        DataValue.objects.filter(indicator__framework__code=DTI, kind="self_assessed")
        .values_list("period_id", flat=True)
        .distinct()
    )
    if not periods:
        raise LookupError("CSDL chưa có số liệu DTI: chạy «chiso synth» trước")
    last = int(periods[-1])
    all_years = [int(p) for p in periods[-years:]]
    # The rebuild first (it also makes sure every score is kept before the approvals), then
    # again warm: the aim is the warm run, as a recovery on a running server meets it.
    load_before = _load()
    rebuild_rows, cold_rebuild, _ = rebuilt([last])
    _, warm_rebuild, warm_cpu = rebuilt([last])
    many_rows, many_rebuild, many_cpu = rebuilt(all_years)
    one_scores, one_evals, one_seconds = set_based(dti, de_an, [last])
    many_scores, many_evals, many_seconds = set_based(dti, de_an, all_years)
    approved = approvals(approvals_count, last) if approvals_count else None
    units = sorted(unit_id for unit_id, _ in one_scores)
    chosen = units[:: max(1, len(units) // sample)][:sample]
    naive_scores, naive_evals, naive_seconds = straightforward(dti, de_an, chosen, last)
    mismatched = [u for u in chosen if naive_scores[u].total != one_scores[u, str(last)].total]
    extrapolated = naive_seconds * len(units) / len(chosen)
    rows = [
        Row(f"Tính lại và lưu điểm DTI mọi đơn vị, 1 kỳ ({last}), lần đầu", cold_rebuild, "giây"),
        Row(
            f"Như trên, lần thứ hai (CSDL đã nóng) — «chiso scores rebuild --period {last}»", warm_rebuild, "giây", 0.5
        ),
        Row(f"Như trên, {len(all_years)} năm ({all_years[0]}–{all_years[-1]})", many_rebuild, "giây", 2),
    ]
    if approved is not None:
        p95 = approved.percentile(0.95) * 1000
        rows += [
            Row(
                f"Duyệt 1 giá trị → điểm đơn vị, hạng tỉnh, xếp hạng cả nước: p50 ({len(approved.seconds)} lần)",
                approved.percentile(0.5) * 1000,
                "ms",
            ),
            Row("Như trên: p95", p95, "ms", 100),
            Row("Như trên: chậm nhất", max(approved.seconds) * 1000, "ms"),
            Row("Tính lại toàn bộ 1 kỳ / 1 lần duyệt (p95)", warm_rebuild * 1000 / p95, "×"),
        ]
    rows += [
        Row(f"Chấm DTI + đánh giá Đề án, mọi đơn vị, 1 kỳ ({last}), không lưu", one_seconds, "giây"),
        Row(f"Như trên, {len(all_years)} năm", many_seconds, "giây"),
        Row(f"Cách đơn giản (1 truy vấn/giá trị), mẫu {len(chosen)} đơn vị", naive_seconds, "giây"),
        Row(f"Cách đơn giản ngoại suy cho {len(units):,} đơn vị".replace(",", "."), extrapolated, "giây"),
        Row("Tỷ lệ nhanh hơn (ngoại suy / theo tập)", extrapolated / one_seconds, "×", 20, lower_is_better=False),
    ]
    notes = [
        (
            f"Lưu: 1 kỳ {_count(rebuild_rows)} điểm DTI, {len(all_years)} năm {_count(many_rows)} điểm DTI "
            "(mỗi đơn vị × kỳ × loại một dòng tổng và điểm trụ cột)."
        ),
        (
            f"Không lưu: 1 kỳ {_count(len(one_scores))} điểm DTI, {_count(len(one_evals))} đánh giá; "
            f"{len(all_years)} năm: {_count(len(many_scores))} điểm DTI, {_count(len(many_evals))} đánh giá."
        ),
        f"Mẫu cách đơn giản: {_count(len(naive_evals))} đánh giá; tổng điểm "
        + (
            "khớp với cách theo tập ở mọi đơn vị mẫu."
            if not mismatched
            else f"KHÁC ở {len(mismatched)} đơn vị: {mismatched[:5]}"
        ),
    ]
    cpu_note = (
        f"Thời gian CPU của tiến trình: tính lại 1 kỳ lần thứ hai {_seconds(warm_cpu)} giây, "
        f"{len(all_years)} năm {_seconds(many_cpu)} giây"
    )
    if approved is not None:
        cpu_note += f", duyệt 1 giá trị p95 {_seconds(approved.percentile(0.95, cpu=True) * 1000)} ms"
    notes.append(f"{cpu_note}; tải trung bình (1 phút) lúc đầu {load_before}, lúc cuối {_load()}.")
    if approved is not None:
        notes.append(
            "Các lần duyệt ghi lại điểm của đơn vị được duyệt và không dòng nào khác"
            if not approved.others_written
            else f"CÁC LẦN DUYỆT ĐÃ GHI LẠI {approved.others_written} DÒNG CỦA ĐƠN VỊ KHÁC"
        )
    return ScoreRun(rows, notes)
