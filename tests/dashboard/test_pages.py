"""The indicator page drills down the org-unit tree; the unit page obeys the grants."""

from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.frameworks.models import Indicator
from chiso.orgunits.models import OrgUnit


def _indicator(code="I.1"):
    return Indicator.objects.get(framework__code="cds-dong-thap-2021-2025", code=code)


def test_a_former_province_shows_under_its_successor_with_its_value(client, office):
    client.force_login(office)
    page = client.get(f"/chi-so/{_indicator().pk}/?ky=2024-11").content.decode()
    table = page[page.index('data-testid="by-unit"') :]
    successor, former = table.index("Tỉnh Đồng Tháp ▸"), table.index("Đồng Tháp (cũ) ▸")
    assert successor < former
    assert "100%" in table[former : table.index("Tiền Giang (cũ)")]


def test_drilling_into_the_former_province_lists_its_departments(client, office):
    client.force_login(office)
    page = client.get(f"/chi-so/{_indicator().pk}/?ky=2024-11&don-vi=dong-thap-cu").content.decode()
    assert "Sở Y tế" in page
    assert "›" in page


def test_the_unit_page_is_refused_to_a_user_of_another_unit(client, seed_data):
    user = User.objects.create_user("thapmuoi")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code="thap-muoi"), role=Role.REPORTER)
    client.force_login(user)
    assert client.get("/don-vi/thap-muoi/").status_code == 200
    assert client.get("/don-vi/so-khcn/").status_code == 403


def test_the_unit_page_evaluates_values_against_their_targets(client, office):
    client.force_login(office)
    page = client.get("/don-vi/dong-thap-cu/").content.decode()
    assert "Số liệu so với mục tiêu" in page
    assert 'class="badge met"' in page or 'class="badge exceeded"' in page
