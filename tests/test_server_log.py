"""A refused request leaves one line in the server log; a server error keeps its traceback."""

import logging
import sys

from chiso.server_log import QuietRefusals


def _record(status: int) -> logging.LogRecord:
    try:
        raise PermissionError("Bạn không có quyền xem của Sở Tài chính.")
    except PermissionError:
        record = logging.LogRecord(
            "django.request",
            logging.WARNING,
            __file__,
            1,
            "Forbidden (Permission denied): %s",
            ("/don-vi/so-tai-chinh/",),
            sys.exc_info(),
        )
    record.status_code = status
    return record


def test_a_refused_request_is_logged_without_its_traceback():
    record = _record(403)
    assert QuietRefusals().filter(record)
    assert record.exc_info is None
    assert logging.Formatter().format(record) == "Forbidden (Permission denied): /don-vi/so-tai-chinh/"


def test_a_server_error_keeps_its_traceback():
    record = _record(500)
    assert QuietRefusals().filter(record)
    assert "Traceback (most recent call last)" in logging.Formatter().format(record)


def test_the_site_log_quiets_refusals_on_stderr():
    handler = next(h for h in logging.getLogger("django").handlers if isinstance(h, logging.StreamHandler))
    assert any(isinstance(f, QuietRefusals) for f in handler.filters)
