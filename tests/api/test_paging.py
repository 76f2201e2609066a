"""Every API list is paginated in the database: a page costs what it sends, never the table.

The lists are found from the API itself, so an endpoint added later is held to the same rules
without being named here.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db.backends.utils import CursorWrapper
from django.urls import get_resolver

from chiso.accounts.models import Grant, Role
from chiso.api import tokens
from chiso.api.endpoints import api
from chiso.api.paging import MAX_LIMIT
from chiso.collection.models import EnteredValue, Submission
from chiso.collection.schedules import ensure_values
from chiso.frameworks.models import Framework, Indicator
from chiso.observations.models import Dataset, DataValue, Rollup, WrittenEvaluation
from chiso.orgunits.models import OrgUnit
from chiso.tasks.models import Task
from tests.api.conftest import auth


def _list_paths() -> list[str]:
    """The API's GET operations that answer a page (``@paginate``), as paths under /api."""
    get_resolver().url_patterns  # noqa: B018 (the URLconf adds the API's other routers)
    found = []
    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                if "GET" in operation.methods and getattr(operation.view_func, "_ninja_is_paginated", False):
                    found.append("/api" + path)
    return sorted(set(found))


LISTS = _list_paths()


@pytest.fixture
def key(units) -> str:
    """A reporter of Sở KH&CN (no password: hashing one costs more than the whole test)."""
    user = User.objects.create_user("nhaplieu-api")
    Grant.objects.create(user=user, unit=units["so-khcn"], role=Role.REPORTER)
    return tokens.issue(user, "Khóa thử")[1]


class FetchCounter:
    """Rows the database handed to Python, whatever the query (fetchone/many/all)."""

    def __init__(self, monkeypatch):
        self.rows = 0
        for name in ("fetchone", "fetchmany", "fetchall"):
            monkeypatch.setattr(CursorWrapper, name, self._counting(name), raising=False)

    def _counting(self, name):
        counter = self

        def fetch(wrapper, *args):
            with wrapper.db.wrap_database_errors:
                got = getattr(wrapper.cursor, name)(*args)
            counter.rows += (got is not None) if name == "fetchone" else len(got)
            return got

        return fetch


def grow(form, units, start: int, count: int) -> None:
    """``count`` more rows in every table an API list reads (frameworks, indicators, units,
    values of every origin, province figures, evaluations, reports, tasks, and so periods)."""
    framework, group = form.framework, form.framework.groups.first()
    dataset, _ = Dataset.objects.get_or_create(code="tang-truong", defaults={"title": "Bộ số liệu thử"})
    for i in range(start, start + count):
        Framework.objects.create(code=f"bo-{i}", kind="programme", name=f"Bộ {i}", period_id="2025", locale="vi")
        indicator = Indicator.objects.create(
            framework=framework, group=group, code=f"X.{i}", name=f"Chỉ tiêu {i}", measure="count", position=100 + i
        )
        OrgUnit.objects.create(code=f"xa-{i}", name=f"Xã {i}", type="xa")
        DataValue.objects.create(
            dataset=dataset,
            indicator=indicator,
            unit=units["so-khcn"],
            period_id=str(1900 + i),
            kind="reported",
            raw=str(i),
            number=i,
        )
        figure = DataValue.objects.create(
            dataset=dataset,
            indicator=indicator,
            unit=units["dong-thap"],
            period_id=str(1900 + i),
            kind="reported",
            raw=str(i),
            number=i,
        )
        Rollup.objects.create(value=figure, form_code=form.code, rule="sum")
        WrittenEvaluation.objects.create(
            dataset=dataset,
            indicator=indicator,
            unit=units["so-khcn"],
            period_id=str(1900 + i),
            target_period_id="2025",
            written="Đạt",
        )
        report = Submission.objects.create(
            form=form, unit=units["so-khcn"], period_id=f"{1900 + i}-01", deadline=datetime.date(2026, 1, 18)
        )
        ensure_values(report)
        Task.objects.create(dataset=dataset, code=f"nv-{i}", position=i, description=f"Nhiệm vụ {i}")


