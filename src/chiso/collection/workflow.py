"""A submission's life: draft → submitted → returned or approved; an admin may reopen.

Each step checks the state it starts from, changes the status with the submission's version
(so two reviewers cannot both act on the same state), records the change in the audit trail and
leaves a notice for the unit. Permission checks are the views' job and come before these calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from chiso.audit.trail import history, record
from chiso.collection import freshness, rollup
from chiso.collection.entry import (
    SECTIONS,
    CheckedValue,
    StaleEdit,
    ValueInput,
    check,
    evidence_problem,
    is_empty,
    jump_warning,
    previous_values,
    save_narrative,
    save_value,
)
from chiso.collection.evidence import atomic_with_evidence
from chiso.collection.expectations import expected_ranges
from chiso.collection.models import EnteredValue, Submission, SubmissionStatus
from chiso.collection.notices import notify, report_name
from chiso.collection.schedules import ensure_values
from chiso.collection.sent_document import SentDocument
from chiso.engine.periods import TIMELINESS_LABELS, parse_period

EDITABLE = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class WorkflowError(Exception):
    """A step that does not fit the submission's state, explained in Vietnamese."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def now():
    """The current moment; one place so tests can set the clock at a deadline's edge."""
    return timezone.now()


@dataclass
class DraftResult:
    """What a save did: the reading of every input (errors beside fields) and how many changed."""

    checked: dict[int, CheckedValue] = field(default_factory=dict)
    changed: int = 0

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checked.values())

    @property
    def warnings(self) -> int:
        return sum(1 for c in self.checked.values() if c.warning and not c.stored["jump_confirmed"])


def lock(submission: Submission) -> None:
    """Hold the submission's row until the transaction ends and read its state afresh.

    A save and the leader's submit both lock the row first, so one waits for the other: a save
    never lands in a report already sent (a blank required item, a value newer than
    ``received_at``) and a submit always checks the values as saved. On SQLite, where
    ``select_for_update`` does nothing, writers are serialised by the database itself.
    """
    submission.refresh_from_db(from_queryset=Submission.objects.select_for_update())


def require_editable(submission: Submission) -> None:
    if submission.status not in EDITABLE:
        raise WorkflowError(
            f"Báo cáo đang ở trạng thái «{submission.get_status_display()}», không sửa được số "
            "liệu. Chỉ sửa được khi đang nhập hoặc bị trả lại."
        )


def save_draft(
    user,
    submission: Submission,
    inputs: dict[int, tuple[ValueInput, int]],
    narrative: dict[str, str] | None = None,
    submission_version: int | None = None,
    evidence: dict | None = None,
) -> DraftResult:
    """Check every input; store them all only when none has an error (all or nothing).

    ``inputs`` maps an EnteredValue id to what was typed and the version the user read.
    Raises :class:`StaleEdit` (nothing stored, no evidence file left) if any of them changed
    meanwhile. A caller that wraps it in a larger transaction uses ``atomic_with_evidence`` for
    it too, so a later failure also takes the evidence files away.
    """
    require_editable(submission)
    values = {v.pk: v for v in submission.values.select_related("item__indicator", "updated_by")}
    unknown = set(inputs) - set(values)
    if unknown:
        raise WorkflowError("Dữ liệu gửi lên có chỉ tiêu không thuộc báo cáo này.")
    previous = previous_values(submission)
    expected = expected_ranges(submission, [values[pk].item for pk in inputs])
    result = DraftResult()
    for pk, (given, _version) in inputs.items():
        item = values[pk].item
        before = previous.get(item.pk)
        result.checked[pk] = check(item, given, before.number if before else None, expected.get(item.pk))
        problem = evidence_problem((evidence or {}).get(pk))
        if problem:
            result.checked[pk].errors["evidence_file"] = problem
    if not result.ok:
        return result
    with atomic_with_evidence():
        lock(submission)
        require_editable(submission)  # again: it may have been sent since the page was read
        for pk, (_given, version) in inputs.items():
            file = (evidence or {}).get(pk)
            result.changed += save_value(user, values[pk], result.checked[pk], version, file)
        if narrative is not None:
            result.changed += save_narrative(user, submission, narrative, submission_version)
    return result


class SubmitRefused(WorkflowError):
    """A report that cannot be sent yet; ``places`` says what is missing where, so the page can
    put each message beside its field: ``"v12"`` for the value with id 12, else the narrative
    section's field name (``"results_text"``)."""

    def __init__(self, places: dict[str, str]):
        self.places = places
        super().__init__("Chưa gửi được báo cáo: " + " ".join(places.values()))


def submit_problems(submission: Submission) -> dict[str, str]:
    """What stops a submission from being sent, by place: required values, unconfirmed jumps,
    narrative sections (see :class:`SubmitRefused` for the keys)."""
    ensure_values(submission)
    problems = {}
    previous = previous_values(submission)
    for value in submission.values.select_related("item__indicator").order_by("item__position"):
        code = value.item.indicator.code
        before = previous.get(value.item_id)
        if value.item.required and is_empty(value):
            problems[f"v{value.pk}"] = f"Chỉ tiêu {code}: chưa nhập (bắt buộc)."
        elif before is not None and not value.jump_confirmed and jump_warning(value.item, value.number, before.number):
            problems[f"v{value.pk}"] = f"Chỉ tiêu {code}: biến động lớn so với kỳ trước chưa được xác nhận."
    for key in submission.form.sections if submission.form else []:
        name, label = SECTIONS[key]
        if not getattr(submission, name).strip():
            problems[name] = f"Phần «{label}»: chưa nhập (ghi «Không có» nếu không có)."
    return problems


