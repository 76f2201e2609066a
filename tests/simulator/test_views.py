"""The simulator pages: live recomputation and saving."""

from chiso.orgunits.models import OrgUnit
from chiso.simulator.models import Scenario


def _scenario(office):
    return Scenario.objects.create(
        name="Phấn đấu 2025", unit=OrgUnit.objects.get(code="dong-thap"), base_period_id="2025", created_by=office
    )


def test_the_htmx_answer_carries_the_new_total_and_the_row_points(client, office):
    client.force_login(office)
    scenario = _scenario(office)
    answer = client.post(f"/mo-phong-dti/{scenario.pk}/tinh/", {"v:6.4": "60%"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'id="pts-6-4" hx-swap-oob="true">20,00' in html


def test_saving_keeps_only_the_changed_values(client, office):
    client.force_login(office)
    scenario = _scenario(office)
    client.post(
        f"/mo-phong-dti/{scenario.pk}/luu/",
        {"v:6.4": "60%", "v:6.5": "59,65%", "p:7.2": "0,52", "peers": "Tỉnh A; 700"},
    )
    scenario.refresh_from_db()
    assert scenario.values == {"6.4": "60%"}
    assert scenario.points == {"7.2": "0,52"}
    assert scenario.peers == [{"name": "Tỉnh A", "total": "700"}]


def test_a_viewer_cannot_save_someone_elses_scenario(client, office, django_user_model):
    scenario = _scenario(office)
    client.force_login(django_user_model.objects.create_user("nguoixem"))
    assert client.post(f"/mo-phong-dti/{scenario.pk}/luu/", {"v:6.4": "60%"}).status_code == 403
