import datetime

import pytest

from chiso.collection.models import Submission

periods = pytest.importorskip("chiso.engine.periods")
if not hasattr(periods, "judge_timeliness"):
    pytest.skip("chiso.engine.periods.judge_timeliness is not written yet", allow_module_level=True)

DEADLINE = datetime.date(2024, 11, 18)  # 000 Phụ lục VII: "trước 18/11/2024"


def test_it_counts_a_report_dated_before_the_deadline_as_on_time() -> None:
    submission = Submission(deadline=DEADLINE, document_date=datetime.date(2024, 11, 17))
    assert submission.timeliness == "on_time"


def test_it_counts_a_report_dated_on_the_deadline_as_late() -> None:
    submission = Submission(deadline=DEADLINE, document_date=DEADLINE)
    assert submission.timeliness == "late"


def test_it_counts_nothing_received_as_missing() -> None:
    submission = Submission(deadline=DEADLINE, document_date=None)
    assert submission.timeliness == "missing"
