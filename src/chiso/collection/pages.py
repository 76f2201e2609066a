"""What the submission page shows: rows with target, last period, inputs, errors; allowed actions."""

from __future__ import annotations

from dataclasses import dataclass

from chiso.accounts.permissions import actions_in
from chiso.collection.entry import SECTIONS, CheckedValue, display, jump_warning, previous_values
from chiso.collection.models import EnteredValue, Submission
from chiso.collection.schedules import ensure_values
from chiso.collection.workflow import EDITABLE
from chiso.engine.numbers import format_number
from chiso.engine.periods import TIMELINESS_LABELS, parse_period
from chiso.observations.readings import target_of, targets_by_indicator


@dataclass
class Row:
    """One item of the page: the stored value, what was typed (after a failed save), messages."""

    value: EnteredValue
    target: str
    previous: str
    checked: CheckedValue | None = None
    stale: str = ""
    jump: str = ""  # the stored value's jump from last period, if any

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
        return bool(self.checked.warning if self.checked else self.jump)

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


def targets_for(submission: Submission, indicator_ids: list[int]) -> dict[int, str]:
    """The target that applies to each indicator in the submission's period, by the one rule
    (`observations.readings.target_of`: the unit's own before the framework's; the period's or
    the year's, else the plan's)."""
    targets = targets_by_indicator(indicator_ids, [submission.unit_id])
    found = {}
    for indicator_id in indicator_ids:
        applies = target_of(targets, indicator_id, submission.unit_id, submission.period_id)
        if applies is not None:
            found[indicator_id] = applies[1]
    return found


def build_rows(submission: Submission, checked: dict[int, CheckedValue] | None = None) -> list[Row]:
    ensure_values(submission)
    values = list(submission.values.select_related("item__indicator", "updated_by")
                  .order_by("item__position"))
    previous = previous_values(submission)
    targets = targets_for(submission, [v.item.indicator_id for v in values])
    rows = []
    for v in values:
        before = previous.get(v.item_id)
        rows.append(Row(value=v, target=targets.get(v.item.indicator_id, ""), previous=display(before),
                        checked=(checked or {}).get(v.pk),
                        jump=jump_warning(v.item, v.number, before.number if before else None)))
    return rows


def abilities(user, submission: Submission) -> dict[str, bool]:
    status, allowed = submission.status, actions_in(user, submission.unit)
    return {
        "can_enter": status in EDITABLE and "enter" in allowed,
        "can_submit": status in EDITABLE and "submit" in allowed,
        "can_review": status == "submitted" and "review" in allowed,
        "can_reopen": status in ("submitted", "approved") and "manage" in allowed,
    }


def page_context(user, submission: Submission, checked=None, narrative=None) -> dict:
    sections = [(key, SECTIONS[key][0], SECTIONS[key][1],
                 (narrative or {}).get(SECTIONS[key][0], getattr(submission, SECTIONS[key][0])))
                for key in (submission.form.sections if submission.form else [])]
    return {
        "submission": submission,
        "period": parse_period(submission.period_id),
        "rows": build_rows(submission, checked),
        "sections": sections,
        "timeliness": TIMELINESS_LABELS[submission.timeliness],
        **abilities(user, submission),
    }
