"""The examples in docstrings (`>>> …`) are true: each module that has some is run as a doctest.

The modules are found by reading the source, so an example added anywhere in `chiso` is checked
without being listed here.
"""

import doctest
import importlib
from pathlib import Path

import pytest

import chiso

SOURCE = Path(chiso.__file__).parent


def _modules_with_examples() -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts or ">>> " not in path.read_text(encoding="utf-8"):
            continue
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


MODULES = _modules_with_examples()


def test_the_engine_has_examples_to_check() -> None:
    assert any(name.startswith("chiso.engine.") for name in MODULES)


@pytest.mark.parametrize("module_name", MODULES)
def test_the_docstring_examples_hold(module_name: str) -> None:
    module = importlib.import_module(module_name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in doctest.DocTestFinder().find(module, module_name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {module_name} fail (see above)"
