"""Write a synthetic country into the database, in batches, all or nothing.

What it writes, for units that existed at the end of each year (DTI) or month (reports):
- the unit tree of :mod:`chiso.synth.units` with a LineageEvent per 2025 province merger;
- the bundled DTI framework and Đề án framework (loaded through ``chiso load``'s writer);
- one self-assessed DTI value per unit, year and sub-indicator (observations DataValue);
- a monthly report form over four Đề án indicators, and for every unit and month an approved
  Submission with its EnteredValues, and each province's figures of the month made from them
  (as approving a report makes them);
- ten tasks per province.
Every random draw comes from ``random.Random(f"{seed}:{unit code}")``, so a seed gives the same
rows whatever the database.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from chiso.synth.units import UnitPlan, plan_units
from chiso.synth.values import raw_value

DTI = "dti-tinh-2025"
DE_AN = "cds-dong-thap-2021-2025"
FORM = "synth-bao-cao-thang"
BATCH = 5000
FRAMEWORK_FILES = Path(__file__).resolve().parent.parent / "data" / "frameworks"


@dataclass(frozen=True)
class SynthOptions:
    provinces: int = 34
    communes: int = 3321
    departments: int = 700
    years: int = 5
    last_year: int = 2025
    seed: int = 1
    form_items: int = 4

    @property
    def year_list(self) -> list[int]:
        return list(range(self.last_year - self.years + 1, self.last_year + 1))


@dataclass
class SynthReport:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


class SynthError(Exception):
    pass


def synthesise(options: SynthOptions) -> SynthReport:
    """Fill the database; refuses (changing nothing) if synthetic units are already there."""
    from django.db import transaction

    from chiso.orgunits.models import OrgUnit

    if OrgUnit.objects.filter(code__startswith="synth-").exists():
        raise SynthError("CSDL đã có dữ liệu thử (đơn vị mã «synth-…»); hãy dùng một CSDL trống")
    report = SynthReport()
    with transaction.atomic():
        frameworks = _load_frameworks()
        dataset = _dataset(options)
        plans, units = _write_units(options, report)
        _write_dti_values(options, plans, units, frameworks[DTI], dataset, report)
        form = _write_reports(options, plans, units, frameworks[DE_AN], report)
        _roll_up(options, form, report)
        _write_tasks(options, plans, units, dataset, report)
    _refresh_statistics()
    return report


def _refresh_statistics() -> None:
    from chiso.collection.models import EnteredValue, Submission
    from chiso.observations.models import DataValue, Rollup
    from chiso.orgunits.models import OrgUnit

    settle([OrgUnit, DataValue, Rollup, Submission, EnteredValue])


def settle(models) -> None:
    """Let the database know the tables that just grew in bulk: on PostgreSQL ``VACUUM
    (ANALYZE)`` each one, elsewhere (or inside a transaction, where VACUUM cannot run)
    ``ANALYZE`` only (`chiso.observations.bulk_import.refresh_statistics`).

    ANALYZE alone teaches the planner the new sizes, but a table filled by inserts has no page
    marked all-visible until VACUUM passes, so the planner reads the heap instead of an index.
    On the national database (1.94 million values, 07/12/2026) right after ``chiso synth``
    ``relallvisible`` was 0 on every table, and counting the stored values scanned the heap
    (85 ms, 14,318 pages); after VACUUM the count reads one index (44 ms, 760 pages, no heap
    fetch; see `chiso.api.paging`). VACUUM of the five tables took 0.7 s. Until autovacuum
    came by, every counted first page of ``GET /api/values`` paid the heap scan.
    """
    from django.db import connection

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        from chiso.observations.bulk_import import refresh_statistics

        refresh_statistics(models)
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")


def _load_frameworks():
    from chiso.loading import load_paths
    from chiso.loading.writing import stored_frameworks

    load_paths([FRAMEWORK_FILES / f"{DTI}.yaml", FRAMEWORK_FILES / f"{DE_AN}.yaml"])
    return stored_frameworks()


def _dataset(options: SynthOptions):
    from chiso.observations.models import Dataset

    return Dataset.objects.create(
        code=f"synth-{options.seed}",
        title="Dữ liệu thử (chiso synth)",
        source={"generator": "chiso synth", "seed": options.seed},
    )


def _write_units(options: SynthOptions, report: SynthReport):
    from chiso.orgunits.models import LineageEvent, OrgUnit

    plans, mergers = plan_units(options.provinces, options.communes, options.departments)
    units: dict[str, OrgUnit] = {}
    for level in (False, True):  # parents first, so children can point at their ids
        batch = [
            OrgUnit(
                code=p.code,
                name=p.name,
                type=p.type,
                valid_from=p.valid_from,
                valid_to=p.valid_to,
                parent=units.get(p.parent_code) if p.parent_code else None,
                provisional=True,
                note="Dữ liệu thử (chiso synth)",
            )
            for p in plans
            if bool(p.parent_code) == level
        ]
        units.update({u.code: u for u in OrgUnit.objects.bulk_create(batch, batch_size=BATCH)})
    for merger in mergers:
        event = LineageEvent.objects.create(
            kind="merge", date=units[merger.successor].valid_from, provisional=True, note="Sáp nhập thử (chiso synth)"
        )
        event.predecessors.set([units[c] for c in merger.predecessors])
        event.successors.set([units[merger.successor]])
    report.add("đơn vị", len(units))
    report.add("sự kiện sáp nhập", len(mergers))
    return plans, units


def _unit_rng(options: SynthOptions, code: str, what: str) -> random.Random:
    return random.Random(f"{options.seed}:{code}:{what}")


def _skill(options: SynthOptions, code: str) -> float:
    return _unit_rng(options, code, "skill").random()


def _flush(model, rows: list, report: SynthReport, what: str, force: bool = False) -> list:
    if rows and (force or len(rows) >= BATCH):
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        report.add(what, len(created))
        rows.clear()
        return created
    return []


def _write_dti_values(options, plans: list[UnitPlan], units, framework, dataset, report) -> None:
    from chiso.engine.values import number_fields
    from chiso.observations.models import DataValue

    indicators = {i.code: i for i in framework.indicators}
    from chiso.frameworks.models import Indicator

    ids = dict(Indicator.objects.filter(framework__code=DTI).values_list("code", "id"))
    rows: list = []
    for plan in plans:
        rng, skill = _unit_rng(options, plan.code, "dti"), _skill(options, plan.code)
        for year in options.year_list:
            end = datetime.date(year, 12, 31)
            if not plan.active_in(end, end):
                continue
            for code, indicator in indicators.items():
                value = raw_value(indicator, rng, framework.locale, skill)
                rows.append(
                    DataValue(
                        dataset=dataset,
                        indicator_id=ids[code],
                        unit=units[plan.code],
                        period_id=str(year),
                        kind="self_assessed",
                        raw=value.raw,
                        inputs=value.inputs,
                        provisional=True,
                        **number_fields(value.raw, framework.locale),
                    )
                )
            _flush(DataValue, rows, report, "giá trị DTI (năm)")
    _flush(DataValue, rows, report, "giá trị DTI (năm)", force=True)


def report_form(options: SynthOptions):
    """The monthly form over the first Đề án indicators measured in percent."""
    from chiso.collection.models import FormItem, ReportForm
    from chiso.frameworks.models import Indicator

    form = ReportForm.objects.create(
        code=FORM,
        name="Báo cáo tháng chuyển đổi số (thử)",
        framework=Indicator.objects.filter(framework__code=DE_AN).first().framework,
        period_kind="month",
        deadline_rule="18",
    )
    chosen = Indicator.objects.filter(framework__code=DE_AN, measure="percent").order_by("position")
    # Shares are entered as a unit counts them (dossiers handled online / all dossiers), so the
    # province's figure is the ratio of the summed counts, the rule these indicators declare.
    FormItem.objects.bulk_create(
        FormItem(
            form=form,
            indicator=ind,
            input_type="fraction",
            unit_label="%",
            position=k,
            min_value=Decimal(0),
            max_value=Decimal(100),
        )
        for k, ind in enumerate(chosen[: options.form_items])
    )
    return form, list(form.items.order_by("position"))


def _months(options: SynthOptions):
    for year in options.year_list:
        for month in range(1, 13):
            yield year, month


def _write_reports(options, plans, units, framework, report) -> object:
    from chiso.collection.models import FormAssignment

    form, items = report_form(options)
    FormAssignment.objects.bulk_create((FormAssignment(form=form, unit=units[p.code]) for p in plans), batch_size=BATCH)
    pending: list = []  # (submission, [EnteredValue without submission])
    for plan in plans:
        rng, skill = _unit_rng(options, plan.code, "month"), _skill(options, plan.code)
        level = [30 + skill * 50 + rng.uniform(-10, 10) for _ in items]
        counts = [rng.randint(20, 2000) for _ in items]  # each item's denominator, e.g. dossiers a month
        for year, month in _months(options):
            end = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
            if not plan.active_in(end, end):
                continue
            pending.append(_submission(form, units[plan.code], year, month, rng))
            level = [min(100.0, v + rng.uniform(-1, 2.5)) for v in level]
            pending[-1][1].extend(_share(item, v, n) for item, v, n in zip(items, level, counts, strict=True))
            if len(pending) * len(items) >= BATCH:
                _flush_reports(pending, report)
    _flush_reports(pending, report)
    return form


def _roll_up(options: SynthOptions, form, report: SynthReport) -> None:
    """The provinces' figures of every month, made from the approved reports as an approval
    makes them (the reports are written approved, without the approval step)."""
    from chiso.collection.rollup import refresh_periods
    from chiso.observations import kept_verdicts

    # Judged once per period on leaving, not once per province and month (5.8 → 15.3 s for a
    # tiny country when each roll-up judged its province again; 8.7 s deferred).
    with kept_verdicts.deferred():
        made = refresh_periods(form, [f"{year}-{month:02d}" for year, month in _months(options)])
    report.add("số liệu toàn tỉnh (tổng hợp)", len(made))


def _share(item, percent: float, denominator: int):
    """A share entered as counts: 1.523/2.000 for 76,15%, its number the percentage."""
    from chiso.collection.models import EnteredValue
    from chiso.engine.numbers import format_number

    numerator = round(denominator * percent / 100)
    number = (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.000001"))
    return EnteredValue(
        item=item,
        numerator=Decimal(numerator),
        denominator=Decimal(denominator),
        number=number,
        raw=f"{format_number(Decimal(numerator))}/{format_number(Decimal(denominator))}",
    )


def _submission(form, unit, year: int, month: int, rng: random.Random):
    from django.utils import timezone

    from chiso.collection.models import Submission

    deadline = datetime.date(year, month, 18)
    received = datetime.datetime(
        year, month, rng.randint(8, 20), rng.randint(7, 17), rng.randint(0, 59), tzinfo=timezone.get_default_timezone()
    )
    return (
        Submission(
            unit=unit,
            period_id=f"{year}-{month:02d}",
            form=form,
            deadline=deadline,
            received_at=received,
            status="approved",
            reviewed_at=received + datetime.timedelta(days=2),
            version=3,
        ),
        [],
    )


def _flush_reports(pending: list, report: SynthReport) -> None:
    from chiso.collection.models import EnteredValue, Submission

    if not pending:
        return
    created = Submission.objects.bulk_create([s for s, _ in pending], batch_size=BATCH)
    values = []
    for submission, (_, rows) in zip(created, pending, strict=True):
        for value in rows:
            value.submission = submission
            values.append(value)
    EnteredValue.objects.bulk_create(values, batch_size=BATCH)
    report.add("báo cáo tháng (đã duyệt)", len(created))
    report.add("giá trị báo cáo tháng", len(values))
    pending.clear()


def _write_tasks(options, plans, units, dataset, report) -> None:
    from chiso.tasks.models import Task

    rows = []
    for plan in (p for p in plans if p.type == "tinh" and p.valid_to is None):
        rng = _unit_rng(options, plan.code, "tasks")
        for k in range(10):
            year = rng.choice(options.year_list)
            rows.append(
                Task(
                    dataset=dataset,
                    code=f"{plan.code}-nv-{k + 1}",
                    position=k,
                    heading=f"{plan.name}: nhiệm vụ chuyển đổi số",
                    description=f"Nhiệm vụ chuyển đổi số thử số {k + 1} của {plan.name}",
                    lead_text=f"Sở Thử {rng.randint(1, 20)}",
                    deadline_text=f"Tháng 12/{year}",
                    deadline_kind="due",
                    due_date=datetime.date(year, 12, 31),
                    plan_year=year,
                    status=rng.choice(("dang_thuc_hien", "hoan_thanh", "chua_thuc_hien")),
                )
            )
    Task.objects.bulk_create(rows, batch_size=BATCH)
    report.add("nhiệm vụ", len(rows))
