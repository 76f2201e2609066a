"""What the server log keeps of a request: a refusal is one line, a server error its traceback.

Django logs a refused request (PermissionDenied, 403) with the exception attached, so every
reporter who opens a link of another unit would leave a full traceback in the journal beside
the real errors. The filter below keeps the line ("Forbidden (Permission denied): /van-ban/")
and drops the traceback for answers below 500; a 500 keeps its traceback.
"""

from __future__ import annotations

import logging


class QuietRefusals(logging.Filter):
    """Drop the traceback of a request log record whose answer is not a server error."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
