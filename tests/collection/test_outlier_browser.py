"""A reporter enters a figure far outside its plausible range, is asked to confirm it, confirms it
with a comment, and the DX office sees it highlighted — in a real browser."""

import pytest
from playwright.sync_api import expect

from chiso.collection.models import Submission
from chiso.frameworks.models import Indicator, Target
from tests import browser
from tests.fixtures.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def with_target(form) -> None:
    Target.objects.create(
        indicator=Indicator.objects.get(framework=form.framework, code="I.8"), period_id="2026", text="Từ 200 trở lên"
    )


def test_a_reporter_confirms_an_outlier_with_a_comment_and_the_office_sees_it(
    live_server, page, people, submission: Submission, with_target
) -> None:
    browser.log_in(page, live_server, "nhaplieu", PASSWORD)
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{submission.pk}/")
    page.get_by_label("Giá trị I.8").fill("50.000")
    page.get_by_role("button", name="Lưu nháp").click()
    row = page.locator("tr", has=page.get_by_label("Giá trị I.8"))
    assert "Giá trị 50.000 bất thường" in row.get_by_role("alert").first.inner_text()
    assert submission.values.get(item__indicator__code="I.8").number is None

    row.get_by_label("Xác nhận số liệu đúng I.8").check()
    row.get_by_label("Ghi chú I.8").fill("Tính cả văn bản của 3 phường mới sáp nhập")
    row.scroll_into_view_if_needed()
    browser.guide_picture(page, "reporter-outlier.png", full_page=True)
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu nháp")
    stored = submission.values.get(item__indicator__code="I.8")
    assert (stored.number, stored.jump_confirmed) == (50_000, True)

    page.context.clear_cookies()
    browser.log_in(page, live_server, "vanphong", PASSWORD)
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{submission.pk}/")
    highlighted = page.locator("tr.outlier")
    assert highlighted.count() == 1
    assert "Tính cả văn bản của 3 phường mới sáp nhập" in highlighted.inner_text()
