from decimal import Decimal

import pytest

from chiso.engine.errors import RuleError
from chiso.engine.formula import evaluate_formula

D = Decimal


def test_it_computes_a_formula_over_named_inputs():
    assert evaluate_formula("max_points * min(a / b, 1)", {"max_points": D(20), "a": D(145), "b": D(226)}).quantize(
        D("0.01")
    ) == D("12.83")


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os').system('true')",
        "a.b",
        "a ** 2",
        "open('x')",
        "[1, 2]",
        "a if b else 1",
        "lambda: 1",
        "'text'",
        "unknown_name + 1",
    ],
)
def test_it_refuses_anything_but_arithmetic(expression):
    with pytest.raises(RuleError):
        evaluate_formula(expression, {"a": D(1), "b": D(2)})


def test_division_by_zero_is_a_rule_error():
    with pytest.raises(RuleError):
        evaluate_formula("a / b", {"a": D(1), "b": D(0)})
