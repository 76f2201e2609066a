"""The task and project pages with the seed data."""

from django.contrib.auth.models import User
from django.urls import reverse

from chiso.frameworks.models import Indicator


def test_pages_require_login(client, db) -> None:
    response = client.get(reverse("tasks:list"))
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response.url


def test_overdue_list_shows_the_late_2024_tasks(client, seeded) -> None:
    client.force_login(User.objects.create_user("xem"))
    page = client.get(reverse("tasks:list"), {"xem": "qua-han"}).content.decode()
    assert "pl5-v-1" in page
    assert "Quá hạn" in page
    assert "pl2-1.1" not in page  # "Thường xuyên" is never overdue


def test_tasks_by_indicator_lists_the_task_under_dti_6_4(client, seeded) -> None:
    client.force_login(User.objects.create_user("xem"))
    indicator = Indicator.objects.get(framework__code="dti-tinh-2025", code="6.4")
    page = client.get(reverse("tasks:list"), {"xem": "theo-chi-so", "chi-so": indicator.pk}).content.decode()
    assert "v-1-b" in page
    assert "pl2-6.4" in page
    assert "pl5-v-1" not in page


def test_tasks_by_unit_filters_on_the_unit(client, seeded) -> None:
    client.force_login(User.objects.create_user("xem"))
    page = client.get(reverse("tasks:list"), {"xem": "theo-don-vi", "don-vi": "cong-an-tinh"}).content.decode()
    assert "v-4-a" in page
    assert "pl2-1.2" not in page


def test_projects_page_shows_group_totals_matching_the_print(client, seeded) -> None:
    client.force_login(User.objects.create_user("xem"))
    page = client.get(reverse("tasks:projects")).content.decode()
    assert "706.966" in page
    assert "444.909" in page
    assert page.count("Khớp tổng in trong văn bản.") == 7