def _rows_fetched(client, key, path, monkeypatch) -> tuple[int, int]:
    # The rate limit's bookkeeping differs between a minute's first request and the next ones.
    monkeypatch.setattr(tokens, "allow", lambda token: True)
    counter = FetchCounter(monkeypatch)
    response = client.get(path + "?limit=3", **auth(key))
    assert response.status_code == 200, response.content
    monkeypatch.undo()
    return counter.rows, response.json()["count"]


@pytest.mark.parametrize("path", LISTS)
def test_a_page_fetches_the_same_rows_whatever_the_table_size(client, key, form, submission, units, path, monkeypatch):
    grow(form, units, 0, 4)
    small, small_count = _rows_fetched(client, key, path, monkeypatch)
    grow(form, units, 4, 20)
    large, large_count = _rows_fetched(client, key, path, monkeypatch)
    assert large_count >= small_count + 20, "the list's table did not grow: add it to grow()"
    assert large == small


@pytest.mark.parametrize("path", LISTS)
def test_the_count_is_the_whole_list_and_the_page_at_most_the_limit(client, key, form, submission, units, path):
    grow(form, units, 0, 6)
    body = client.get(path + "?limit=2&offset=1", **auth(key)).json()
    assert len(body["items"]) == 2
    assert body["count"] >= 6


@pytest.mark.parametrize("path", LISTS)
def test_a_limit_above_the_maximum_is_refused_in_vietnamese(client, key, path):
    response = client.get(f"{path}?limit={MAX_LIMIT + 1}", **auth(key))
    assert response.status_code == 422
    body = response.json()
    assert "limit" in body["message"]
    assert body["details"][0]["message"] == f"không được lớn hơn {MAX_LIMIT}"


@pytest.mark.parametrize("path", LISTS)
def test_an_offset_beyond_any_database_integer_is_refused_not_a_server_error(client, key, path):
    response = client.get(f"{path}?offset={10**20}", **auth(key))
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "offset"


def test_every_list_in_the_api_document_is_a_bounded_page(client, db):
    """No GET answers a bare array, and every page takes a limit with a maximum."""
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    pages = 0
    for path, operations in document["paths"].items():
        get = operations.get("get")
        if not get:
            continue
        ok = get["responses"]["200"]["content"]["application/json"]["schema"]
        ok = schemas[ok["$ref"].rsplit("/", 1)[1]] if "$ref" in ok else ok
        assert ok.get("type") != "array", f"{path} answers a whole list"
        if "items" in ok.get("properties", {}):
            pages += 1
            limit = next(p for p in get["parameters"] if p["name"] == "limit")
            assert limit["schema"]["maximum"] == MAX_LIMIT, path
    assert pages == len(LISTS) >= 8


def test_values_page_through_the_documents_then_the_entered_values(client, key, form, submission, units):
    grow(form, units, 0, 3)
    key = key
    whole = client.get("/api/values?limit=500", **auth(key)).json()
    pages = [
        client.get(f"/api/values?limit=2&offset={start}", **auth(key)).json()["items"]
        for start in range(0, whole["count"], 2)
    ]
    assert [v for page in pages for v in page] == whole["items"]
    assert {v["origin"] for v in whole["items"]} == {"document", "rollup", "submission"}


def test_periods_count_the_values_and_reports_of_each_period(client, key, form, submission, units):
    grow(form, units, 0, 2)
    body = client.get("/api/periods", **auth(key)).json()
    by_period = {p["period"]: (p["values"], p["submissions"]) for p in body["items"]}
    assert by_period["1901"] == (2, 0)
    assert by_period["1901-01"] == (0, 1)
    assert by_period["2026-11"] == (0, 2)
    assert body["count"] == len(by_period) == 5


