"""Each figure's verdict against its target, kept in the database (``KeptVerdict``) and updated
when its inputs change.

A verdict is made by the one read path, `readings.figures` (the target that applies — a unit's
own before the framework's, the period's before the year's and the plan's — last period's
figure for "Duy trì", the engine's `judge`), over every figure with a target: transcribed from
a document, rolled up from approved reports, or entered in an approved report (as the office's
tools and the overview see them). This module judges nothing itself; it keeps what that path
gives: the verdict, the figure and last period's figure it was judged on, the target, and a
fingerprint of the target's wording and of the framework's definition
(`stored_scores.version_of`), so a row made under another one is stale.

As `stored_scores` keeps the DTI scores, there are two ways in:
- :func:`refresh` after some units' inputs changed: only their rows of the periods are written
  (an approval or a reopening, :func:`values_changed`; a target edited, :func:`targets_changed`);
- :func:`rebuild` for recovery (``chiso scores rebuild``) and after a load: every row of the
  periods is made again, one read per period.

:func:`check` lists every kept row that differs from the verdict judged now.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from chiso.engine.evaluation import Status
from chiso.engine.values import applicable_targets, previous_period

Progress = Callable[[int, int], None]
Key = tuple[int, int, str]  # unit id, indicator id, period
# origin, kind, figure, last period's figure, target period, target wording, status, reason
Judged = tuple[str, str, str, str, str, str, str, str]


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild wrote: the rows, and the periods it covered."""

    rows: int
    periods: list[str]


# --- judging now -------------------------------------------------------------------------------


def targeted_indicators(indicator_ids: Iterable[int] | None = None) -> list[int]:
    """The indicators with a target (of ``indicator_ids``, if given): only their figures get a verdict."""
    from chiso.frameworks.models import Target

    rows = Target.objects.all()
    if indicator_ids is not None:
        rows = rows.filter(indicator_id__in=list(indicator_ids))
    return sorted(set(rows.order_by().values_list("indicator_id", flat=True).distinct()))


def verdict_periods(unit_ids: Iterable[int] | None = None, indicator_ids: Iterable[int] | None = None) -> list[str]:
    """The periods with a figure of an indicator with a target — stored, or entered in an
    approved report — of these units and indicators, if given."""
    from chiso.observations.models import DataValue
    from chiso.observations.readings import entered_model, entered_visibility

    indicators = targeted_indicators(indicator_ids)
    stored = DataValue.objects.filter(indicator_id__in=indicators, unit__isnull=False)
    entered = entered_model().objects.filter(entered_visibility(approved=True), item__indicator_id__in=indicators)
    if unit_ids is not None:
        stored = stored.filter(unit_id__in=list(unit_ids))
        entered = entered.filter(submission__unit_id__in=list(unit_ids))
    periods = set(stored.order_by().values_list("period_id", flat=True).distinct())
    periods |= set(entered.order_by().values_list("submission__period_id", flat=True).distinct())
    return sorted(periods)


def judged_now(
    period_ids: Iterable[str], unit_ids: Iterable[int] | None = None, indicator_ids: Iterable[int] | None = None
) -> dict[Key, list[Judged]]:
    """Every verdict of the periods' figures (of ``unit_ids`` and ``indicator_ids`` only, if
    given) as `readings.figures` judges them now, in one read; entered figures of approved
    reports only."""
    from chiso.observations.readings import figures

    indicators = targeted_indicators(indicator_ids)
    found: dict[Key, list[Judged]] = defaultdict(list)
    if not indicators:
        return found
    units = None if unit_ids is None else list(unit_ids)
    for f in figures(units=units, indicators=indicators, periods=list(period_ids), approved=True):
        if f.verdict is None or f.unit is None:
            continue
        found[f.unit.pk, f.indicator.pk, f.period_id].append(
            (
                f.origin.value,
                f.kind,
                f.text,
                f.previous_text,
                f.target_period_id,
                f.target_text,
                f.verdict.status.value,
                f.verdict.reason,
            )
        )
    return found


def _versions(indicator_ids: Iterable[int]) -> dict[int, str]:
    """Indicator id → the fingerprint of its framework's definition."""
    from chiso.frameworks.models import Indicator
    from chiso.observations.stored_scores import version_of

    codes = dict(Indicator.objects.filter(pk__in=set(indicator_ids)).values_list("pk", "framework__code"))
    by_code = {code: version_of(code) for code in set(codes.values())}
    return {pk: by_code[code] for pk, code in codes.items()}


