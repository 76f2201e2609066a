"""A province's scenarios belong to it: another province's office neither sees, opens, recomputes,
overwrites nor creates them; the list shows only the provinces a user reaches."""

import pytest
from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.orgunits.models import OrgUnit
from chiso.simulator.models import Scenario


@pytest.fixture
def scenario(office) -> Scenario:
    return Scenario.objects.create(
        name="Phấn đấu Đồng Tháp 2025",
        unit=OrgUnit.objects.get(code="dong-thap"),
        base_period_id="2025",
        created_by=office,
        values={"6.4": "60%"},
    )


@pytest.fixture
def can_tho_office(seed_data) -> User:
    province = OrgUnit.objects.create(code="can-tho", name="Thành phố Cần Thơ", type="tinh")
    user = User.objects.create_user("vanphong-cantho", password="Mat-khau-2026!")
    Grant.objects.create(user=user, unit=province, role=Role.ADMIN)
    return user


def test_another_provinces_office_cannot_overwrite_the_scenario(client, scenario, can_tho_office):
    client.force_login(can_tho_office)
    assert client.post(f"/mo-phong-dti/{scenario.pk}/luu/", {"v:6.4": "10%"}).status_code == 403
    scenario.refresh_from_db()
    assert scenario.values == {"6.4": "60%"}


def test_another_provinces_office_cannot_open_the_scenario(client, scenario, can_tho_office):
    client.force_login(can_tho_office)
    assert client.get(f"/mo-phong-dti/{scenario.pk}/").status_code == 403


def test_another_provinces_office_cannot_recompute_the_scenario(client, scenario, can_tho_office):
    client.force_login(can_tho_office)
    response = client.post(f"/mo-phong-dti/{scenario.pk}/tinh/", {"v:6.4": "60%"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403


def test_the_list_shows_only_the_scenarios_of_the_provinces_a_user_reaches(client, scenario, can_tho_office):
    client.force_login(can_tho_office)
    assert "Phấn đấu Đồng Tháp 2025" not in client.get("/mo-phong-dti/").content.decode()


def test_the_provinces_own_office_sees_its_scenario_in_the_list(client, office, scenario):
    client.force_login(office)
    assert "Phấn đấu Đồng Tháp 2025" in client.get("/mo-phong-dti/").content.decode()


def test_an_office_cannot_create_a_scenario_for_another_province(client, can_tho_office):
    client.force_login(can_tho_office)
    client.post(
        "/mo-phong-dti/",
        {
            "name": "Của tỉnh khác",
            "unit": OrgUnit.objects.get(code="dong-thap").pk,
            "base_period_id": "2024",
            "target_period_id": "2025",
            "note": "",
        },
    )
    assert not Scenario.objects.filter(name="Của tỉnh khác").exists()


def test_the_list_is_read_a_page_at_a_time_from_the_database(client, office):
    from chiso.simulator.views import SCENARIOS_PER_PAGE

    unit = OrgUnit.objects.get(code="dong-thap")
    Scenario.objects.bulk_create(
        Scenario(name=f"Kịch bản {i:03d}", unit=unit, base_period_id="2025", created_by=office, values={})
        for i in range(SCENARIOS_PER_PAGE + 5)
    )
    client.force_login(office)
    first = client.get("/mo-phong-dti/").content.decode()
    second = client.get("/mo-phong-dti/?trang=2").content.decode()
    assert first.count("Kịch bản ") == SCENARIOS_PER_PAGE
    assert "Trang 1/2" in first
    assert second.count("Kịch bản ") == 5