def test_the_overdue_filter_is_answered_by_the_database(client, key, form, units):
    dataset = Dataset.objects.create(code="nhiem-vu", title="Nhiệm vụ")
    Task.objects.create(
        dataset=dataset, code="tre", description="Trễ hạn", deadline_kind="due", due_date=datetime.date(2020, 1, 1)
    )
    Task.objects.create(
        dataset=dataset,
        code="xong",
        description="Xong",
        deadline_kind="due",
        due_date=datetime.date(2020, 1, 1),
        status="hoan_thanh",
    )
    late = client.get("/api/tasks?overdue=true", **auth(key)).json()
    on_time = client.get("/api/tasks?overdue=false", **auth(key)).json()
    assert [t["code"] for t in late["items"]] == ["tre"]
    assert late["items"][0]["overdue"]
    assert [t["code"] for t in on_time["items"]] == ["xong"]
    assert on_time["count"] == 1


# --- /api/values by cursor ----------------------------------------------------------------------


def _walk(client, key, path: str) -> tuple[list[dict], list[dict]]:
    """Every page of ``path`` by following ``next``: the items in order, and the pages' bodies."""
    bodies, address = [], path
    while address:
        response = client.get(address, **auth(key))
        assert response.status_code == 200, response.content
        bodies.append(response.json())
        address = bodies[-1]["next"]
        assert len(bodies) < 200, "next never ends"
    return [item for body in bodies for item in body["items"]], bodies


def _identity(item: dict) -> tuple:
    return (item["origin"], item["indicator"], item["unit"], item["period"], item["kind"], item["submission"])


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_values_read_by_cursor_give_every_row_once_in_order(client, key, form, submission, units, size):
    grow(form, units, 0, 5)
    whole = client.get(f"/api/values?limit={MAX_LIMIT}", **auth(key)).json()
    assert whole["next"] is None
    assert len(whole["items"]) == whole["count"] > 20
    walked, bodies = _walk(client, key, f"/api/values?limit={size}")
    assert walked == whole["items"]
    assert len({_identity(item) for item in walked}) == len(walked) == whole["count"]
    assert {v["origin"] for v in walked} == {"document", "rollup", "submission"}
    # Only the first page is counted; every page but the last is full and points further.
    assert bodies[0]["count"] == whole["count"]
    assert all(body["count"] is None for body in bodies[1:])
    assert all(len(body["items"]) == size and body["next"] for body in bodies[:-1])
    assert 1 <= len(bodies[-1]["items"]) <= size
    assert bodies[-1]["next"] is None


def test_values_read_by_cursor_follow_the_index_order(client, key, form, submission, units):
    """The documents' figures by indicator, period and record, then the entered ones by report
    and item: the order the indexes give (readings.STORED_KEY, ENTERED_KEY)."""
    grow(form, units, 0, 4)
    walked, _ = _walk(client, key, "/api/values?limit=3")
    stored = list(
        DataValue.objects.order_by("indicator_id", "period_id", "pk").values_list("indicator__code", "period_id")
    )
    assert [(v["indicator"], v["period"]) for v in walked if v["origin"] != "submission"] == stored
    items = {
        (v.submission_id, v.item.indicator.code): v.item_id
        for v in EnteredValue.objects.select_related("item__indicator")
    }
    entered = [(v["submission"], items[v["submission"], v["indicator"]]) for v in walked if v["origin"] == "submission"]
    assert len(entered) > 4
    assert entered == sorted(entered)


@pytest.mark.parametrize(
    "query", ["unit=so-khcn", "unit=dong-thap", "period=1902", "status=draft", "status=published", "framework=bo-0"]
)
def test_filtered_values_read_by_cursor_are_the_filtered_list(client, key, form, submission, units, query):
    grow(form, units, 0, 4)
    whole = client.get(f"/api/values?limit={MAX_LIMIT}&{query}", **auth(key)).json()
    walked, bodies = _walk(client, key, f"/api/values?limit=2&{query}")
    assert walked == whole["items"]
    assert bodies[0]["count"] == len(walked)
    assert all(query in body["next"] for body in bodies if body["next"])


def test_values_by_offset_and_by_cursor_are_the_same_list(client, key, form, submission, units):
    grow(form, units, 0, 3)
    walked, _ = _walk(client, key, "/api/values?limit=4")
    count = client.get("/api/values?limit=1", **auth(key)).json()["count"]
    by_offset = []
    for start in range(0, count, 4):
        body = client.get(f"/api/values?limit=4&offset={start}", **auth(key)).json()
        assert body["count"] == count
        # An offset page points on by cursor too, to the row after its last.
        assert (body["next"] is None) == (start + 4 >= count)
        by_offset += body["items"]
    assert by_offset == walked


