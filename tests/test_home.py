from django.test import Client

from chiso.frameworks.models import Indicator


def test_it_shows_loaded_counts_in_vietnamese(client: Client, indicator: Indicator) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bộ chỉ số, kế hoạch: <strong>1</strong>" in page
    assert "Chỉ số, chỉ tiêu: <strong>1</strong>" in page
    assert "Đơn vị: <strong>0</strong>" in page
