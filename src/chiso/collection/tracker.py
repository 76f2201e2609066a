"""The submission tracker: 000 Phụ lục VII ("Tổng hợp thời điểm nhận báo cáo") made live.

For a period and a form, every expected unit with the day its report arrived, on time / late /
missing, whether the narrative (báo cáo thuyết minh) and the figures (phụ lục số liệu) were
received and complete, and the document number; then the totals line, computed from the rows.

A submission loaded from a seed's log (form = None) carries the printed marks; a web submission
is judged from what it holds: the narrative is complete when every section the form asks for has
text, the figures when every required item assigned to the unit has a value. A report sent back
to its unit counts as returned (not received, not on time, not complete) until it is sent again;
the rule is `collection.models.timeliness_of`, which the overview and Phụ lục VII read too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields

from django.db.models import QuerySet
from django.utils import timezone

from chiso.collection.models import EnteredValue, ReportForm, Submission, SubmissionStatus
from chiso.collection.schedules import items_for
from chiso.engine.periods import LATE, MISSING, ON_TIME, RETURNED, TIMELINESS_LABELS

# The "form" filter value for submissions loaded from a document's log (form = None).
LOG = "nhat-ky"
SECTION_FIELDS = {"ket_qua": "results_text", "kho_khan": "difficulties_text", "de_xuat": "proposals_text"}


@dataclass(frozen=True)
class Part:
    """One of the two templates of Phụ lục VII: received, and complete when received."""

    received: bool
    complete: bool | None  # None: not received, or the log does not say


@dataclass(frozen=True)
class TrackerRow:
    submission: Submission
    received_on: datetime.date | None
    timeliness: str
    narrative: Part
    appendix: Part
    missing_items: tuple[str, ...] = ()

    @property
    def unit(self):
        return self.submission.unit

    @property
    def timeliness_label(self) -> str:
        return TIMELINESS_LABELS[self.timeliness]

    @property
    def document_text(self) -> str:
        """The unit's document as Phụ lục VII's note column writes it: the number, and for a
        web report the date the leader wrote on it (a log's date is in the date column).

        "1244/TTr-VP"; "125/SKHCN-VP ngày 15/12/2026".
        """
        s = self.submission
        if s.form_id is None or s.document_date is None:
            return s.document
        return f"{s.document} ngày {s.document_date:%d/%m/%Y}".strip()

    @property
    def complete(self) -> bool | None:
        """Complete when both parts are; None when nothing was received."""
        if not (self.narrative.received or self.appendix.received):
            return None
        return bool(self.narrative.complete and self.appendix.complete)


@dataclass(frozen=True)
class Totals:
    """The "Tổng hợp số lượng" line, computed from the rows."""

    expected: int = 0
    sent: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    returned: int = 0
    narrative_received: int = 0
    narrative_complete: int = 0
    narrative_incomplete: int = 0
    appendix_received: int = 0
    appendix_complete: int = 0
    appendix_incomplete: int = 0

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def totals(rows: list[TrackerRow]) -> Totals:
    """Count the rows the way Phụ lục VII's totals line does."""

    def count(test) -> int:
        return sum(1 for r in rows if test(r))

    return Totals(
        expected=len(rows),
        sent=count(lambda r: r.timeliness in (ON_TIME, LATE)),
        on_time=count(lambda r: r.timeliness == ON_TIME),
        late=count(lambda r: r.timeliness == LATE),
        missing=count(lambda r: r.timeliness == MISSING),
        returned=count(lambda r: r.timeliness == RETURNED),
        narrative_received=count(lambda r: r.narrative.received),
        narrative_complete=count(lambda r: r.narrative.received and r.narrative.complete is True),
        narrative_incomplete=count(lambda r: r.narrative.received and r.narrative.complete is False),
        appendix_received=count(lambda r: r.appendix.received),
        appendix_complete=count(lambda r: r.appendix.received and r.appendix.complete is True),
        appendix_incomplete=count(lambda r: r.appendix.received and r.appendix.complete is False),
    )


def is_received(submission: Submission) -> bool:
    """Whether a report stands received: a web report sent and not sent back, or a log's marks."""
    if submission.form_id is None:
        return bool(submission.document_date or submission.narrative_received or submission.appendix_received)
    return submission.received_at is not None and submission.status not in (
        SubmissionStatus.DRAFT,
        SubmissionStatus.RETURNED,
    )


def row_for(submission: Submission) -> TrackerRow:
    """One tracker row for one expected submission."""
    if submission.form_id is None:
        return TrackerRow(
            submission,
            submission.document_date,
            submission.timeliness,
            Part(bool(submission.narrative_received), submission.narrative_complete),
            Part(bool(submission.appendix_received), submission.appendix_complete),
        )
    received = is_received(submission)
    missing_items = tuple(unfilled_items(submission))
    narrative_done = all(
        getattr(submission, SECTION_FIELDS[s], "").strip() for s in submission.form.sections if s in SECTION_FIELDS
    )
    return TrackerRow(
        submission,
        timezone.localdate(submission.received_at) if received else None,
        submission.timeliness if received or submission.status == SubmissionStatus.RETURNED else MISSING,
        Part(received, narrative_done if received else None),
        Part(received, (not missing_items) if received else None),
        missing_items,
    )


def unfilled_items(submission: Submission) -> list[str]:
    """Codes of the required items assigned to the unit that have no value yet."""
    values = {v.item_id: v for v in EnteredValue.objects.filter(submission=submission)}
    return [
        item.indicator.code for item in items_for(submission) if item.required and not has_value(values.get(item.pk))
    ]


def has_value(value: EnteredValue | None) -> bool:
    if value is None:
        return False
    return (
        value.number is not None
        or value.yes_no is not None
        or bool(value.text.strip())
        or (value.numerator is not None and value.denominator is not None)
    )


@dataclass(frozen=True)
class TrackerFilter:
    """What the office narrows the tracker to; empty strings mean "all"."""

    status: str = ""  # a SubmissionStatus
    timeliness: str = ""  # on_time / late / missing
    completeness: str = ""  # complete / incomplete
    unit_type: str = ""  # an OrgUnit.Type


def expected_submissions(period_id: str, form: ReportForm | None, unit_ids: set[int] | None) -> QuerySet[Submission]:
    """The expected submissions of a period for one form (None: the loaded log)."""
    qs = Submission.objects.filter(period_id=period_id).select_related("unit", "form")
    qs = qs.filter(form__isnull=True) if form is None else qs.filter(form=form)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    # Keep the log's own row order (its "row" source field) where there is one.
    return qs.order_by("unit__type", "unit__name")


def tracker_rows(
    period_id: str, form: ReportForm | None, unit_ids: set[int] | None = None, chosen: TrackerFilter = TrackerFilter()
) -> list[TrackerRow]:
    """Every expected unit's row for the period, narrowed by ``chosen``."""
    qs = expected_submissions(period_id, form, unit_ids)
    if chosen.status:
        qs = qs.filter(status=chosen.status)
    if chosen.unit_type:
        qs = qs.filter(unit__type=chosen.unit_type)
    rows = sorted((row_for(s) for s in qs), key=sort_key)
    if chosen.timeliness:
        rows = [r for r in rows if r.timeliness == chosen.timeliness]
    if chosen.completeness:
        want = chosen.completeness == "complete"
        rows = [r for r in rows if r.complete is want]
    return rows


def sort_key(row: TrackerRow):
    """The log's own row order where it has one, then the units by name."""
    printed = str((row.submission.source or {}).get("row", ""))
    return (0, int(printed), "") if printed.isdigit() else (1, 0, row.unit.name)


def _in_scope(unit_ids: set[int] | None) -> QuerySet[Submission]:
    qs = Submission.objects.all()
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def forms_with_submissions(unit_ids: set[int] | None) -> tuple[bool, list[ReportForm]]:
    """Whether the units have a loaded log, and the forms they have expected submissions of."""
    qs = _in_scope(unit_ids)
    has_log = qs.filter(form__isnull=True).exists()
    forms = list(ReportForm.objects.filter(pk__in=qs.values("form_id")).order_by("name"))
    return has_log, forms


def periods_of(form: ReportForm | None, unit_ids: set[int] | None) -> list[str]:
    """The periods a form (None: the loaded log) has submissions in, newest first: the period
    list follows the chosen form, so a period is never offered where the form has no rows."""
    qs = _in_scope(unit_ids)
    qs = qs.filter(form__isnull=True) if form is None else qs.filter(form=form)
    return sorted(set(qs.values_list("period_id", flat=True).distinct()), reverse=True)


@dataclass(frozen=True)
class Selection:
    """The form and period the tracker shows, with the choices its two lists offer."""

    form: ReportForm | None  # None: the loaded log (form code LOG), or nothing to show
    form_code: str  # "" when the units have no submission at all
    period_id: str
    has_log: bool
    forms: list[ReportForm]
    periods: list[str]


def select(unit_ids: set[int] | None, period_id: str = "", form_code: str = "") -> Selection:
    """Read the two selectors so they always agree: the form first (as asked; else the one
    the asked period has — its log first — else the newest period's), then a period of that
    form (as asked when the form has it, else the form's newest).

    Raises ``ReportForm.DoesNotExist`` for a form code that names no form.
    """
    has_log, forms = forms_with_submissions(unit_ids)
    if not form_code:
        form_code = _default_form_code(period_id or newest_period(unit_ids), unit_ids)
    form = ReportForm.objects.get(code=form_code) if form_code not in ("", LOG) else None
    periods = periods_of(form, unit_ids) if form_code else []
    if period_id not in periods:
        period_id = periods[0] if periods else ""
    return Selection(form, form_code, period_id, has_log, forms, periods)


def _default_form_code(period_id: str, unit_ids: set[int] | None) -> str:
    qs = _in_scope(unit_ids).filter(period_id=period_id)
    if qs.filter(form__isnull=True).exists():
        return LOG
    first = ReportForm.objects.filter(pk__in=qs.values("form_id")).order_by("name").first()
    if first is not None:
        return first.code
    newest = newest_period(unit_ids)  # an asked period nobody reported in: the newest instead
    return _default_form_code(newest, unit_ids) if newest and newest != period_id else ""


def newest_period(unit_ids: set[int] | None) -> str:
    """The latest period anyone in scope has a submission in ("" when there is none)."""
    return _in_scope(unit_ids).order_by("-period_id").values_list("period_id", flat=True).first() or ""
