"""Problems found in data files, described in Vietnamese with their exact place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "phải là chữ",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "decimal_parsing": "phải là số",
    "decimal_type": "phải là số",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một bảng (khóa: giá trị)",
    "model_type": "phải là một bảng (khóa: giá trị)",
    "model_attributes_type": "phải là một bảng (khóa: giá trị)",
    "extra_forbidden": "là trường không được phép",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài (tối đa 100 ký tự)",
    "too_long": "quá dài (tối đa 100 ký tự)",
}


@dataclass(frozen=True)
class Problem:
    file: str
    place: str
    message: str

    def __str__(self) -> str:
        where = f"Tệp {self.file}"
        if self.place:
            where += f", {self.place}"
        return f"{where}: {self.message}"


class DataFileError(Exception):
    """One or more problems; nothing of the files involved may be loaded."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def describe_place(data: Any, loc: Sequence[Any]) -> str:
    """Turn a location such as ("groups", 0, "indicators", 3, "max_points") into
    "groups[1] › indicators[4] (mã «1.4») › trường «max_points»", naming items by their code."""
    parts, node = [], data
    for i, key in enumerate(loc):
        is_last = i == len(loc) - 1
        if isinstance(key, int):
            node = node[key] if isinstance(node, list) and key < len(node) else None
            label = f"{parts.pop() if parts else ''}[{key + 1}]"
            code = _code_of(node)
            parts.append(label + (f" (mã «{code}»)" if code else ""))
        else:
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(f"trường «{key}»" if is_last else str(key))
    return " › ".join(parts)


def _code_of(node: Any) -> str | None:
    if isinstance(node, dict):
        for key in ("code", "id", "indicator", "pillar", "unit"):
            if key in node and node[key] is not None:
                return str(node[key])
    return None


def problems_from_validation(file: str, data: Any, error: ValidationError) -> list[Problem]:
    problems = []
    for e in error.errors():
        loc = [k for k in e["loc"] if not (isinstance(k, str) and k.startswith("function-"))]
        message = _MESSAGES.get(e["type"])
        if e["type"] == "literal_error":
            message = f"phải là một trong: {e['ctx']['expected']}"
        elif e["type"] in ("value_error", "assertion_error"):
            message = str(e["ctx"].get("error", e["msg"]))
        elif message is None:
            message = e["msg"]
        quoted = e["type"] in ("value_error", "assertion_error")  # our validators quote it already
        if not quoted and e["type"] != "missing" and "input" in e and not isinstance(e["input"], (dict, list)):
            message += f" (nhận được «{e['input']}»)"
        problems.append(Problem(file, describe_place(data, loc), message))
    return problems
