"""The API tests' personas, form and keys are shared fixtures (tests/fixtures/personas.py).

The helpers are re-exported for modules that still import them from here; new tests import
them from `tests.fixtures.personas`.
"""

from tests.fixtures.personas import PERIOD, auth, fill

__all__ = ["PERIOD", "auth", "fill"]
