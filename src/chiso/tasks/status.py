"""A task's status from the result text a report prints ("Sẽ thực hiện khi có văn bản hướng dẫn")."""

from __future__ import annotations

import unicodedata

from chiso.tasks.models import TaskStatus


def status_from_text(text: str | None) -> str:
    """The status a printed result text states; "Chưa báo cáo" when it states none.

    >>> status_from_text("Sẽ thực hiện khi có văn bản hướng dẫn (Công an Tỉnh).") == TaskStatus.WAITING
    True

    Any other text reports an activity ("Đã đóng góp ý kiến…") and reads as "Đang thực hiện": the
    report does not say the task is finished, so the office decides that through a progress note.

    >>> status_from_text("Đã đóng góp ý kiến dự thảo.") == TaskStatus.IN_PROGRESS
    True
    """
    s = " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()
    if not s:
        return TaskStatus.NOT_REPORTED
    if "không thuộc đối tượng" in s:
        return TaskStatus.NOT_APPLICABLE
    if s.startswith("sẽ thực hiện khi"):
        return TaskStatus.WAITING
    if s.startswith("chưa"):
        return TaskStatus.NOT_STARTED
    if s.startswith(("đã hoàn thành", "hoàn thành")):
        return TaskStatus.DONE
    return TaskStatus.IN_PROGRESS


# How far an open status has gone: the task shows the furthest any unit (or the province) has got.
_OPEN_ORDER = (TaskStatus.NOT_REPORTED, TaskStatus.NOT_STARTED, TaskStatus.WAITING, TaskStatus.IN_PROGRESS)
_CLOSED = (TaskStatus.DONE, TaskStatus.NOT_APPLICABLE)


def combined_status(province: str, units: list[str]) -> str:
    """A shared task's status from the province's own status and each accountable unit's.

    The province's result (entered by the office, or read from the report) closes the task on its own;
    otherwise the task is closed only when every unit has closed its part, and until then it shows the
    furthest any of them has got ("Hoàn thành" of one unit among 13 reads "Đang thực hiện").

    >>> combined_status(TaskStatus.NOT_REPORTED, [TaskStatus.DONE] + [TaskStatus.NOT_REPORTED] * 12) \\
    ...     == TaskStatus.IN_PROGRESS
    True
    >>> combined_status(TaskStatus.IN_PROGRESS, [TaskStatus.DONE, TaskStatus.NOT_APPLICABLE]) == TaskStatus.DONE
    True
    >>> combined_status(TaskStatus.WAITING, []) == TaskStatus.WAITING
    True
    """
    if province in _CLOSED:
        return province
    if units and all(s in _CLOSED for s in units):
        return TaskStatus.DONE if TaskStatus.DONE in units else TaskStatus.NOT_APPLICABLE
    reached = [
        TaskStatus.IN_PROGRESS if s == TaskStatus.DONE else s
        for s in [province, *units]
        if s in _OPEN_ORDER or s == TaskStatus.DONE
    ]
    return max(reached, key=_OPEN_ORDER.index)
