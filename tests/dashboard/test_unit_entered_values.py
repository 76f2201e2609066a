"""The unit page shows the figures a unit entered in chiso, with their report's status."""

from django.urls import reverse


def test_an_entered_figure_shows_against_its_target_with_its_report_status(client, people, filled):
    client.force_login(people["viewer"])
    page = client.get(reverse("unit", args=["so-khcn"])).content.decode()
    row = page[page.index("3.662/4.393") :][:600]
    assert "80%" in row
    assert "Vượt" in row or "Đạt" in row
    assert "Báo cáo trên hệ thống — đang nhập" in row
