"""The API docs page (/api/docs) names every operation in Vietnamese, not by its function name."""

import pytest

from chiso.api.urls import api

OPERATIONS = [
    (method, path, op) for path, ops in api.get_openapi_schema()["paths"].items() for method, op in ops.items()
]
VIETNAMESE = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_each_operation_has_a_vietnamese_summary(method, path, op):
    assert set(op["summary"].lower()) & VIETNAMESE, op["summary"]
