"""A safe arithmetic formula over named inputs, for scoring rules written as expressions.

`max_points * min(a / b, 1)` is parsed with Python's own parser and then walked node by node;
only numbers, the named inputs, + − × /, unary minus, parentheses, min() and max() are allowed.
Nothing is ever passed to eval.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation

from chiso.engine.errors import RuleError

_FUNCTIONS: dict[str, Callable[[list[Decimal]], Decimal]] = {"min": min, "max": max}
_BINARY: dict[type[ast.operator], Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


def parse_formula(expression: str, names: set[str]) -> ast.Expression:
    """Parse and check a formula; every name must be one of `names`."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise RuleError("Công thức không đúng cú pháp", raw=expression) from None
    for node in ast.walk(tree):
        _check_node(node, names, expression)
    return tree


def _check_node(node: ast.AST, names: set[str], raw: str) -> None:
    allowed = (
        ast.Expression,
        ast.BinOp,
        ast.UnaryOp,
        ast.Constant,
        ast.Name,
        ast.Call,
        ast.Load,
        ast.USub,
        ast.UAdd,
        *_BINARY,
    )
    if not isinstance(node, allowed):
        raise RuleError(f"Công thức có thành phần không được phép ({type(node).__name__})", raw=raw)
    if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
        raise RuleError("Công thức chỉ được chứa số", raw=raw)
    if isinstance(node, ast.Name) and node.id not in names and node.id not in _FUNCTIONS:
        raise RuleError(f"Công thức dùng tên chưa khai báo «{node.id}»", raw=raw)
    if isinstance(node, ast.Call) and (
        not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS or node.keywords
    ):
        raise RuleError("Công thức chỉ được gọi min() hoặc max()", raw=raw)


def evaluate_formula(expression: str, values: Mapping[str, Decimal]) -> Decimal:
    """Compute a formula with the given named values.

    >>> evaluate_formula("max_points * min(a / b, 1)", {"max_points": Decimal(20), "a": Decimal(3), "b": Decimal(4)})
    Decimal('15.00')
    """
    tree = parse_formula(expression, set(values))
    try:
        return _value(tree.body, values)
    except (DivisionByZero, InvalidOperation, ZeroDivisionError):
        raise RuleError("Công thức chia cho 0", raw=expression) from None


def _value(node: ast.AST, values: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        return Decimal(values[node.id])
    if isinstance(node, ast.UnaryOp):
        v = _value(node.operand, values)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_value(node.left, values), _value(node.right, values))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_value(a, values) for a in node.args]
        if not args:
            raise RuleError("min()/max() cần ít nhất một đối số")
        return _FUNCTIONS[node.func.id](args)
    raise RuleError("Công thức không hợp lệ")  # pragma: no cover - _check_node rejects it
