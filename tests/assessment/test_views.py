"""The round's pages and write endpoints: only the DX office writes; others get 403 and nothing changes."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from chiso.accounts.models import Role
from chiso.assessment.models import DtiRound, RoundPoints
from chiso.audit.models import AuditEntry
from chiso.collection.models import FormAssignment, Submission

ROUND = {"year": 2026, "province": "dong-thap"}
POINTS = reverse("assessment:points", kwargs={**ROUND, "code": "3.3"})
ASSIGN = reverse("assessment:assign", kwargs=ROUND)
PAGE = reverse("assessment:round", kwargs=ROUND)


def snapshot():
    return (
        list(RoundPoints.objects.values_list("indicator__code", "kind", "points")),
        sorted(FormAssignment.objects.values_list("unit__code", "items__indicator__code")),
        Submission.objects.count(),
        AuditEntry.objects.count(),
        DtiRound.objects.get().unmapped,
    )


WRONG = [
    (Role.REPORTER, "so-khcn"),  # another unit's reporter
    (Role.APPROVER, "so-khcn"),  # another unit's leader
    (Role.VIEWER, "dong-thap"),  # a provincial leader who reads only
    (Role.REPORTER, "dong-thap"),
    (Role.APPROVER, "dong-thap"),
]


@pytest.mark.parametrize(("role", "unit"), WRONG)
@pytest.mark.parametrize(
    ("url", "data"),
    [
        (POINTS, {"kind": "appraised", "points": "20", "reason": "không đồng ý"}),
        (POINTS, {"kind": "published", "points": "20"}),
        (ASSIGN, {"indicator": "4.1", "unit": "so-khcn"}),
    ],
)
def test_a_wrong_role_or_unit_gets_403_and_nothing_changes(opened, login, role, unit, url, data):
    client = login(role, unit, "khac")
    before = snapshot()
    assert client.post(url, data).status_code == 403
    assert snapshot() == before


def test_the_office_saves_appraisal_points(opened, login):
    client = login(Role.ADMIN, "dong-thap", "vanphong")
    response = client.post(POINTS, {"kind": "published", "points": "27,24"})
    assert response.status_code == 302
    assert RoundPoints.objects.get().points == D("27.24")


def test_a_refused_entry_says_why_in_vietnamese_and_stores_nothing(opened, login):
    client = login(Role.ADMIN, "dong-thap", "vanphong")
    page = client.post(POINTS, {"kind": "appraised", "points": "ba mươi"}, follow=True).content.decode()
    assert "Chỉ số 3.3: điểm «ba mươi» không phải là số" in page
    assert not RoundPoints.objects.exists()


def test_the_office_assigns_an_unmapped_sub_indicator(opened, login):
    client = login(Role.ADMIN, "dong-thap", "vanphong")
    client.post(ASSIGN, {"indicator": "4.1", "unit": "so-khcn"})
    assert "4.1" in FormAssignment.objects.get(form=opened.round.form, unit__code="so-khcn").items.values_list(
        "indicator__code", flat=True
    )
    assert "4.1" not in [u["indicator"] for u in DtiRound.objects.get().unmapped]


def test_a_department_reporter_cannot_open_the_province_s_scores(opened, login):
    assert login(Role.REPORTER, "so-khcn", "khcn").get(PAGE).status_code == 403


def test_the_page_shows_the_three_kinds_and_flags_missing_evidence(opened, login):
    client = login(Role.VIEWER, "dong-thap", "lanhdao")
    page = client.get(PAGE).content.decode()
    assert "Tự đánh giá" in page
    assert "Thẩm định" in page
    assert "Bộ công bố" in page
    assert "Chưa nhập số liệu" in page
    assert "Nhập điểm" not in page  # a reader sees no entry form


def test_an_anonymous_post_is_sent_to_log_in(opened, client):
    response = client.post(POINTS, {"kind": "published", "points": "1"})
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]
    assert not RoundPoints.objects.exists()
