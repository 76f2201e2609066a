"""How each scoring rule of chiso.engine.scoring is named to a reader, in Vietnamese.

The rule's kind ("linear", "steps") is a key of the data files; a page says what it does.
"""

from __future__ import annotations

RULE_NAMES: dict[str, str] = {
    "linear": "Tỷ lệ theo giá trị: giá trị so với mức chuẩn, nhân điểm tối đa",
    "threshold": "Đạt ngưỡng thì được điểm tối đa, chưa đạt thì 0 điểm",
    "all_or_nothing": "Đạt đủ yêu cầu mới có điểm",
    "yes_no": "Có thì được điểm tối đa, không thì 0 điểm",
    "steps": "Theo từng mức đạt được",
    "composite": "Cộng điểm của các phần",
    "relative_to_best": "So với tỉnh có giá trị cao nhất",
    "formula": "Theo công thức của bộ chỉ số",
    "manual": "Chấm điểm khi thẩm định",
}


def rule_name(kind: str) -> str:
    """The Vietnamese name of a rule kind; an unknown kind is «Theo hướng dẫn của bộ chỉ số».

    >>> rule_name("steps")
    'Theo từng mức đạt được'
    """
    return RULE_NAMES.get(kind, "Theo hướng dẫn của bộ chỉ số")