def problems_before_submit(submission: Submission) -> list[str]:
    """:func:`submit_problems` as a list of messages."""
    return list(submit_problems(submission).values())


def _change_status(user, submission: Submission, new: str, reason: str = "", **fields) -> None:
    old = submission.status
    updated = Submission.objects.filter(pk=submission.pk, version=submission.version, status=old).update(
        status=new, version=F("version") + 1, **fields
    )
    if not updated:
        raise StaleEdit(
            "Báo cáo vừa được người khác xử lý (gửi, trả lại hoặc phê duyệt) sau khi "
            "bạn mở trang. Hãy tải lại trang để xem trạng thái mới."
        )
    submission.refresh_from_db()
    record(user, submission, "trạng thái", SubmissionStatus(old).label, SubmissionStatus(new).label, reason)
    # The overview counts reports sent, returned and approved: a new mark shows the change at
    # the next request on every app server, as an approval's figures do (collection.freshness).
    on = parse_period(submission.period_id).end
    freshness.changed([rollup.province_of(submission.unit, on)])


def _notify(submission: Submission, text: str) -> None:
    notify(submission, text)  # in the app, and by e-mail where the unit's people have an address


@transaction.atomic
def submit(user, submission: Submission, document: SentDocument | None = None) -> str:
    """Send the report: stamp the time in Asia/Ho_Chi_Minh and judge on time or late.

    ``document`` is the number and date the leader signed it with (Phụ lục VII's note column);
    None keeps what the submission holds. Returns the timeliness ("on_time" or "late"):
    "trước ngày 18" makes the 18th itself late.
    """
    lock(submission)
    require_editable(submission)
    problems = submit_problems(submission)
    if problems:
        raise SubmitRefused(problems)
    signed = {} if document is None else {"document": document.number, "document_date": document.day}
    _change_status(
        user, submission, SubmissionStatus.SUBMITTED, received_at=now(), submitted_by=user, return_reason="", **signed
    )
    verdict = submission.timeliness
    record(
        user,
        submission,
        "nhận lúc",
        "",
        timezone.localtime(submission.received_at).strftime("%H:%M:%S %d/%m/%Y"),
        TIMELINESS_LABELS[verdict],
    )
    if document is not None and document.number:
        record(user, submission, "văn bản", "", f"{document.number} ngày {document.day:%d/%m/%Y}")
    return verdict


@transaction.atomic
def return_for_changes(user, submission: Submission, reason: str) -> None:
    """Send a submitted report back to the unit with a reason it will read."""
    reason = reason.strip()
    if not reason:
        raise WorkflowError("Cần ghi lý do trả lại để đơn vị biết phải sửa gì.")
    if submission.status != SubmissionStatus.SUBMITTED:
        raise WorkflowError("Chỉ trả lại được báo cáo đã gửi và chưa phê duyệt.")
    _change_status(
        user, submission, SubmissionStatus.RETURNED, reason, return_reason=reason, reviewed_by=user, reviewed_at=now()
    )
    _notify(submission, f"{report_name(submission)} bị trả lại: {reason}")


@transaction.atomic
def approve(user, submission: Submission) -> None:
    """Approve a submitted report; its values are locked from then on."""
    if submission.status != SubmissionStatus.SUBMITTED:
        raise WorkflowError("Chỉ phê duyệt được báo cáo đã gửi.")
    if submission.submitted_by_id is not None and submission.submitted_by_id == user.pk:
        # Separation of duties: the one who signed the report off is not the one who accepts it.
        raise WorkflowError(
            "Bạn là người đã ký gửi báo cáo này nên không tự phê duyệt được; cần một cán bộ quản trị khác phê duyệt."
        )
    _change_status(user, submission, SubmissionStatus.APPROVED, reviewed_by=user, reviewed_at=now())
    _notify(submission, f"{report_name(submission)} đã được phê duyệt.")
    rollup.on_approval_change(submission)


@transaction.atomic
def reopen(user, submission: Submission, reason: str) -> None:
    """Reopen a sent or approved report for correction (admin only), with a reason."""
    reason = reason.strip()
    if not reason:
        raise WorkflowError("Cần ghi lý do mở lại báo cáo.")
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
        raise WorkflowError("Báo cáo đang mở để nhập; không cần mở lại.")
    was_approved = submission.status == SubmissionStatus.APPROVED
    _change_status(user, submission, SubmissionStatus.RETURNED, reason, return_reason=reason)
    _notify(submission, f"{report_name(submission)} được mở lại để sửa: {reason}")
    if was_approved:
        rollup.on_approval_change(submission)


def value_history(value: EnteredValue):
    """The audit entries of one value, newest first (who, when, old, new)."""
    return history(value)
