"""Example figures («số liệu mẫu») for the demo's monthly form: last month and this month.

A newcomer should see the cycle closed without typing: last month every assigned unit's report
is approved, this month three of them are, so the province already has a figure for each item
(with "3/5 đơn vị"), a verdict against the 2026 target and a month's report — while Sở KH&CN and
Phường Cao Lãnh, whose demo users log in, still have this month's report open to enter.

Every example submission carries ``EXAMPLE_SOURCE``, a note and «(số liệu mẫu)» as its document
number, every value the comment «Số liệu mẫu», and the province figures made of them say so, so they are never mistaken for
the figures transcribed from the seed documents.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chiso.collection import workflow
from chiso.collection.entry import ValueInput
from chiso.collection.models import Submission, SubmissionStatus
from chiso.collection.rollup import EXAMPLE_SOURCE
from chiso.collection.schedules import ensure_expected, ensure_values

EXAMPLE_NOTE = "Số liệu mẫu có sẵn trong bản chạy thử, không phải số liệu thật của đơn vị."
EXAMPLE_COMMENT = "Số liệu mẫu"
# Shown where a report's document number is (Phụ lục VII's note column, a figure's source).
EXAMPLE_DOCUMENT = "(số liệu mẫu)"
# This month, the units whose demo users log in keep their report open for entry.
OPEN_THIS_MONTH = ("so-khcn", "phuong-cao-lanh")
# Per unit: (numerator, denominator) of fraction items, the number of count items, by indicator
# code; last month's figures are a little lower, as a month's progress is.
FIGURES = {
    "so-khcn": {
        "I.2": (412, 480),
        "I.8": (95, 100),
        "I.20": (30, 40),
        "II.3": 18,
        "6.5": (388, 452),
        "6.6": (301, 452),
        "4.4": (46, 52),
    },
    "so-tai-chinh": {
        "I.2": (1_230, 1_400),
        "I.8": (188, 200),
        "I.20": (45, 60),
        "II.3": 25,
        "6.5": (1_150, 1_400),
        "6.6": (1_010, 1_400),
        "4.4": (70, 81),
    },
    "van-phong-ubnd": {
        "I.2": (640, 700),
        "I.8": (98, 100),
        "I.20": (18, 20),
        "II.3": 4,
        "6.5": (602, 700),
        "6.6": (505, 700),
        "4.4": (39, 40),
    },
    "so-xay-dung": {
        "I.2": (905, 1_100),
        "I.8": (150, 170),
        "I.20": (20, 35),
        "II.3": 12,
        "6.5": (890, 1_100),
        "6.6": (780, 1_100),
        "4.4": (51, 63),
    },
    "phuong-cao-lanh": {
        "I.2": (2_150, 2_600),
        "I.8": (80, 90),
        "I.20": (210, 400),
        "II.3": 31,
        "6.5": (1_960, 2_600),
        "6.6": (1_472, 2_600),
        "4.4": (22, 27),
    },
}
YES_NO = {"I.15": "Có"}


def examples_in(form, period) -> int:
    """How many approved example reports the form has in ``period``."""
    return Submission.objects.filter(
        form=form, period_id=str(period.id), status=SubmissionStatus.APPROVED, source=EXAMPLE_SOURCE
    ).count()


def typed(code: str, figure, earlier: bool) -> ValueInput:
    """What a reporter would type for the figure; last month a little lower."""
    if isinstance(figure, tuple):
        numerator, denominator = figure
        if earlier:
            numerator = int(numerator * Decimal("0.96"))
        return ValueInput(
            numerator=str(numerator), denominator=str(denominator), comment=EXAMPLE_COMMENT, jump_confirmed=True
        )
    number = figure - 2 if earlier and figure > 2 else figure
    return ValueInput(value=str(number), comment=EXAMPLE_COMMENT, jump_confirmed=True)


def fill_example(office, submission: Submission, earlier: bool) -> bool:
    """Enter, send and approve one example report; False when the unit already touched it."""
    if submission.status != SubmissionStatus.DRAFT or submission.values.exclude(raw="").exists():
        return False
    ensure_values(submission)
    figures = FIGURES.get(submission.unit.code, {})
    inputs = {}
    for value in submission.values.select_related("item__indicator"):
        code = value.item.indicator.code
        if code in figures:
            inputs[value.pk] = (typed(code, figures[code], earlier), value.version)
        elif code in YES_NO:
            inputs[value.pk] = (ValueInput(value=YES_NO[code], comment=EXAMPLE_COMMENT), value.version)
    narrative = {
        "results_text": "Số liệu mẫu: đơn vị duy trì tiến độ chuyển đổi số trong tháng.",
        "difficulties_text": "Không có.",
        "proposals_text": "Không có.",
    }
    result = workflow.save_draft(office, submission, inputs, narrative, submission.version)
    if not result.ok:
        return False
    # Sent a few days before the deadline, as a unit that keeps to it does.
    sent = timezone.make_aware(
        datetime.datetime.combine(submission.deadline - datetime.timedelta(days=3), datetime.time(9, 30))
    )
    Submission.objects.filter(pk=submission.pk).update(
        status=SubmissionStatus.SUBMITTED,
        received_at=min(sent, timezone.now()),
        source=EXAMPLE_SOURCE,
        note=EXAMPLE_NOTE,
        document=EXAMPLE_DOCUMENT,
    )
    submission.refresh_from_db()
    workflow.approve(office, submission)
    return True


@transaction.atomic
def example_month(office, form, period, earlier: bool) -> int:
    """Approve the example reports of ``period``; returns how many were made now."""
    made = 0
    for submission in ensure_expected(form, period):
        if not earlier and submission.unit.code in OPEN_THIS_MONTH:
            continue
        made += fill_example(office, submission, earlier)
    return made