def test_the_next_page_of_an_offset_page_starts_after_it(client, key, form, submission, units):
    grow(form, units, 0, 3)
    whole = client.get(f"/api/values?limit={MAX_LIMIT}", **auth(key)).json()["items"]
    page = client.get("/api/values?limit=3&offset=5", **auth(key)).json()
    assert "offset" not in page["next"]
    following = client.get(page["next"], **auth(key)).json()
    assert following["items"] == whole[8:11]


def test_a_cursor_page_fetches_the_same_rows_whatever_the_table_size(client, key, form, submission, units, monkeypatch):
    def fetched() -> int:
        monkeypatch.setattr(tokens, "allow", lambda token: True)
        first = client.get("/api/values?limit=3", **auth(key)).json()
        counter = FetchCounter(monkeypatch)
        response = client.get(first["next"], **auth(key))
        assert response.status_code == 200, response.content
        monkeypatch.undo()
        return counter.rows

    grow(form, units, 0, 4)
    small = fetched()
    grow(form, units, 4, 20)
    assert fetched() == small


@pytest.mark.parametrize(
    "cursor",
    ["x", "abc:def", "W1swXV0:1tXy", "." * 40, "eyJhIjoxfQ:1a2b3c:abcdefghijklmnopqrstuvwxyz0", "null", "[]"],
)
def test_a_cursor_that_is_not_ours_is_a_400_in_vietnamese(client, key, form, submission, units, cursor):
    response = client.get(f"/api/values?cursor={cursor}", **auth(key))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "cursor_khong_hop_le"
    assert "Tham số cursor không hợp lệ" in body["message"]


def test_a_tampered_cursor_is_a_400(client, key, form, submission, units):
    grow(form, units, 0, 2)
    cursor = client.get("/api/values?limit=2", **auth(key)).json()["next"].split("cursor=")[1]
    last = cursor[-1]
    tampered = cursor[:-1] + ("A" if last != "A" else "B")
    response = client.get(f"/api/values?limit=2&cursor={tampered}", **auth(key))
    assert response.status_code == 400
    assert response.json()["code"] == "cursor_khong_hop_le"


def test_a_cursor_of_other_filters_is_a_400_that_says_so(client, key, form, submission, units):
    grow(form, units, 0, 2)
    following = client.get("/api/values?limit=2&unit=so-khcn", **auth(key)).json()["next"]
    response = client.get(following.replace("unit=so-khcn", "unit=dong-thap"), **auth(key))
    assert response.status_code == 400
    assert "bộ lọc khác" in response.json()["message"]


def test_a_cursor_with_an_offset_is_a_400(client, key, form, submission, units):
    grow(form, units, 0, 2)
    following = client.get("/api/values?limit=2", **auth(key)).json()["next"]
    response = client.get(following + "&offset=3", **auth(key))
    assert response.status_code == 400
    assert "offset" in response.json()["message"]


def test_an_over_long_cursor_is_refused_as_input(client, key):
    response = client.get(f"/api/values?cursor={'a' * 301}", **auth(key))
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "cursor"


def test_a_first_page_asked_not_to_count_is_the_same_page_uncounted(client, key, form, submission, units):
    grow(form, units, 0, 3)
    counted = client.get("/api/values?limit=3", **auth(key)).json()
    uncounted = client.get("/api/values?limit=3&count=false", **auth(key)).json()
    assert counted["count"] > 3
    assert uncounted["count"] is None
    assert uncounted["items"] == counted["items"]
    walked, _ = _walk(client, key, "/api/values?limit=3&count=false")
    assert len(walked) == counted["count"]
    # An offset page needs its count to know whether a page follows: it always counts.
    assert client.get("/api/values?limit=3&offset=2&count=false", **auth(key)).json()["count"] == counted["count"]
