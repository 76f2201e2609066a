"""Errors raised by the engine.

Every engine error carries a Vietnamese message for the user, the text that could not be read
and, where known, the field it came from. The web layer, the API and the CLI translate these
into their own error types; the engine knows nothing about them.
"""

from __future__ import annotations


class EngineError(ValueError):
    """A value the engine cannot work with, explained in Vietnamese."""

    def __init__(self, message_vi: str, *, raw: str | None = None, field: str | None = None):
        self.message_vi = message_vi
        self.raw = raw
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        parts = []
        if self.field:
            parts.append(f"Trường '{self.field}'")
        parts.append(self.message_vi)
        if self.raw is not None:
            parts.append(f"(nhận được: «{self.raw}»)")
        return ": ".join(parts[:-1]) + " " + parts[-1] if len(parts) > 1 else parts[0]


class NumberFormatError(EngineError):
    """Text that is not a number in any of the documented writings."""


class PeriodError(EngineError):
    """Text that is not a period id or a Vietnamese period wording."""


class RuleError(EngineError):
    """A scoring rule that is incomplete or cannot be applied to a value."""
