"""The overview, an indicator drill-down and the simulator in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from chiso.frameworks.models import Indicator
from chiso.orgunits.models import OrgUnit
from chiso.simulator.models import Scenario
from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user):
    log_in(page, live_server, user.username, "Mat-khau-2026!")


def test_the_overview_shows_rank_27_of_34_and_draws_the_trend(live_server, page, office):
    page.set_viewport_size({"width": 1366, "height": 768})
    _log_in(page, live_server, office)
    assert page.get_by_test_id("dti-rank").inner_text() == "27/34"
    assert page.get_by_test_id("dti-total").inner_text() == "610,42"
    expect(page.locator("canvas[data-chart]").first).to_have_attribute("data-drawn", "1")
    page.get_by_role("link", name=re.compile("^6. ")).click()
    assert "#nhom-6" in page.url


def test_an_indicator_drills_down_from_the_province_to_a_department(live_server, page, office):
    indicator = Indicator.objects.get(framework__code="cds-dong-thap-2021-2025", code="I.1")
    _log_in(page, live_server, office)
    page.goto(f"{live_server.url}/chi-so/{indicator.pk}/?ky=2024-11")
    table = page.get_by_test_id("by-unit")
    assert "100%" in table.locator("tr.former", has_text="Đồng Tháp (cũ)").inner_text()
    table.get_by_role("link", name="Đồng Tháp (cũ) ▸").click()
    expect(page.get_by_test_id("by-unit")).to_contain_text("Sở Y tế")


def _as_number(text: str) -> float:
    """A number as the page shows it ("1.234,5") read back."""
    return float(text.replace(".", "").replace(",", "."))


def test_changing_a_value_in_the_simulator_changes_the_total(live_server, page, office):
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    scenario = Scenario.objects.create(
        name="Phấn đấu 2025", unit=OrgUnit.objects.get(code="dong-thap"), base_period_id="2025", created_by=office
    )
    _log_in(page, live_server, office)
    page.goto(f"{live_server.url}/mo-phong-dti/{scenario.pk}/")
    before = page.get_by_test_id("total").inner_text()
    page.get_by_label("Giá trị giả định 6.4").fill("60%")  # THR(60%): 20 more points
    # expect() polls from Playwright's own world: the page's CSP forbids wait_for_function's eval
    expect(page.get_by_test_id("total")).not_to_have_text(before)
    after = page.get_by_test_id("total").inner_text()
    assert round(_as_number(after) - _as_number(before), 2) == 20.0
    assert page.locator("#pts-6-4").inner_text().startswith("20,00")
