"""Expected submissions: one per assigned unit and period, so "missing" is a row, not an absence."""

from __future__ import annotations

from django.db import transaction

from chiso.collection.models import EnteredValue, FormAssignment, FormItem, ReportForm, Submission
from chiso.engine.periods import Period, parse_period
from chiso.engine.schedules import due_date


def as_period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse_period(period)


def assignment_covers(assignment: FormAssignment, period: Period) -> bool:
    """Whether the assignment's first/last period (blank = open) includes ``period``."""
    if assignment.first_period_id and parse_period(assignment.first_period_id).start > period.start:
        return False
    if assignment.last_period_id and parse_period(assignment.last_period_id).end < period.end:
        return False
    unit = assignment.unit
    # A unit that did not exist at any moment of the period owes no report for it.
    if unit.valid_from is not None and unit.valid_from > period.end:
        return False
    return unit.valid_to is None or unit.valid_to >= period.start


def items_for(submission: Submission) -> list[FormItem]:
    """The form items this submission's unit reports: its assigned subset, or all of them."""
    assignment = (
        FormAssignment.objects.filter(form=submission.form_id, unit=submission.unit_id)
        .prefetch_related("items")
        .first()
    )
    chosen = list(assignment.items.all()) if assignment else []
    if chosen:
        return sorted(chosen, key=lambda item: item.position)
    return list(submission.form.items.select_related("indicator").order_by("position"))


def ensure_values(submission: Submission) -> None:
    """Create the blank value rows the submission's items need (idempotent)."""
    have = set(submission.values.values_list("item_id", flat=True))
    EnteredValue.objects.bulk_create(
        [EnteredValue(submission=submission, item=item) for item in items_for(submission) if item.pk not in have],
        ignore_conflicts=True,
    )


@transaction.atomic
def ensure_expected(form: ReportForm, period: Period | str) -> list[Submission]:
    """Create the expected submission of every unit the form is assigned to for ``period``.

    Idempotent: running it again creates nothing and returns the same submissions. The due date
    comes from the form's deadline rule (``"18"`` → the 18th of the month).

    >>> ensure_expected(form, "2026-11")  # doctest: +SKIP
    [<Submission: Sở Khoa học và Công nghệ 2026-11>, ...]
    """
    period = as_period(period)
    if period.kind != form.period_kind:
        raise ValueError(f"form {form.code} is {form.period_kind}, not {period.kind}")
    deadline = due_date(form.deadline_rule, period)
    result = []
    for assignment in form.assignments.select_related("unit"):
        if not assignment_covers(assignment, period):
            continue
        submission, _ = Submission.objects.get_or_create(
            form=form,
            unit=assignment.unit,
            period_id=period.id,
            defaults={"deadline": deadline},
        )
        ensure_values(submission)
        result.append(submission)
    return result
