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