def fingerprint(target_period_id: str, target_text: str, framework_version: str) -> str:
    """A short fingerprint of the target a verdict was judged against and of its framework."""
    text = json.dumps([target_period_id, target_text, framework_version], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- keeping them ------------------------------------------------------------------------------


def _rows(judged: dict[Key, list[Judged]], versions: dict[int, str], now) -> list:
    from chiso.observations.models import KeptVerdict

    return [
        KeptVerdict(
            unit_id=unit_id,
            indicator_id=indicator_id,
            period_id=period_id,
            origin=origin,
            kind=kind,
            figure_text=figure,
            previous_text=previous,
            target_period_id=target_period,
            target_text=text,
            status=status,
            reason=reason,
            computed_at=now,
            inputs_version=fingerprint(target_period, text, versions[indicator_id]),
        )
        for (unit_id, indicator_id, period_id), found in judged.items()
        for origin, kind, figure, previous, target_period, text, status, reason in found
    ]


def _keep(
    period_ids: list[str], unit_ids: list[int] | None = None, indicator_ids: list[int] | None = None, versions=None
) -> int:
    """The kept rows of the periods (of the units and indicators, if given) become the verdicts
    judged now, in one transaction: a reader sees the old rows or the new ones."""
    from chiso.observations.models import KeptVerdict

    if not period_ids:
        return 0
    judged = judged_now(period_ids, unit_ids, indicator_ids)
    if versions is None:
        versions = _versions({k[1] for k in judged})
    rows = _rows(judged, versions, timezone.now())
    old = KeptVerdict.objects.filter(period_id__in=period_ids)
    if unit_ids is not None:
        old = old.filter(unit_id__in=unit_ids)
    if indicator_ids is not None:
        old = old.filter(indicator_id__in=indicator_ids)
    with transaction.atomic():
        old.delete()
        KeptVerdict.objects.bulk_create(rows, batch_size=2_000)
    return len(rows)


def rebuild(period_ids: Iterable[str] | None = None, progress: Progress | None = None) -> Rebuilt:
    """Judge every figure with a target of the periods again and keep the verdicts (every
    period with one when None; the rows of periods with none left are removed then).
    ``progress(done, total)`` is called after each period."""
    from chiso.frameworks.models import Indicator
    from chiso.observations.models import KeptVerdict

    periods = verdict_periods() if period_ids is None else sorted(set(period_ids))
    if period_ids is None:
        KeptVerdict.objects.exclude(period_id__in=periods).delete()
    versions = _versions(Indicator.objects.values_list("pk", flat=True))
    written = 0
    for done, period_id in enumerate(periods, start=1):
        written += _keep([period_id], versions=versions)
        if progress is not None:
            progress(done, len(periods))
    _analyze()
    return Rebuilt(written, periods)


def _analyze() -> None:
    """Fresh statistics after every row was replaced (as `stored_scores.rebuild` ends)."""
    from django.db import connection

    from chiso.observations.models import KeptVerdict

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {KeptVerdict._meta.db_table}")


def refresh(
    unit_ids: Iterable[int] | None, period_ids: Iterable[str], indicator_ids: Iterable[int] | None = None
) -> int:
    """Judge again the figures of ``unit_ids`` (None: every unit) in ``period_ids``, of
    ``indicator_ids`` only if given, and keep the verdicts; no other row is written. Returns
    the number of rows kept."""
    units = None if unit_ids is None else sorted(set(unit_ids))
    indicators = None if indicator_ids is None else sorted(set(indicator_ids))
    return _keep(sorted(set(period_ids)), units, indicators)


def _following(period_id: str, unit_ids: list[int]) -> list[str]:
    """The periods whose "Duy trì" is judged against ``period_id``'s figures (the next month,
    quarter or year of the same kind), among those with approved figures of the units."""
    return [p for p in verdict_periods(unit_ids) if previous_period(p) == period_id]


def values_changed(unit_ids: Iterable[int], period_id: str) -> int:
    """Called where figures of ``unit_ids`` in ``period_id`` were written: a province's figures
    rolled up from an approval or a reopening (`observations.rollup.replace`), the figures of
    the report approved or reopened (`collection.rollup.on_approval_change`). Their verdicts
    of the period, and of the next period (judged against it for "Duy trì"), are made again;
    no other unit's. Returns the number of rows kept."""
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        pending[period_id].update(unit_ids)
        return 0
    units = sorted(set(unit_ids))
    return refresh(units, [period_id, *_following(period_id, units)])


_deferred = threading.local()


@contextmanager
def deferred() -> Iterator[None]:
    """Inside it, :func:`values_changed` only notes the units and periods; on leaving, each
    period's noted units are judged again in one read — for a job that rolls up many
    provinces and months at once (`chiso synth`), instead of one read per province and month.
    Nothing is judged when the block fails (its writes are rolled back with it)."""
    if getattr(_deferred, "pending", None) is not None:
        yield  # already inside one: the outer block judges
        return
    pending: dict[str, set[int]] = defaultdict(set)
    _deferred.pending = pending
    try:
        yield
    finally:
        _deferred.pending = None
    for period_id, units in sorted(pending.items()):
        values_changed(units, period_id)


def targets_changed(targets: Iterable[tuple[int, int | None, str]]) -> int:
    """Called where targets are added, edited or removed, with each target as (indicator id,
    unit id or None, target period) — an edited one as it was and as it is: the verdicts each
    could apply to (its unit's, or every unit's for the framework's own target; the periods
    it covers by the engine's rule) are made again. Returns the number of rows kept."""
    from chiso.observations.models import KeptVerdict

    by_indicator: dict[int, list[tuple[int | None, str]]] = defaultdict(list)
    for indicator_id, unit_id, period_id in targets:
        by_indicator[indicator_id].append((unit_id, period_id))
    kept = 0
    for indicator_id, given in by_indicator.items():
        units = None if any(u is None for u, _ in given) else {u for u, _ in given if u is not None}
        # The periods with figures, and those with kept verdicts a removed target leaves behind.
        kept_rows = KeptVerdict.objects.filter(indicator_id=indicator_id)
        if units is not None:
            kept_rows = kept_rows.filter(unit_id__in=units)
        candidates = set(verdict_periods(units, [indicator_id]))
        candidates |= set(kept_rows.order_by().values_list("period_id", flat=True).distinct())
        periods = [p for p in candidates if any(applicable_targets(p, {t: "-"}) for t in {t for _, t in given})]
        kept += refresh(units, periods, [indicator_id])
    return kept


# --- checking them -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """A kept verdict that differs from the one judged now: missing, left over, another
    verdict or figure, or judged against another target or framework definition."""

    unit_code: str
    indicator_code: str
    period_id: str
    kept: str | None  # the verdict's label
    now: str | None
    stale_version: bool = False

    @property
    def text(self) -> str:
        where = f"{self.unit_code}, chỉ tiêu {self.indicator_code} kỳ {self.period_id}"
        if self.kept is None:
            return f"{where}: chưa lưu, đánh giá lại được «{self.now}»"
        if self.now is None:
            return f"{where}: đã lưu «{self.kept}» nhưng không còn số liệu có mục tiêu để đánh giá"
        if self.stale_version:
            return f"{where}: lưu theo mục tiêu hoặc bộ chỉ số cũ"
        if self.kept == self.now:
            return f"{where}: đã lưu «{self.kept}» nhưng số liệu, mục tiêu hoặc lý do nay đã khác"
        return f"{where}: đã lưu «{self.kept}», đánh giá lại được «{self.now}»"


def _label(found: list) -> str | None:
    return ", ".join(Status(row[6]).label for row in found) if found else None


FIELDS = (
    "origin",
    "kind",
    "figure_text",
    "previous_text",
    "target_period_id",
    "target_text",
    "status",
    "reason",
    "inputs_version",
)


def check(period_ids: Iterable[str] | None = None) -> list[Difference]:
    """Compare every kept verdict of the periods with the verdict judged now (nothing written)."""
    from chiso.frameworks.models import Indicator
    from chiso.observations.models import KeptVerdict
    from chiso.orgunits.models import OrgUnit

    kept_rows = KeptVerdict.objects.all()
    if period_ids is not None:
        periods = sorted(set(period_ids))
        kept_rows = kept_rows.filter(period_id__in=periods)
    else:
        periods = sorted(set(verdict_periods()) | set(kept_rows.values_list("period_id", flat=True).distinct()))
    kept: dict[Key, list[tuple]] = defaultdict(list)
    for unit_id, indicator_id, period_id, *rest in kept_rows.values_list(
        "unit_id", "indicator_id", "period_id", *FIELDS
    ):
        kept[unit_id, indicator_id, period_id].append(tuple(rest))
    now: dict[Key, list[Judged]] = {}
    for period_id in periods:
        now.update(judged_now([period_id]))
    versions = _versions({k[1] for k in now} | {k[1] for k in kept})
    units = dict(OrgUnit.objects.filter(pk__in={k[0] for k in now} | {k[0] for k in kept}).values_list("pk", "code"))
    codes = dict(Indicator.objects.filter(pk__in=versions).values_list("pk", "code"))
    found: list[Difference] = []
    for key in sorted(set(now) | set(kept), key=lambda k: (k[2], units[k[0]], codes[k[1]])):
        made, row = sorted(now.get(key, [])), sorted(kept.get(key, []))
        where = (units[key[0]], codes[key[1]], key[2])
        if [r[:-1] for r in row] != made:
            found.append(Difference(*where, _label(row), _label(made)))
        elif any(r[-1] != fingerprint(r[4], r[5], versions[key[1]]) for r in row):
            found.append(Difference(*where, _label(row), _label(made), stale_version=True))
    return found
