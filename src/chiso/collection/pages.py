"""What the submission page shows: rows with target, last period, inputs, errors; allowed actions."""

from __future__ import annotations

from dataclasses import dataclass

from chiso.accounts.permissions import actions_in
from chiso.collection.entry import SECTIONS, CheckedValue, display, jump_warning, previous_values
from chiso.collection.expectations import expected_ranges, targets_for
from chiso.collection.models import EnteredValue, FormItem, Submission
from chiso.collection.schedules import ensure_values
from chiso.collection.workflow import EDITABLE
from chiso.engine.numbers import format_number
from chiso.engine.periods import TIMELINESS_LABELS, parse_period
from chiso.engine.plausibility import outlier_message


@dataclass
class Row:
    """One item of the page: the stored value, what was typed (after a failed save), messages."""

    value: EnteredValue
    target: str
    previous: str
    checked: CheckedValue | None = None
    stale: str = ""
    jump: str = ""  # the stored value's jump from last period, if any
    problem: str = ""  # why the report cannot be sent yet, at this row (after a refused submit)
    outlier: str = ""  # the stored value lies far outside its plausible range (confirmed, or older)

    @property
    def given(self):
        return self.checked.given if self.checked else None

    @property
    def errors(self) -> dict:
        return self.checked.errors if self.checked else {}

    @property
    def warning(self) -> str:
        if self.checked:
            return self.checked.warning if not self.checked.stored.get("jump_confirmed") else ""
        return "" if self.value.jump_confirmed else self.jump

    @property
    def needs_confirm(self) -> bool:
        if self.checked:
            return bool(self.checked.warning or self.checked.outlier)
        return bool(self.jump or self.outlier)

    @property
    def flagged(self) -> bool:
        """Highlighted as an outlier: the stored figure, or the one just typed."""
        return bool(self.outlier or (self.checked and self.checked.outlier))

    # Where each message goes: beside the input it is about (the value's cell or the notes' cell).
    VALUE_INPUTS = ("value", "numerator", "denominator")

    @property
    def value_errors(self) -> dict:
        return {k: m for k, m in self.errors.items() if k in self.VALUE_INPUTS}

    @property
    def note_errors(self) -> dict:
        return {k: m for k, m in self.errors.items() if k not in self.VALUE_INPUTS}

    @property
    def confirmed(self) -> bool:
        return self.given.jump_confirmed if self.given else self.value.jump_confirmed

    @property
    def shown(self) -> str:
        return display(self.value)

    def _typed(self, name: str, stored: str) -> str:
        return getattr(self.given, name) if self.given else stored

    @property
    def in_value(self) -> str:
        v = self.value
        if v.item.input_type == "number":
            stored = v.raw or ("" if v.number is None else format_number(v.number))
        else:
            stored = display(v)
        return self._typed("value", stored)

    @property
    def in_numerator(self) -> str:
        n = self.value.numerator
        return self._typed("numerator", "" if n is None else format_number(n))

    @property
    def in_denominator(self) -> str:
        n = self.value.denominator
        return self._typed("denominator", "" if n is None else format_number(n))

    @property
    def in_comment(self) -> str:
        return self._typed("comment", self.value.comment)

    @property
    def in_evidence_ref(self) -> str:
        return self._typed("evidence_ref", self.value.evidence_ref)


def build_rows(
    submission: Submission, checked: dict[int, CheckedValue] | None = None, problems: dict[str, str] | None = None
) -> list[Row]:
    ensure_values(submission)
    values = list(submission.values.select_related("item__indicator", "updated_by").order_by("item__position"))
    previous = previous_values(submission)
    targets = targets_for(submission, [v.item.indicator_id for v in values])
    expected = expected_ranges(submission, [v.item for v in values])
    rows = []
    for v in values:
        before = previous.get(v.item_id)
        rows.append(
            Row(
                value=v,
                target=targets.get(v.item.indicator_id, ""),
                previous=display(before),
                checked=(checked or {}).get(v.pk),
                jump=jump_warning(v.item, v.number, before.number if before else None),
                outlier=_stored_outlier(v, expected),
                problem=(problems or {}).get(f"v{v.pk}", ""),
            )
        )
    return rows


def _stored_outlier(value: EnteredValue, expected: dict) -> str:
    if value.item.input_type != FormItem.InputType.NUMBER or value.number is None:
        return ""
    return outlier_message(value.number, expected.get(value.item_id))


def abilities(user, submission: Submission) -> dict[str, bool]:
    status, allowed = submission.status, actions_in(user, submission.unit)
    return {
        "can_enter": status in EDITABLE and "enter" in allowed,
        "can_submit": status in EDITABLE and "submit" in allowed,
        "can_review": status == "submitted" and "review" in allowed,
        "can_reopen": status in ("submitted", "approved") and "manage" in allowed,
    }


def page_context(user, submission: Submission, checked=None, narrative=None, problems=None) -> dict:
    """The submission page; ``problems`` are a refused submit's messages by place
    (`workflow.SubmitRefused.places`), each shown beside its row or section."""
    sections = [
        (
            key,
            SECTIONS[key][0],
            SECTIONS[key][1],
            (narrative or {}).get(SECTIONS[key][0], getattr(submission, SECTIONS[key][0])),
            (problems or {}).get(SECTIONS[key][0], ""),
        )
        for key in (submission.form.sections if submission.form else [])
    ]
    return {
        "submission": submission,
        "period": parse_period(submission.period_id),
        "rows": build_rows(submission, checked, problems),
        "sections": sections,
        "timeliness": TIMELINESS_LABELS[submission.timeliness],
        **abilities(user, submission),
    }
