"""Every write endpoint of collection refuses another unit's user and each wrong role: 403, no change.

The endpoints come from the URL resolver, so a new one cannot be missed: a view marked with
``writes(action)`` is walked with every persona whose role lacks ``action``; every other route is
POSTed by the outsider and must change nothing either.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, get_resolver, reverse

from chiso.accounts.models import Grant
from chiso.accounts.permissions import ACTIONS
from chiso.collection import workflow
from chiso.collection.excel import build_workbook
from chiso.collection.models import Notice, Submission
from tests.fixtures.personas import fill

PERSONAS = ("office", "reporter", "approver", "viewer")


def collection_routes() -> list[URLPattern]:
    namespace = get_resolver().namespace_dict["collection"][1]
    return [p for p in namespace.url_patterns if isinstance(p, URLPattern)]


def declared_action(pattern: URLPattern) -> str | None:
    return getattr(pattern.callback, "chiso_action", None)


def snapshot() -> dict:
    """Every row of every chiso table and the users, grants and m2m links."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model.__module__.startswith("chiso.") or model is User or model._meta.auto_created:
            tables[model._meta.label] = list(model.objects.order_by("pk").values())
    return tables


def kwargs_for(pattern: URLPattern, submission: Submission) -> dict:
    value = submission.values.first()
    notice = Notice.objects.create(unit=submission.unit, submission=submission, text="Nhắc báo cáo")
    known = {"pk": submission.pk, "value_pk": value.pk}
    if pattern.name == "notice_read":
        known["pk"] = notice.pk
    names = list(pattern.pattern.converters)
    missing = [n for n in names if n not in known]
    assert not missing, f"route {pattern.name}: teach this test what {missing} is"
    return {n: known[n] for n in names}


def payload(submission: Submission) -> dict:
    """A POST that would change something for a permitted user: new values, a reason, a file."""
    data = {
        "reason": "Kiểm tra quyền",
        "submission_version": str(submission.version),
        "results_text": "Đã thay",
        "next": "/",
    }
    for value in submission.values.all():
        data[f"v{value.pk}-version"] = str(value.version)
        data[f"v{value.pk}-value"] = "7"
        data[f"v{value.pk}-numerator"], data[f"v{value.pk}-denominator"] = "1", "2"
    data["file"] = SimpleUploadedFile("bao-cao.xlsx", build_workbook(submission))
    return data


def prepare(submission: Submission, people: dict, action: str | None) -> None:
    """Put the report in the state where ``action`` would succeed for a permitted user."""
    fill(submission, people["reporter"])
    if action in ("review", "manage"):
        workflow.submit(people["approver"], submission)


def wrong_roles(action: str) -> list[str]:
    return [p for p in PERSONAS if _role(p) not in ACTIONS[action]]


def _role(persona: str) -> str:
    username = {"office": "vanphong", "reporter": "nhaplieu", "approver": "lanhdao", "viewer": "nguoixem"}[persona]
    return Grant.objects.get(user__username=username).role


def test_the_walk_covers_the_collection_write_endpoints() -> None:
    declared = {p.name for p in collection_routes() if declared_action(p)}
    assert {
        "submission",
        "save_row",
        "submit",
        "return",
        "approve",
        "reopen",
        "excel_upload",
        "excel_confirm",
    } <= declared
    assert all(declared_action(p) != "view" for p in collection_routes() if declared_action(p))


@pytest.mark.parametrize("name", [p.name for p in collection_routes()])
def test_a_user_of_another_unit_changes_nothing(client, people, submission, name) -> None:
    pattern = next(p for p in collection_routes() if p.name == name)
    prepare(submission, people, declared_action(pattern))
    url = reverse(f"collection:{name}", kwargs=kwargs_for(pattern, submission))
    client.force_login(people["outsider"])
    before = snapshot()
    response = client.post(url, payload(submission))
    if declared_action(pattern):
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302, 403, 404, 405)
    assert snapshot() == before


@pytest.mark.parametrize("name", [p.name for p in collection_routes() if declared_action(p)])
def test_each_wrong_role_is_refused_and_changes_nothing(client, people, submission, name) -> None:
    pattern = next(p for p in collection_routes() if p.name == name)
    action = declared_action(pattern)
    prepare(submission, people, action)
    url = reverse(f"collection:{name}", kwargs=kwargs_for(pattern, submission))
    refused = wrong_roles(action)
    assert refused, f"{name}: every persona may {action}?"
    for persona in refused:
        client.force_login(people[persona])
        before = snapshot()
        response = client.post(url, payload(submission))
        assert response.status_code == 403, (name, persona)
        assert snapshot() == before, (name, persona)
