"""The collection tests' personas and form are shared fixtures (tests/fixtures/personas.py).

The helpers are re-exported for modules that still import them from here; new tests import
them from `tests.fixtures.personas`.
"""

from tests.fixtures.personas import COMPLETE, NARRATIVE, PASSWORD, PERIOD, fill

__all__ = ["COMPLETE", "NARRATIVE", "PASSWORD", "PERIOD", "fill"]
